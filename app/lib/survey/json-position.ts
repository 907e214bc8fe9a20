import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";

/** Parses JSON text; on a syntax error, says where it is as "line L, column C: reason". */
export function parseJsonWithPosition(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    // JSON.parse does not always say where; jsonc-parser (strict settings) finds the first error's offset.
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const offset = first?.offset ?? 0;
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    const reason = first
      ? printParseErrorCode(first.error)
          .replace(/([a-z])([A-Z])/g, "$1 $2")
          .toLowerCase()
      : (error as Error).message;
    return { ok: false, message: `line ${line}, column ${column}: ${reason}` };
  }
}
