import type { SubmitOutcome } from "./models/respondent.server";

const MAX_BODY = 256 * 1024;

function reply(status: number, body: unknown) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/** The JSON body of a respondent POST: 400 for another content type or bad JSON, 413 over 256 KB. */
export async function readAnswersBody(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  if (request.method !== "POST") return { ok: false, response: reply(405, { ok: false, error: "Use POST to send answers." }) };
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    return { ok: false, response: reply(400, { ok: false, error: "Send the answers as JSON with Content-Type: application/json." }) };
  }
  const tooLarge = { ok: false as const, response: reply(413, { ok: false, error: "The answers are larger than 256 KB; shorten the longest answers and try again." }) };
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY) return tooLarge;
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY) return tooLarge;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: reply(400, { ok: false, error: "The body is not valid JSON." }) };
  }
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
