import { crossSiteVerdict } from "~/lib/same-origin";
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { getAdmin, type Admin } from "~/models/admin.server";
import { roleAtLeast, type Role } from "~/lib/roles";
import { getSessionSecret } from "~/secrets.server";

interface SessionData {
  adminId: number;
  panelistId: number;
}

let storage: ReturnType<typeof createCookieSessionStorage<SessionData>> | undefined;

function sessions() {
  storage ??= createCookieSessionStorage({
    cookie: {
      name: "__quorum",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: getEnv().publicUrl.startsWith("https://"),
      secrets: [getSessionSecret()],
      maxAge: 60 * 60 * 12,
    },
  });
  return storage;
}

export function getSession(request: Request) {
  return sessions().getSession(request.headers.get("Cookie"));
}

export async function commitSession(session: Awaited<ReturnType<typeof getSession>>) {
  return sessions().commitSession(session);
}

export async function destroySession(session: Awaited<ReturnType<typeof getSession>>) {
  return sessions().destroySession(session);
}

/** Rejects a state-changing request sent from another site (after SameSite=Lax cookies; see crossSiteVerdict). */
export function assertSameOrigin(request: Request): void {
  const verdict = crossSiteVerdict(request.method, request.headers);
  if (verdict) throw new Response(verdict.message, { status: verdict.status });
}

/** The signed-in admin, or a redirect to the sign-in page; a 403 when their role is too low. */
export async function requireAdmin(request: Request, needed: Role = "viewer"): Promise<Admin> {
  assertSameOrigin(request);
  const session = await getSession(request);
  const id = session.get("adminId") as number | undefined;
  const admin = id ? await getAdmin(id) : undefined;
  if (!admin) {
    const url = new URL(request.url);
    throw redirect(`/admin/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (!roleAtLeast(admin.role, needed)) {
    throw new Response(`This needs the ${needed} role; you are ${admin.role === "viewer" ? "a viewer" : `an ${admin.role}`}. Ask an owner.`, { status: 403 });
  }
  return admin;
}

/** Where to go after signing in: only a path on this site. */
export function safeRedirect(to: FormDataEntryValue | string | null, fallback = "/admin"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
