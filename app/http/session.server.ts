import { crossSiteVerdict } from "~/lib/same-origin";
import { createSessionStorage, redirect } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { getAdmin, type Admin } from "~/models/admin.server";
import { createSessionRecord, deleteSessionRecord, readSessionRecord, SESSION_LIMITS } from "~/models/session.server";
import { roleAtLeast, type Role } from "~/lib/roles";
import { getSessionSecret } from "~/secrets.server";

interface SessionData {
  adminId: number;
  panelistId: number;
  /** A panelist signed in from a "results are out" email may read results, not change their profile. */
  scope: "full" | "results";
}

let storage: ReturnType<typeof createSessionStorage<SessionData>> | undefined;

/**
 * Sessions live in PostgreSQL (decision 005): the signed cookie holds a random id, the table its
 * hash and whose session it is. A session never changes hands: signing in starts a new one.
 */
function sessions() {
  storage ??= createSessionStorage<SessionData>({
    cookie: {
      name: "__quorum",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: getEnv().publicUrl.startsWith("https://"),
      secrets: [getSessionSecret()],
      maxAge: SESSION_LIMITS.panelist.hours * 60 * 60,
    },
    createData: (data) => createSessionRecord(data),
    readData: (id) => readSessionRecord(id),
    // Nothing changes a session's owner after it starts (see startSession); a commit just keeps it.
    updateData: async () => {},
    deleteData: (id) => deleteSessionRecord(id),
  });
  return storage;
}

/**
 * Signs someone in: the request's session (if any) ends and a new one, with a new id, starts, so a
 * cookie set before sign-in (fixation) or an old one replayed is worth nothing. Returns the Set-Cookie.
 */
export async function startSession(request: Request, data: Partial<SessionData>): Promise<string> {
  const old = await getSession(request);
  if (old.id) await deleteSessionRecord(old.id);
  const fresh = await sessions().getSession();
  for (const [key, value] of Object.entries(data)) fresh.set(key as keyof SessionData, value as never);
  return sessions().commitSession(fresh);
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
    throw new Response(
      `This needs the ${needed} role; you are ${admin.role === "viewer" ? "a viewer" : `an ${admin.role}`}. Ask an owner.`,
      { status: 403 },
    );
  }
  return admin;
}

/**
 * Where to go after signing in: a path on this site, read the way a browser would read it (tabs and
 * newlines dropped, backslashes as slashes), so "/\t/evil.example" cannot leave the site.
 */
export function safeRedirect(to: FormDataEntryValue | string | null, fallback = "/admin"): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  const here = "http://quorum.invalid";
  let url: URL;
  try {
    url = new URL(to, here);
  } catch {
    return fallback;
  }
  if (url.origin !== here) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
