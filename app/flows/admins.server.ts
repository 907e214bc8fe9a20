import { hashPassword, hashToken, passwordProblem, verifyPassword } from "~/lib/security";
import { LinkList, passwordResetEmail } from "~/lib/email";
import { queueEmail } from "./mail.server";
import type { Role } from "~/lib/web";
import {
  adminByEmail,
  adminWithPasswordHash,
  type Admin,
  passwordResetUsable,
  recentSignIns,
  recordSignIn,
  saveAdmin,
  consumePasswordReset,
} from "~/models/admin.server";

/** Failures from one address for one account before each further attempt has to wait. */
const FREE_FAILURES = 5;
/** The wait after those: 30 s, doubling with each further failure, at most 15 minutes. */
const FIRST_WAIT_S = 30;
const MAX_WAIT_S = 15 * 60;
/** Failures for one account from everywhere within 15 minutes before devices it never signed in from must wait. */
const ACCOUNT_CEILING = 50;

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
  return saveAdmin(email, await hashPassword(password), role, panelId);
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
  const recent = await recentSignIns(email, ip, knownDevice);
  if (recent.fromHere >= FREE_FAILURES && recent.lastHere) {
    const wait = Math.min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** (recent.fromHere - FREE_FAILURES)) * 1000;
    const left = recent.lastHere.getTime() + wait - Date.now();
    if (left > 0)
      return { kind: "throttled", retryInSeconds: Math.ceil(left / 1000), scope: knownDevice ? "device" : "address" };
  }
  if (recent.everywhere >= ACCOUNT_CEILING && !knownDevice && recent.oldest) {
    const left = recent.oldest.getTime() + 15 * 60_000 - Date.now();
    if (left > 0) return { kind: "throttled", retryInSeconds: Math.ceil(left / 1000), scope: "account" };
  }
  const row = await adminWithPasswordHash(email);
  // Verify against a dummy hash when the email is unknown, so timing does not tell who is an admin.
  const ok = await verifyPassword(row?.passwordHash ?? DUMMY_HASH, password);
  await recordSignIn(email, ip, Boolean(row && ok), knownDevice);
  if (!row || !ok) return { kind: "wrong" };
  const { passwordHash: _omit, ...admin } = row;
  return { kind: "ok", admin };
}

const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$7t0hVJ5r7bH2Z2xPpY3vQp0p7wCwq1y1u7i0Y1m8P3M";

/** How long a password-reset link works. */
export const RESET_MINUTES = 30;

/**
 * Mails a single-use password-reset link to an admin's address; nothing for an address that is no
 * admin's (the caller answers the same either way, and limits how often an address is mailed).
 */
export async function requestPasswordReset(email: string): Promise<void> {
  const admin = await adminByEmail(email);
  if (!admin) return;
  const links = new LinkList();
  const url = links.add({ kind: "admin-reset", adminId: admin.id, minutes: RESET_MINUTES });
  await queueEmail({
    kind: "admin-reset",
    panelistId: null,
    to: admin.email,
    content: passwordResetEmail({ url, minutes: RESET_MINUTES }),
    links: links.specs,
  });
}

/** Whether a reset link can still be used (to show the form or say it has gone). */
export async function resetLinkUsable(token: string): Promise<boolean> {
  return /^[A-Za-z0-9_-]{43}$/.test(token) && (await passwordResetUsable(hashToken(token)));
}

/** Uses a reset link once: the new password is set and every session of the admin ends. */
export async function resetPassword(
  token: string,
  password: string,
): Promise<{ ok: true } | { ok: false; problem: string; gone?: boolean }> {
  const problem = passwordProblem(password);
  if (problem) return { ok: false, problem };
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, problem: GONE, gone: true };
  const adminId = await consumePasswordReset(hashToken(token), await hashPassword(password));
  return adminId === undefined ? { ok: false, problem: GONE, gone: true } : { ok: true };
}

const GONE = "This link has been used or has expired. Ask for a new one.";
