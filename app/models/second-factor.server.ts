import { sql } from "~/db.server";

/** An admin's second factor as stored: secrets sealed (see lib/security sealSecret). */
export interface SecondFactorRow {
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpLastStep: number | null;
  totpEnabledAt: Date | null;
  recoveryCodesLeft: number;
}

export async function secondFactorOf(adminId: number): Promise<SecondFactorRow | undefined> {
  const [row] = await sql<SecondFactorRow[]>`
    select totp_secret, totp_pending_secret, totp_last_step::float8 as totp_last_step, totp_enabled_at,
      (select count(*) from admin_recovery_codes r where r.admin_id = a.id and r.used_at is null)::int as recovery_codes_left
    from admins a where a.id = ${adminId}`;
  return row;
}

/** Keeps the secret an admin is enrolling with (until a code from it is typed). */
export async function savePendingSecret(adminId: number, sealed: string): Promise<void> {
  await sql`update admins set totp_pending_secret = ${sealed} where id = ${adminId}`;
}

/**
 * Turns the pending secret on, marks `step` used, and replaces the recovery codes, in one transaction.
 * False when the pending secret changed meanwhile (another tab began again).
 */
export async function enableSecondFactor(
  adminId: number,
  sealedPending: string,
  step: number,
  codeHashes: Buffer[],
): Promise<boolean> {
  return sql.begin(async (tx) => {
    const done = await tx`
      update admins set totp_secret = totp_pending_secret, totp_pending_secret = null, totp_last_step = ${step},
        totp_enabled_at = now(), updated_at = now()
      where id = ${adminId} and totp_pending_secret = ${sealedPending}`;
    if (done.count === 0) return false;
    await tx`delete from admin_recovery_codes where admin_id = ${adminId}`;
    for (const hash of codeHashes)
      await tx`insert into admin_recovery_codes (admin_id, code_hash) values (${adminId}, ${hash})`;
    return true;
  });
}

/** Marks a time step used, once: false when that step or a later one was already used (a replayed code). */
export async function spendTotpStep(adminId: number, step: number): Promise<boolean> {
  const done = await sql`
    update admins set totp_last_step = ${step}
    where id = ${adminId} and totp_secret is not null and (totp_last_step is null or totp_last_step < ${step})`;
  return done.count > 0;
}

/** Uses a recovery code once: false when it is not one of the admin's unused codes. */
export async function spendRecoveryCode(adminId: number, codeHash: Buffer): Promise<boolean> {
  const done = await sql`
    update admin_recovery_codes set used_at = now()
    where admin_id = ${adminId} and code_hash = ${codeHash} and used_at is null`;
  return done.count > 0;
}

/** Replaces an admin's recovery codes with new ones (the old stop working). */
export async function replaceRecoveryCodes(adminId: number, codeHashes: Buffer[]): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`delete from admin_recovery_codes where admin_id = ${adminId}`;
    for (const hash of codeHashes)
      await tx`insert into admin_recovery_codes (admin_id, code_hash) values (${adminId}, ${hash})`;
  });
}

/**
 * Removes an admin's second factor and recovery codes and ends their sessions (they enrol again at
 * their next sign-in when the installation requires it). Returns false when no admin has that id.
 */
export async function clearSecondFactor(adminId: number): Promise<boolean> {
  return sql.begin(async (tx) => {
    const done = await tx`
      update admins set totp_secret = null, totp_pending_secret = null, totp_last_step = null, totp_enabled_at = null,
        updated_at = now()
      where id = ${adminId}`;
    await tx`delete from admin_recovery_codes where admin_id = ${adminId}`;
    await tx`delete from sessions where admin_id = ${adminId}`;
    return done.count > 0;
  });
}

/** Whether every admin must have a second factor (an owner's choice; absent: no). */
export async function secondFactorRequired(): Promise<boolean> {
  const [row] = await sql<{ required: boolean }[]>`select require_second_factor as required from installation_settings`;
  return row?.required ?? false;
}

export async function setSecondFactorRequired(required: boolean): Promise<void> {
  await sql`
    insert into installation_settings (id, require_second_factor) values (true, ${required})
    on conflict (id) do update set require_second_factor = excluded.require_second_factor, updated_at = now()`;
}

/** How many admins have no second factor (for the owner's page). */
export async function adminsWithoutSecondFactor(): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from admins where totp_secret is null`;
  return row?.n ?? 0;
}
