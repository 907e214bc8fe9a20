import type { SubmitOutcome } from "~/flows/respond.server";
import { readAtMost } from "./body.server";

const MAX_BODY = 256 * 1024;

function reply(status: number, body: unknown, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

const MAX_DEPTH = 32;

/**
 * Why a parsed body cannot be stored, if it cannot: nesting deeper than any questionnaire needs,
 * or a string PostgreSQL's jsonb refuses (a NUL character or half of a surrogate pair).
 */
function unstorable(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return `The answers are nested more than ${MAX_DEPTH} levels deep.`;
  if (typeof value === "string") {
    // eslint-disable-next-line no-control-regex
    if (/\u0000/.test(value)) return "An answer contains a NUL character, which cannot be stored.";
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value))
      return "An answer contains half of a Unicode surrogate pair, which cannot be stored.";
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const why = unstorable(item, depth + 1);
      if (why) return why;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const why = unstorable(key, depth + 1) ?? unstorable(item, depth + 1);
      if (why) return why;
    }
  }
  return undefined;
}

/**
 * The JSON body of a respondent POST: 405 for another method, 400 for another content type, bad
 * UTF-8, bad JSON or values that cannot be stored, 413 over 256 KB. Nothing is stored on any of these.
 */
export async function readAnswersBody(
  request: Request,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  if (request.method !== "POST")
    return { ok: false, response: reply(405, { ok: false, error: "Use POST to send answers." }) };
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return {
      ok: false,
      response: reply(400, { ok: false, error: "Send the answers as JSON with Content-Type: application/json." }),
    };
  }
  // The rest of an oversized body is not read, so the connection cannot carry another request.
  const tooLarge = () => ({
    ok: false as const,
    response: reply(
      413,
      { ok: false, error: "The answers are larger than 256 KB; shorten the longest answers and try again." },
      { Connection: "close" },
    ),
  });
  const bytes = await readAtMost(request, MAX_BODY);
  if (!bytes) return tooLarge();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, response: reply(400, { ok: false, error: "The body is not valid UTF-8." }) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, response: reply(400, { ok: false, error: "The body is not valid JSON." }) };
  }
  const why = unstorable(value);
  if (why) return { ok: false, response: reply(400, { ok: false, error: why }) };
  return { ok: true, value };
}

/** The HTTP answer of the respondent contract for an outcome (docs/api.md). */
export function submitReply(outcome: SubmitOutcome): Response {
  switch (outcome.kind) {
    case "not-found":
      return reply(404, { ok: false, error: "This link is not valid. Check the link in your email." });
    case "bad-request":
      return reply(400, { ok: false, error: outcome.message });
    case "closed":
      return reply(410, { ok: false, error: outcome.message });
    case "already-answered":
      return reply(409, { ok: false, error: outcome.message });
    case "invalid":
      return reply(422, { ok: false, errors: outcome.errors });
    case "saved":
      return reply(200, { ok: true, status: outcome.status, responseId: outcome.responseId });
  }
}
