import { findApiKey, type ApiKey } from "~/models/api-key.server";
import { getWaveBySlug } from "~/models/wave.server";
import { getPanelBySlug, type Panel } from "~/models/panel.server";
import type { Actor } from "~/models/audit.server";
import { mayOnPanel, roleAtLeast, type Access, type Role } from "~/lib/web";
import { readAtMost, sizeLabel } from "./body.server";

/** A JSON answer of the API. */
export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** What a key may do, in the terms admins use: its role on its one panel, or on every panel. */
function keyAccess(key: ApiKey): Access {
  return { role: key.role, panels: key.panelId === null ? null : { [String(key.panelId)]: key.role } };
}

/** The API key of a request (`Authorization: Bearer <key>`): 401 when missing or wrong, 403 when its role is too low. */
export async function requireApiKey(
  request: Request,
  needed: Role,
  { allPanels = false }: { allPanels?: boolean } = {},
): Promise<{ key: ApiKey; actor: Actor; access: Access }> {
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
  if (allPanels && key.panelId !== null) {
    throw apiJson(
      { error: `This API key is for the panel "${key.panelSlug}" only; this needs a key for every panel.` },
      403,
    );
  }
  return { key, actor: { label: `api-key:${key.name}`, apiKeyId: key.id }, access: keyAccess(key) };
}

function outsideKey(key: ApiKey): Response {
  return apiJson({ error: `This API key is for the panel "${key.panelSlug}" only.` }, 403);
}

/** The key and the panel an API path names: 404 when there is none, 403 when the key is for another panel. */
export async function requireApiPanel(request: Request, slug: string | undefined, needed: Role) {
  const auth = await requireApiKey(request, needed);
  const panel = slug ? await getPanelBySlug(slug) : undefined;
  if (!panel)
    throw auth.key.panelId === null ? apiJson({ error: `There is no panel "${slug}".` }, 404) : outsideKey(auth.key);
  if (!mayOnPanel(auth.access, panel.id, needed)) throw outsideKey(auth.key);
  return { ...auth, panel: panel as Panel };
}

/** The key and the wave an API path names: 404 when there is none, 403 when the key is for another panel. */
export async function requireApiWave(request: Request, slug: string | undefined, needed: Role) {
  const auth = await requireApiKey(request, needed);
  const wave = slug ? await getWaveBySlug(slug) : undefined;
  if (!wave)
    throw auth.key.panelId === null ? apiJson({ error: `There is no wave "${slug}".` }, 404) : outsideKey(auth.key);
  if (!mayOnPanel(auth.access, wave.panelId, needed)) throw outsideKey(auth.key);
  return { ...auth, wave };
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
