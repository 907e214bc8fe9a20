import type { ActionFunctionArgs } from "@remix-run/node";
import { submitAnswers } from "~/models/respondent.server";

const MAX_BODY = 256 * 1024;

function reply(status: number, body: unknown) {
  return Response.json(body, {
    status,
    headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
  });
}

async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    return { ok: false, status: 400, message: "Send the answers as JSON with Content-Type: application/json." };
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY) {
    return { ok: false, status: 413, message: "The answers are larger than 256 KB; shorten the longest answers and try again." };
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY) {
    return { ok: false, status: 413, message: "The answers are larger than 256 KB; shorten the longest answers and try again." };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, message: "The body is not valid JSON." };
  }
}

/** POST /s/:token (the server rewrites it here): validate and store a respondent's answers. */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return reply(405, { ok: false, error: "Use POST to send answers." });
  const body = await readJson(request);
  if (!body.ok) return reply(body.status, { ok: false, error: body.message });

  const outcome = await submitAnswers(params.token ?? "", body.value);
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

export function loader() {
  return new Response("Not Found", { status: 404 });
}
