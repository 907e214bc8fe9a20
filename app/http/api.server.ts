import { findApiKey, type ApiKey } from "~/models/api-key.server";
import { getWaveBySlug, type Wave } from "~/models/wave.server";
import type { Actor } from "~/models/audit.server";
import { roleAtLeast, type Role } from "~/lib/roles";
import { readAtMost, sizeLabel } from "./body.server";

/** A JSON answer of the API. */
export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** The API key of a request (`Authorization: Bearer <key>`): 401 when missing or wrong, 403 when its role is too low. */
export async function requireApiKey(request: Request, needed: Role): Promise<{ key: ApiKey; actor: Actor }> {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const key = match ? await findApiKey(match[1] as string) : undefined;
  if (!key) {
    throw apiJson({ error: "Send a valid API key as 'Authorization: Bearer <key>'." }, 401, {
      "WWW-Authenticate": "Bearer",
    });
  }
  if (!roleAtLeast(key.role, needed)) {
    throw apiJson({ error: `This API key has the ${key.role} role; this needs ${needed}.` }, 403);
  }
  return { key, actor: { label: `api-key:${key.name}`, apiKeyId: key.id } };
}

/** The JSON body of an API request, or a 400 with a sentence. */
export async function readJsonBody(request: Request, maxBytes = 10 * 1024 * 1024): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers.get("Content-Type") ?? "")) {
    throw apiJson({ error: "Send JSON with Content-Type: application/json." }, 400);
  }
  const bytes = await readAtMost(request, maxBytes);
  if (!bytes)
    throw apiJson({ error: `The body is larger than ${sizeLabel(maxBytes)}: send fewer records at a time.` }, 413, {
      Connection: "close",
    });
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw apiJson({ error: "The body is not valid JSON." }, 400);
  }
}

/** The wave an API path names, or a 404 answer. */
export async function waveOr404(slug: string | undefined): Promise<Wave> {
  const wave = slug ? await getWaveBySlug(slug) : undefined;
  if (!wave) throw apiJson({ error: `There is no wave "${slug}".` }, 404);
  return wave;
}
