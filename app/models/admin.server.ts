import type postgres from "postgres";
import { sql } from "~/db.server";
import { highestRole, type Role } from "~/lib/web";
import { endSessionsOf } from "./session.server";

export interface Admin {
  id: number;
  email: string;
  /** On every panel when `panels` is null; otherwise the highest of the panels' roles. */
  role: Role;
  /** The panels this admin is limited to, by panel id, with the role on each; null: every panel. */
  panels: Record<string, Role> | null;
  createdAt: Date;
}

// A function, not a constant: the client connects on first use, which must not be when this module loads.
const adminColumns = () => sql`
  a.id, a.email, a.role, a.created_at,
  (select jsonb_object_agg(r.panel_id::text, r.role) from admin_panel_roles r where r.admin_id = a.id) as panels`;

/**
 * Stores an admin, or the new password hash and role of the one with that email, ending every
 * session they had. With `panelId` the role is granted on that panel only (other panels granted
 * before are kept); without it, on every panel (and grants per panel end).
 */
export async function saveAdmin(
  email: string,
  passwordHash: string,
  role: Role,
  panelId?: number,
): Promise<Admin & { created: boolean }> {
  return sql.begin(async (tx) => {
    const [existing] = await tx<
      { id: number }[]
    >`select id from admins where lower(email) = lower(${email}) for update`;
    let id: number;
    if (existing) {
      id = existing.id;
      await tx`update admins set password_hash = ${passwordHash}, role = ${role}, updated_at = now() where id = ${id}`;
      await endSessionsOf({ adminId: id }, tx);
    } else {
      const [row] = await tx<{ id: number }[]>`
        insert into admins (email, password_hash, role) values (${email.trim()}, ${passwordHash}, ${role}) returning id`;
      id = (row as { id: number }).id;
    }
    if (panelId === undefined) {
      await tx`delete from admin_panel_roles where admin_id = ${id}`;
    } else {
      await tx`
        insert into admin_panel_roles (admin_id, panel_id, role) values (${id}, ${panelId}, ${role})
        on conflict (admin_id, panel_id) do update set role = excluded.role`;
      const grants = await tx<{ role: Role }[]>`select role from admin_panel_roles where admin_id = ${id}`;
      await tx`update admins set role = ${highestRole(grants.map((g) => g.role))} where id = ${id}`;
    }
    const [row] = await tx<Admin[]>`select ${adminColumns()} from admins a where a.id = ${id}`;
    return { ...(row as Admin), created: !existing };
  });
}

export async function getAdmin(id: number): Promise<Admin | undefined> {
  const [row] = await sql<Admin[]>`select ${adminColumns()} from admins a where a.id = ${id}`;
  return row;
}

/** Every admin with their panels (for the owner's list of people). */
export async function listAdmins(): Promise<Admin[]> {
  return sql<Admin[]>`select ${adminColumns()} from admins a order by lower(a.email)`;
}

/** Removes an admin: their sessions end with them (API keys they made stay, and say who made them). */
export async function removeAdmin(email: string): Promise<boolean> {
  const result = await sql`delete from admins where lower(email) = lower(${email})`;
  return result.count > 0;
}

/** What the sign-in throttle counts, for one email within 15 minutes (see flows/admins). */
export interface RecentSignIns {
  /** Failures from here since the last success here: a known device's own, else its address's. */
  fromHere: number;
  lastHere: Date | null;
  /** Failures for the account from everywhere. */
  everywhere: number;
  oldest: Date | null;
}

/** The account's sign-in attempts of the last 15 minutes, counted from `ip`, or from the known device. */
export async function recentSignIns(email: string, ip: string | null, knownDevice: boolean): Promise<RecentSignIns> {
  const [recent] = await sql<RecentSignIns[]>`
    with recent as (
      select ip, succeeded, at, known_device from sign_in_attempts
      where lower(email) = lower(${email}) and at > now() - make_interval(mins => 15)
    ), here as (
      -- A browser the account signed in from answers only for its own failures (from any address);
      -- any other attempt, for the failures from its address.
      select * from recent where (case when ${knownDevice} then known_device else ip is not distinct from ${ip} end)
        and at > coalesce((select max(at) from recent where succeeded
          and (case when ${knownDevice} then known_device else ip is not distinct from ${ip} end)), '-infinity')
    )
    select (select count(*) from here where not succeeded)::int as from_here, (select max(at) from here) as last_here,
      (select count(*) from recent where not succeeded)::int as everywhere, (select min(at) from recent where not succeeded) as oldest`;
  return recent ?? { fromHere: 0, lastHere: null, everywhere: 0, oldest: null };
}

/** The admin with that email and their password hash. */
export async function adminWithPasswordHash(email: string): Promise<(Admin & { passwordHash: string }) | undefined> {
  const [row] = await sql<(Admin & { passwordHash: string })[]>`
    select ${adminColumns()}, a.password_hash from admins a where lower(a.email) = lower(${email})`;
  return row;
}

export async function recordSignIn(email: string, ip: string | null, succeeded: boolean, knownDevice: boolean) {
  await sql`insert into sign_in_attempts (email, ip, succeeded, known_device)
    values (${email}, ${ip}, ${succeeded}, ${knownDevice})`;
}

/** The admin with this email (any case), if there is one. */
export async function adminByEmail(email: string): Promise<{ id: number; email: string } | undefined> {
  const [row] = await sql<
    { id: number; email: string }[]
  >`select id, email from admins where lower(email) = lower(${email})`;
  return row;
}

/** Stores a password-reset token's hash (earlier unused ones of the admin stop working). */
export async function createPasswordReset(
  adminId: number,
  tokenHash: Buffer,
  ttlMs: number,
  db: typeof sql | postgres.TransactionSql = sql,
): Promise<void> {
  await db`update admin_password_resets set used_at = now() where admin_id = ${adminId} and used_at is null`;
  await db`insert into admin_password_resets (admin_id, token_hash, expires_at)
    values (${adminId}, ${tokenHash}, now() + ${ttlMs / 1000} * interval '1 second')`;
}

/** Whether a reset token is usable now (unused, unexpired), without using it. */
export async function passwordResetUsable(tokenHash: Buffer): Promise<boolean> {
  const [row] = await sql`select 1 from admin_password_resets
    where token_hash = ${tokenHash} and used_at is null and expires_at > now()`;
  return Boolean(row);
}

/**
 * Uses a reset token once: sets the new password hash and ends every session of the admin, in one
 * transaction. Returns the admin's id, or undefined when the token is unknown, used or expired.
 */
export async function consumePasswordReset(tokenHash: Buffer, passwordHash: string): Promise<number | undefined> {
  return sql.begin(async (tx) => {
    const [row] = await tx<{ adminId: number }[]>`
      update admin_password_resets set used_at = now()
      where token_hash = ${tokenHash} and used_at is null and expires_at > now() returning admin_id`;
    if (!row) return undefined;
    await tx`update admins set password_hash = ${passwordHash}, updated_at = now() where id = ${row.adminId}`;
    await tx`update admin_password_resets set used_at = now() where admin_id = ${row.adminId} and used_at is null`;
    await tx`delete from sessions where admin_id = ${row.adminId}`;
    return row.adminId;
  });
}
