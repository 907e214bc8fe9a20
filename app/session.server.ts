import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { getEnv } from "./env.server";
import { getAdmin, type Admin } from "./models/admin.server";
import { roleAtLeast, type Role } from "./lib/roles";
import { getSessionSecret } from "./secrets.server";

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

/** Rejects a state-changing request whose Origin is another site (with SameSite=Lax cookies, a second line against CSRF). */
export function assertSameOrigin(request: Request): void {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("Origin");
  if (!origin) return;
  const host = request.headers.get("X-Forwarded-Host") ?? request.headers.get("Host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = "";
  }
  if (originHost !== host && origin !== getEnv().publicUrl) {
    throw new Response("This form was sent from another site, so it was refused.", { status: 403 });
  }
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
