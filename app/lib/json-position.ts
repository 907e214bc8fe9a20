/** Parses JSON text; on a syntax error, says where it is as "line L, column C". */
export function parseJsonWithPosition(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const match = /at position (\d+)/.exec(message) ?? /line (\d+) column (\d+)/.exec(message);
    let where = "";
    if (match && match.length === 2) {
      const offset = Number(match[1]);
      const before = text.slice(0, offset);
      const line = before.split("\n").length;
      const column = offset - before.lastIndexOf("\n");
      where = `line ${line}, column ${column}: `;
    } else if (match) {
      where = `line ${match[1]}, column ${match[2]}: `;
    } else if (text.trim() === "") {
      where = "line 1, column 1: ";
    }
    const reason = message.replace(/^(JSON\.parse: |Unexpected)/, (m) => (m === "Unexpected" ? m : "")).replace(/ in JSON at position \d+.*$/, "");
    return { ok: false, message: `${where}${reason}` };
  }
}
