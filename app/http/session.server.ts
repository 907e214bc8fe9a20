import { crossSiteVerdict, mayOnPanel, roleAtLeast, roleOnPanel, withArticle, type Role } from "~/lib/web";
import { createSessionStorage, redirect } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { getAdmin, type Admin } from "~/models/admin.server";
import { createSessionRecord, deleteSessionRecord, readSessionRecord, SESSION_LIMITS } from "~/models/session.server";
import { getPanelBySlug, type Panel } from "~/models/panel.server";
import { getWaveBySlug, type Wave } from "~/models/wave.server";
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

/**
 * The signed-in admin, or a redirect to the sign-in page; a 403 when their role is too low. Pages
 * about one panel or wave use requirePanelAdmin or requireWaveAdmin instead; `allPanels` asks for
 * the role on every panel (creating a panel).
 */
export async function requireAdmin(
  request: Request,
  needed: Role = "viewer",
  { allPanels = false }: { allPanels?: boolean } = {},
): Promise<Admin> {
  assertSameOrigin(request);
  const session = await getSession(request);
  const id = session.get("adminId") as number | undefined;
  const admin = id ? await getAdmin(id) : undefined;
  if (!admin) {
    const url = new URL(request.url);
    throw redirect(`/admin/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (!roleAtLeast(admin.role, needed)) {
    throw new Response(`This needs the ${needed} role; you are ${withArticle(admin.role)}. Ask an owner.`, {
      status: 403,
    });
  }
  if (allPanels && admin.role !== "owner" && admin.panels !== null) {
    throw new Response(`This needs the ${needed} role on every panel; yours is limited to some panels. Ask an owner.`, {
      status: 403,
    });
  }
  return admin;
}

/** A 403 unless the admin has at least `needed` on the panel (the same sentence whether or not it exists). */
function assertPanelRole(admin: Admin, panelId: number | undefined, needed: Role): void {
  if (panelId !== undefined && mayOnPanel(admin, panelId, needed)) return;
  const role = panelId === undefined ? undefined : roleOnPanel(admin, panelId);
  throw new Response(
    role
      ? `This needs the ${needed} role on this panel; you are ${withArticle(role)} of it. Ask an owner.`
      : "This panel is not one of yours: ask an owner to give you a role on it.",
    { status: 403 },
  );
}

/** A 403 unless the panel a form names (by slug) is the admin's at `needed`; undefined when no panel exists by that name. */
export async function assertPanelSlugRole(
  admin: Admin,
  slug: string | undefined,
  needed: Role,
): Promise<Panel | undefined> {
  const panel = slug ? await getPanelBySlug(slug) : undefined;
  if (!panel && (admin.role === "owner" || admin.panels === null)) return undefined;
  assertPanelRole(admin, panel?.id, needed);
  return panel;
}

/**
 * The signed-in admin and the panel a URL names: a 403 when the panel is not theirs at `needed`
 * (also when it does not exist, for an admin limited to some panels, so its existence is not told).
 */
export async function requirePanelAdmin(
  request: Request,
  slug: string | undefined,
  needed: Role = "viewer",
): Promise<{ admin: Admin; panel: Panel }> {
  const admin = await requireAdmin(request, needed);
  const panel = slug ? await getPanelBySlug(slug) : undefined;
  if (!panel && (admin.role === "owner" || admin.panels === null)) {
    throw new Response("There is no panel at this address.", { status: 404 });
  }
  assertPanelRole(admin, panel?.id, needed);
  return { admin, panel: panel as Panel };
}

/** The signed-in admin and the wave a URL names, checked against the wave's panel as requirePanelAdmin does. */
export async function requireWaveAdmin(
  request: Request,
  slug: string | undefined,
  needed: Role = "viewer",
): Promise<{ admin: Admin; wave: Wave }> {
  const admin = await requireAdmin(request, needed);
  const wave = slug ? await getWaveBySlug(slug) : undefined;
  if (!wave && (admin.role === "owner" || admin.panels === null)) {
    throw new Response("There is no such wave.", { status: 404 });
  }
  assertPanelRole(admin, wave?.panelId, needed);
  return { admin, wave: wave as Wave };
}

export { safeRedirect } from "./safe-redirect";
