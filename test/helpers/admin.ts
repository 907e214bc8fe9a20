import { randomBytes } from "node:crypto";
import { upsertAdmin } from "~/flows/admins.server";
import type { Role } from "~/lib/web";
import { commitSession, getSession } from "~/http/session.server";

/** An admin of the given role (on one panel with `panelId`) and a Cookie header that signs them in (no form needed). */
export async function adminSession(role: Role, panelId?: number) {
  const email = `${role}-${randomBytes(3).toString("hex")}@example.org`;
  const admin = await upsertAdmin(email, "a long enough password", role, panelId);
  const session = await getSession(new Request("http://localhost/"));
  session.set("adminId", admin.id);
  const cookie = (await commitSession(session)).split(";")[0] as string;
  return { admin, cookie };
}

/** A Cookie header that signs a panelist in (as their one-time link would). */
export async function panelistSession(panelistId: number): Promise<string> {
  const session = await getSession(new Request("http://localhost/"));
  session.set("panelistId", panelistId);
  return (await commitSession(session)).split(";")[0] as string;
}

/** A request as a browser on this site would send it. */
export function request(
  path: string,
  init: { method?: string; cookie?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("Cookie", init.cookie);
  headers.set("Host", "localhost");
  return new Request(`http://localhost${path}`, {
    method: init.method ?? (init.form ? "POST" : "GET"),
    headers,
    body: init.form ? new URLSearchParams(init.form) : undefined,
  });
}

/** Calls a route's loader or action; a thrown Response (401, 404, a redirect) is returned instead. */
export async function runHandler(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fn: (a: any) => Promise<Response>,
  req: Request,
  params: Record<string, string> = {},
  context: Record<string, unknown> = {},
): Promise<Response> {
  try {
    return await fn({ request: req, params, context });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The status, headers and body of whatever a loader or action gave: a Response, `data(...)`, a plain value, or a thrown Response. */
export async function outcomeOf(
  promise: Promise<unknown>,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  let result: unknown;
  try {
    result = await promise;
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  if (result instanceof Response) {
    const text = await result.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // a page or plain text
    }
    return { status: result.status, headers: result.headers, body };
  }
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const init = (result as { init?: { status?: number; headers?: HeadersInit } }).init;
    return {
      status: init?.status ?? 200,
      headers: new Headers(init?.headers),
      body: (result as { data: unknown }).data,
    };
  }
  return { status: 200, headers: new Headers(), body: result };
}
