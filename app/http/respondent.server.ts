import { submitAnswers, type SubmitOutcome } from "~/flows/respond.server";
import { readAtMost } from "./body.server";
import { recordUnknownToken } from "./rate-limit.server";
import { orUnavailable } from "./unavailable.server";

const MAX_BODY = 256 * 1024;

/** A respondent POST's JSON reply as plain parts: the server writes it without a web Response. */
export interface AnswerReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function plainReply(status: number, body: unknown, headers: Record<string, string> = {}): AnswerReply {
  return {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
    body: JSON.stringify(body),
  };
}

function toResponse(reply: AnswerReply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

function reply(status: number, body: unknown, headers: Record<string, string> = {}) {
  return toResponse(plainReply(status, body, headers));
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

/** 400 for a body that is not declared JSON (answered before any of it is read). */
function wrongContentType(type: string): AnswerReply | undefined {
  if (/^application\/json\s*(;|$)/i.test(type)) return undefined;
  return plainReply(400, { ok: false, error: "Send the answers as JSON with Content-Type: application/json." });
}

/** A body's bytes as answers: 400 for bad UTF-8, bad JSON or values that cannot be stored. */
function parseAnswers(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; reply: AnswerReply } {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reply: plainReply(400, { ok: false, error: "The body is not valid UTF-8." }) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reply: plainReply(400, { ok: false, error: "The body is not valid JSON." }) };
  }
  const why = unstorable(value);
  if (why) return { ok: false, reply: plainReply(400, { ok: false, error: why }) };
  return { ok: true, value };
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
  const refused = wrongContentType(request.headers.get("content-type") ?? "");
  if (refused) return { ok: false, response: toResponse(refused) };
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
  const parsed = parseAnswers(bytes);
  return parsed.ok ? parsed : { ok: false, response: toResponse(parsed.reply) };
}

/** The reply of the respondent contract for an outcome (docs/api.md). */
function outcomeReply(outcome: SubmitOutcome): AnswerReply {
  switch (outcome.kind) {
    case "not-found":
      return plainReply(404, { ok: false, error: "This link is not valid. Check the link in your email." });
    case "bad-request":
      return plainReply(400, { ok: false, error: outcome.message });
    case "closed":
      return plainReply(410, { ok: false, error: outcome.message });
    case "already-answered":
      return plainReply(409, { ok: false, error: outcome.message });
    case "invalid":
      return plainReply(422, { ok: false, errors: outcome.errors });
    case "saved":
      return plainReply(200, { ok: true, status: outcome.status, responseId: outcome.responseId });
  }
}

/** The HTTP answer of the respondent contract for an outcome (docs/api.md). */
export function submitReply(outcome: SubmitOutcome): Response {
  return toResponse(outcomeReply(outcome));
}

/**
 * Answers sent to a personal link (POST /s/:token), once read: checked and stored. A link that exists
 * is always served; one that matches nothing is counted against the address (`clientIp`, worked out
 * only then), and past its allowance the 429 is thrown, as is the 503 while the database is away.
 */
async function personalLinkReply(token: string, answers: unknown, clientIp: () => string): Promise<AnswerReply> {
  const outcome = await orUnavailable(() => submitAnswers(token, answers), "json");
  if (outcome.kind === "not-found") await recordUnknownToken(clientIp(), "json");
  return outcomeReply(outcome);
}

/** The route's action for POST /s/:token: the body read from the web Request, then as answerPersonalLink. */
export async function personalLinkAction(request: Request, token: string, clientIp: () => string): Promise<Response> {
  const body = await readAnswersBody(request);
  if (!body.ok) return body.response;
  return toResponse(await personalLinkReply(token, body.value, clientIp));
}

/**
 * POST /s/:token from its parts — the token, the declared content type and the body's bytes, read
 * whole by the server (up to 256 KB, of a declared length) — with the same checks and reply as the
 * route's action. server/http.ts answers completions with it: the web Request, Headers and Response
 * the action takes and returns were a tenth of the app's time under load. Thrown: a 429 or 503 Response.
 */
export async function answerPersonalLink(
  token: string,
  contentType: string,
  bytes: Uint8Array,
  clientIp: () => string,
): Promise<AnswerReply> {
  if (bytes.byteLength > MAX_BODY) throw new Error("answerPersonalLink takes bodies up to 256 KB");
  const refused = wrongContentType(contentType);
  if (refused) return refused;
  const parsed = parseAnswers(bytes);
  if (!parsed.ok) return parsed.reply;
  return personalLinkReply(token, parsed.value, clientIp);
}
