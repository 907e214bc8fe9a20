import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { renderSVG } from "uqr";
import { hashToken } from "./tokens";

// RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. otpauth (maintained,
// no I/O, RFC 4226/6238 test vectors in its suite) computes and compares the codes; a code is accepted
// one step either side of now (clock drift), and the step it matched is returned so the caller can
// refuse the same code, or an older one, a second time.
const PERIOD = 30;
const DIGITS = 6;

function totp(secretBase32: string, label = "admin"): TOTP {
  return new TOTP({
    issuer: "Quorum",
    label,
    algorithm: "SHA1",
    digits: DIGITS,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new TOTP secret (160 random bits, base32, as authenticator apps take it). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The secret as a person types it into an app: groups of four. */
export function spacedSecret(secretBase32: string): string {
  return secretBase32.replace(/(.{4})/g, "$1 ").trim();
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, account: string): string {
  return totp(secretBase32, account).toString();
}

/** The QR code of an otpauth:// address, as SVG markup (no script, no external reference). */
export function qrSvg(uri: string): string {
  return renderSVG(uri, { border: 2, pixelSize: 5 });
}

/** The time step a 6-digit code matches (now or one step either side), or null. */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secretBase32).validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

/** The code an app would show at `at` (tests, and the CLI's check). */
export function totpCode(secretBase32: string, at = Date.now()): string {
  return totp(secretBase32).generate({ timestamp: at });
}

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no i, l, o, 0, 1: read back without doubt

/** Ten recovery codes of 16 characters (about 79 bits each), shown once, as `xxxx-xxxx-xxxx-xxxx`. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(16);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join("");
    return chars.replace(/(.{4})(?=.)/g, "$1-");
  });
}

/** The stored form of a recovery code (SHA-256 of its characters, case, spaces and dashes aside), or undefined when it cannot be one. */
export function recoveryCodeHash(input: string): Buffer | undefined {
  const code = input.toLowerCase().replace(/[\s-]+/g, "");
  if (code.length !== 16 || [...code].some((c) => !ALPHABET.includes(c))) return undefined;
  return hashToken(`recovery:${code}`);
}

// A TOTP secret is kept encrypted (AES-256-GCM) under a key drawn from the server secret, so a copy of
// the table alone (a leaked backup of the database without the data folder) gives no codes.
const keyOf = (serverSecret: string) => createHmac("sha256", serverSecret).update("second-factor:v1").digest();

/** Encrypts a TOTP secret for storage. */
export function sealSecret(serverSecret: string, secretBase32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(serverSecret), iv);
  const body = Buffer.concat([cipher.update(secretBase32, "utf8"), cipher.final()]);
  return ["v1", iv, body, cipher.getAuthTag()]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** Decrypts a stored TOTP secret; undefined when it was sealed under another secret or altered. */
export function openSecret(serverSecret: string, sealed: string): string | undefined {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !body || !tag) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyOf(serverSecret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}
