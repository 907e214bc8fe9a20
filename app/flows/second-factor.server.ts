import {
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  qrSvg,
  recoveryCodeHash,
  sealSecret,
  spacedSecret,
  totpStep,
  totpUri,
} from "~/lib/security";
import { getServerSecret } from "~/secrets.server";
import { adminByEmail, type Admin } from "~/models/admin.server";
import { audit, type Actor } from "~/models/audit.server";
import {
  clearSecondFactor,
  enableSecondFactor,
  replaceRecoveryCodes,
  savePendingSecret,
  secondFactorOf,
  secondFactorRequired,
  setSecondFactorRequired,
  spendRecoveryCode,
  spendTotpStep,
} from "~/models/second-factor.server";

/** What an admin must still do after a right password: nothing, type a code, or enrol first. */
export async function stepAfterPassword(adminId: number): Promise<"done" | "code" | "enrol"> {
  const factor = await secondFactorOf(adminId);
  if (factor?.totpSecret) return "code";
  return (await secondFactorRequired()) ? "enrol" : "done";
}

/** What the enrolment page shows: the QR code and the same secret as text, for those who type it. */
export interface Enrolment {
  qrSvg: string;
  secret: string;
  uri: string;
}

/** Starts (or shows again) an enrolment: a new secret is kept pending until a code from it is typed. */
export async function beginEnrolment(admin: Pick<Admin, "id" | "email">, fresh = false): Promise<Enrolment> {
  const factor = await secondFactorOf(admin.id);
  let secret =
    !fresh && factor?.totpPendingSecret ? openSecret(getServerSecret(), factor.totpPendingSecret) : undefined;
  if (!secret) {
    secret = newTotpSecret();
    await savePendingSecret(admin.id, sealSecret(getServerSecret(), secret));
  }
  const uri = totpUri(secret, admin.email);
  return { qrSvg: qrSvg(uri), secret: spacedSecret(secret), uri };
}

/**
 * Finishes an enrolment with a code from the app: the second factor is on and ten recovery codes are
 * returned to show once (only their hashes are kept). Undefined when the code does not match.
 */
export async function finishEnrolment(
  admin: Pick<Admin, "id" | "email">,
  code: string,
  now = Date.now(),
): Promise<string[] | undefined> {
  const factor = await secondFactorOf(admin.id);
  const sealed = factor?.totpPendingSecret;
  const secret = sealed ? openSecret(getServerSecret(), sealed) : undefined;
  const step = secret ? totpStep(secret, code, now) : null;
  if (!sealed || step === null) return undefined;
  const codes = newRecoveryCodes();
  const ok = await enableSecondFactor(
    admin.id,
    sealed,
    step,
    codes.map((c) => recoveryCodeHash(c) as Buffer),
  );
  if (!ok) return undefined;
  await audit({ label: admin.email, adminId: admin.id }, "enable-second-factor", "admin", admin.id);
  return codes;
}

export type CodeCheck = "ok" | "wrong" | "used";

/**
 * Checks the code typed after the password: a 6-digit code from the app, each time step at most once
 * (a code seen once, or one older than the last used, is "used"), or a recovery code, each once.
 */
export async function checkSecondFactor(adminId: number, typed: string, now = Date.now()): Promise<CodeCheck> {
  const factor = await secondFactorOf(adminId);
  const secret = factor?.totpSecret ? openSecret(getServerSecret(), factor.totpSecret) : undefined;
  if (!secret) return "wrong";
  if (/^\s*\d{3}\s?\d{3}\s*$/.test(typed)) {
    const step = totpStep(secret, typed, now);
    if (step === null) return "wrong";
    return (await spendTotpStep(adminId, step)) ? "ok" : "used";
  }
  const hash = recoveryCodeHash(typed);
  if (!hash) return "wrong";
  return (await spendRecoveryCode(adminId, hash)) ? "ok" : "wrong";
}

/** New recovery codes for an admin whose second factor is on (the old ones stop working); shown once. */
export async function renewRecoveryCodes(admin: Pick<Admin, "id" | "email">): Promise<string[] | undefined> {
  if (!(await secondFactorOf(admin.id))?.totpSecret) return undefined;
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(
    admin.id,
    codes.map((c) => recoveryCodeHash(c) as Buffer),
  );
  await audit({ label: admin.email, adminId: admin.id }, "renew-recovery-codes", "admin", admin.id);
  return codes;
}

/** Turns one's own second factor off, with a current code; refused while the installation requires one. */
export async function turnOffSecondFactor(
  admin: Pick<Admin, "id" | "email">,
  code: string,
): Promise<"off" | "required" | "wrong"> {
  if (await secondFactorRequired()) return "required";
  if ((await checkSecondFactor(admin.id, code)) !== "ok") return "wrong";
  await clearSecondFactor(admin.id);
  await audit({ label: admin.email, adminId: admin.id }, "disable-second-factor", "admin", admin.id);
  return "off";
}

/** An owner's rule: every admin must have a second factor (those without enrol at their next sign-in). */
export async function requireSecondFactor(required: boolean, actor: Actor): Promise<void> {
  await setSecondFactorRequired(required);
  await audit(actor, required ? "require-second-factor" : "stop-requiring-second-factor", "installation", null);
}

/**
 * Resets an admin's second factor (the CLI, for one who lost their phone and codes): it and the
 * recovery codes are removed and their sessions end. False when no admin has that email.
 */
export async function resetSecondFactor(email: string, actor: Actor): Promise<boolean> {
  const admin = await adminByEmail(email);
  if (!admin || !(await clearSecondFactor(admin.id))) return false;
  await audit(actor, "reset-second-factor", "admin", admin.id);
  return true;
}

export { secondFactorOf, secondFactorRequired };
