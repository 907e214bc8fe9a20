import { randomBytes } from "node:crypto";
import type postgres from "postgres";
import { sql } from "~/db.server";
import { hashToken } from "~/lib/security";

export interface SessionRecord {
  adminId?: number;
  panelistId?: number;
  scope?: "full" | "results";
}

/** How long sessions last: from sign-in whatever happens, and since the last request. */
export const SESSION_LIMITS = {
  admin: { hours: 12, idleMinutes: 120 },
  panelist: { hours: 24, idleMinutes: 120 },
} as const;

/** Starts a session; returns its id, which only the cookie holds (the database keeps its hash). */
export async function createSessionRecord(data: SessionRecord): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const limits = data.adminId ? SESSION_LIMITS.admin : SESSION_LIMITS.panelist;
  await sql`
    insert into sessions (id_hash, admin_id, panelist_id, scope, expires_at, idle_minutes)
    values (${hashToken(id)}, ${data.adminId ?? null}, ${data.panelistId ?? null}, ${data.scope ?? "full"},
      now() + make_interval(hours => ${limits.hours}), ${limits.idleMinutes})`;
  return id;
}

/** The session an id names, while it is neither expired nor idle too long (reading it counts as activity). */
export async function readSessionRecord(id: string): Promise<SessionRecord | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
  const [row] = await sql<{ adminId: number | null; panelistId: number | null; scope: "full" | "results" }[]>`
    update sessions set last_seen_at = now()
    where id_hash = ${hashToken(id)} and expires_at > now() and last_seen_at > now() - make_interval(mins => idle_minutes)
    returning admin_id, panelist_id, scope`;
  if (!row) return null;
  return {
    ...(row.adminId ? { adminId: row.adminId } : {}),
    ...(row.panelistId ? { panelistId: row.panelistId, scope: row.scope } : {}),
  };
}

export async function deleteSessionRecord(id: string): Promise<void> {
  await sql`delete from sessions where id_hash = ${hashToken(id)}`;
}

/** Ends every session of an admin (password or role changed, removed) or of a panelist (erased, address changed). */
export async function endSessionsOf(
  who: { adminId: number } | { panelistId: number },
  db: typeof sql | postgres.TransactionSql = sql,
): Promise<number> {
  const result =
    "adminId" in who
      ? await db`delete from sessions where admin_id = ${who.adminId}`
      : await db`delete from sessions where panelist_id = ${who.panelistId}`;
  return result.count;
}

/** Forgets sessions past their time (the worker calls this now and then). */
export async function deleteExpiredSessions(): Promise<number> {
  const result =
    await sql`delete from sessions where expires_at <= now() or last_seen_at <= now() - make_interval(mins => idle_minutes)`;
  return result.count;
}
