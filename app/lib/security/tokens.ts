import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * The secret link token of an invitation: an HMAC-SHA256 of the wave and panelist ids under the
 * server secret, so the same link can be mailed again without storing it (256 bits, URL-safe).
 */
export function invitationToken(
  secret: string,
  waveId: number | bigint | string,
  panelistId: number | bigint | string,
): string {
  return createHmac("sha256", secret).update(`invitation:v1:${waveId}:${panelistId}`).digest("base64url");
}

/** The SHA-256 of a token: the only form a token is stored in. */
export function hashToken(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

/** Whether a string has the shape of a token (43 URL-safe characters), before any lookup. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** The one-click unsubscribe token of a panelist (stable, so every email can carry it). */
export function unsubscribeToken(secret: string, panelistId: number | bigint | string): string {
  return createHmac("sha256", secret).update(`unsubscribe:v1:${panelistId}`).digest("base64url");
}

/**
 * Compares two secrets in constant time (node's timingSafeEqual over their SHA-256 digests, so
 * unequal lengths take the same time too).
 */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(hashToken(a), hashToken(b));
}

/** The key of an email address in counters (rate limits): a SHA-256, so the counters hold no address. */
export function mailKey(address: string): string {
  return createHash("sha256").update(address.trim().toLowerCase()).digest("base64url");
}
