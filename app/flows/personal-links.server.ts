import { randomBytes } from "node:crypto";
import type postgres from "postgres";
import type { sql } from "~/db.server";
import { getEnv } from "~/env.server";
import { LinkList, type LinkSpec } from "~/lib/email";
import { hashToken, safeEqual, unsubscribeToken } from "~/lib/security";
import { createPasswordReset } from "~/models/admin.server";
import { tokenFor } from "~/models/invitation.server";
import { createLink } from "~/models/membership.server";
import { getServerSecret } from "~/secrets.server";

/** The full personal survey link of an invitation, at the public address (for the API and the CLI, never stored). */
export function invitationUrl(waveId: number, panelistId: number): string {
  return `${getEnv().publicUrl}/s/${tokenFor(waveId, panelistId)}`;
}

/** The one-click unsubscribe address of a panelist (made at delivery, never stored). */
export function unsubscribeUrl(panelistId: number): string {
  return `${getEnv().publicUrl}/u/${panelistId}.${unsubscribeToken(getServerSecret(), panelistId)}`;
}

/** The RFC 8058 headers that carry a panelist's one-click unsubscribe address, as placeholders. */
export function listHeaders(links: LinkList, panelistId: number): Record<string, string> {
  return {
    "List-Unsubscribe": `<${links.add({ kind: "unsubscribe", panelistId })}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

/** The panelist an unsubscribe address names, when its signature is right. */
export function panelistFromUnsubscribe(value: string): number | undefined {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return undefined;
  const id = Number(match[1]);
  const expected = unsubscribeToken(getServerSecret(), id);
  return safeEqual(expected, match[2] as string) ? id : undefined;
}

const PAGES: Record<Extract<LinkSpec, { kind: "single-use" }>["purpose"], string> = {
  "sign-in": "/me/link/",
  results: "/me/link/",
  confirm: "/join/confirm/",
  "email-change": "/me/email/",
};

/**
 * Makes an email's links as it is delivered, in the delivery's transaction: survey and unsubscribe
 * links are derived again; single-use links are issued now (their hash stored), so a link exists
 * only in the message that leaves, never in the database.
 */
export async function makeLinks(specs: LinkSpec[], db: typeof sql | postgres.TransactionSql): Promise<string[]> {
  const base = getEnv().publicUrl;
  const urls: string[] = [];
  for (const spec of specs) {
    if (spec.kind === "survey") urls.push(invitationUrl(spec.waveId, spec.panelistId));
    else if (spec.kind === "unsubscribe") urls.push(unsubscribeUrl(spec.panelistId));
    else if (spec.kind === "admin-reset") {
      const token = randomBytes(32).toString("base64url");
      await createPasswordReset(spec.adminId, hashToken(token), spec.minutes * 60_000, db);
      urls.push(`${base}/admin/reset/${token}`);
    } else
      urls.push(
        `${base}${PAGES[spec.purpose]}${await createLink(spec.panelistId, spec.purpose, spec.hours * 3_600_000, spec.payload ?? {}, db)}`,
      );
  }
  return urls;
}
