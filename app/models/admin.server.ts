import { sql } from "~/db.server";
import { hashPassword, verifyPassword } from "~/lib/security";
import { highestRole, type Role } from "~/lib/web";

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

/** Failures from one address for one account before each further attempt has to wait. */
export const FREE_FAILURES = 5;
/** The wait after those: 30 s, doubling with each further failure, at most 15 minutes. */
const FIRST_WAIT_S = 30;
const MAX_WAIT_S = 15 * 60;
/** Failures for one account from everywhere within 15 minutes before devices it never signed in from must wait. */
export const ACCOUNT_CEILING = 50;

/**
 * Creates an admin, or resets the password and role of the one with that email, ending every
 * session they had. With `panelId` the role is granted on that panel only (other panels granted
 * before are kept); without it, on every panel (and grants per panel end). An owner owns every panel.
 */
export async function upsertAdmin(
  email: string,
  password: string,
  role: Role,
  panelId?: number,
): Promise<Admin & { created: boolean }> {
  if (role === "owner" && panelId !== undefined) throw new Error("An owner owns every panel: give no panel.");
  const passwordHash = await hashPassword(password);
  return sql.begin(async (tx) => {
    const [existing] = await tx<
      { id: number }[]
    >`select id from admins where lower(email) = lower(${email}) for update`;
    let id: number;
    if (existing) {
      id = existing.id;
      await tx`update admins set password_hash = ${passwordHash}, role = ${role}, updated_at = now() where id = ${id}`;
      await tx`delete from sessions where admin_id = ${id}`;
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

export type SignIn =
  | { kind: "ok"; admin: Admin }
  | { kind: "wrong" }
  | { kind: "throttled"; retryInSeconds: number; scope: "address" | "account" | "device" };

/**
 * Checks an email and password, throttled as OWASP advises rather than locked: after 5 failures for
 * an account from one address (since its last success there, within 15 minutes), each attempt from
 * there waits 30 s, doubling per failure up to 15 minutes; attempts from elsewhere are not slowed.
 * Only when an account has 50 failures from everywhere within 15 minutes must devices it never
 * signed in from wait too; a device it signed in from (`knownDevice`) never does, and is slowed
 * only by its own failures, never by others' from its address (a shared network), so an outsider
 * cannot lock the owner out.
 */
export async function signIn(email: string, password: string, ip: string | null, knownDevice = false): Promise<SignIn> {
  const [recent] = await sql<{ fromHere: number; lastHere: Date | null; everywhere: number; oldest: Date | null }[]>`
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
  if (recent && recent.fromHere >= FREE_FAILURES && recent.lastHere) {
    const wait = Math.min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** (recent.fromHere - FREE_FAILURES)) * 1000;
    const left = recent.lastHere.getTime() + wait - Date.now();
    if (left > 0)
      return { kind: "throttled", retryInSeconds: Math.ceil(left / 1000), scope: knownDevice ? "device" : "address" };
  }
  if (recent && recent.everywhere >= ACCOUNT_CEILING && !knownDevice && recent.oldest) {
    const left = recent.oldest.getTime() + 15 * 60_000 - Date.now();
    if (left > 0) return { kind: "throttled", retryInSeconds: Math.ceil(left / 1000), scope: "account" };
  }
  const [row] = await sql<(Admin & { passwordHash: string })[]>`
    select ${adminColumns()}, a.password_hash from admins a where lower(a.email) = lower(${email})`;
  // Verify against a dummy hash when the email is unknown, so timing does not tell who is an admin.
  const ok = await verifyPassword(row?.passwordHash ?? DUMMY_HASH, password);
  await sql`insert into sign_in_attempts (email, ip, succeeded, known_device)
    values (${email}, ${ip}, ${Boolean(row && ok)}, ${knownDevice})`;
  if (!row || !ok) return { kind: "wrong" };
  const { passwordHash: _omit, ...admin } = row;
  return { kind: "ok", admin };
}

const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$7t0hVJ5r7bH2Z2xPpY3vQp0p7wCwq1y1u7i0Y1m8P3M";
