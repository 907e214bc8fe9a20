import { sql } from "~/db.server";
import { hashPassword, verifyPassword } from "~/lib/passwords";
import type { Role } from "~/lib/roles";

export interface Admin {
  id: number;
  email: string;
  role: Role;
  createdAt: Date;
}

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MINUTES = 15;

/** Creates an admin, or resets the password and role of the one with that email. */
export async function upsertAdmin(email: string, password: string, role: Role): Promise<Admin & { created: boolean }> {
  const passwordHash = await hashPassword(password);
  const [existing] = await sql<{ id: number }[]>`select id from admins where lower(email) = lower(${email})`;
  if (existing) {
    const [row] = await sql<Admin[]>`
      update admins set password_hash = ${passwordHash}, role = ${role}, updated_at = now()
      where id = ${existing.id} returning id, email, role, created_at`;
    return { ...(row as Admin), created: false };
  }
  const [row] = await sql<Admin[]>`
    insert into admins (email, password_hash, role) values (${email.trim()}, ${passwordHash}, ${role})
    returning id, email, role, created_at`;
  return { ...(row as Admin), created: true };
}

export async function getAdmin(id: number): Promise<Admin | undefined> {
  const [row] = await sql<Admin[]>`select id, email, role, created_at from admins where id = ${id}`;
  return row;
}

export type SignIn =
  | { kind: "ok"; admin: Admin }
  | { kind: "wrong" }
  | { kind: "locked"; retryInMinutes: number };

/**
 * Checks an email and password. After 5 failures for one email within 15 minutes, further
 * attempts are refused until the oldest of those failures is 15 minutes old.
 */
export async function signIn(email: string, password: string, ip: string | null): Promise<SignIn> {
  const [recent] = await sql<{ failures: number; oldest: Date | null }[]>`
    select count(*) as failures, min(at) as oldest from sign_in_attempts
    where lower(email) = lower(${email}) and not succeeded
      and at > now() - make_interval(mins => ${FAILURE_WINDOW_MINUTES})`;
  if (recent && recent.failures >= MAX_FAILURES && recent.oldest) {
    const unlock = recent.oldest.getTime() + FAILURE_WINDOW_MINUTES * 60_000;
    return { kind: "locked", retryInMinutes: Math.max(1, Math.ceil((unlock - Date.now()) / 60_000)) };
  }
  const [row] = await sql<(Admin & { passwordHash: string })[]>`
    select id, email, role, created_at, password_hash from admins where lower(email) = lower(${email})`;
  // Verify against a dummy hash when the email is unknown, so timing does not tell who is an admin.
  const ok = await verifyPassword(row?.passwordHash ?? DUMMY_HASH, password);
  await sql`insert into sign_in_attempts (email, ip, succeeded) values (${email}, ${ip}, ${Boolean(row && ok)})`;
  if (!row || !ok) return { kind: "wrong" };
  const { passwordHash: _omit, ...admin } = row;
  return { kind: "ok", admin };
}

const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$7t0hVJ5r7bH2Z2xPpY3vQp0p7wCwq1y1u7i0Y1m8P3M";
