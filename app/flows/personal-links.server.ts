import { getEnv } from "~/env.server";
import { safeEqual, unsubscribeToken } from "~/lib/tokens";
import { tokenFor } from "~/models/invitation.server";
import { getServerSecret } from "~/secrets.server";

/** The full personal survey link of an invitation, at the public address. */
export function invitationUrl(waveId: number, panelistId: number): string {
  return `${getEnv().publicUrl}/s/${tokenFor(waveId, panelistId)}`;
}

/** The one-click unsubscribe address of a panelist. */
export function unsubscribeUrl(panelistId: number): string {
  return `${getEnv().publicUrl}/u/${panelistId}.${unsubscribeToken(getServerSecret(), panelistId)}`;
}

/** The RFC 8058 headers that carry a panelist's one-click unsubscribe address. */
export function listHeaders(panelistId: number): Record<string, string> {
  return { "List-Unsubscribe": `<${unsubscribeUrl(panelistId)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/** The panelist an unsubscribe address names, when its signature is right. */
export function panelistFromUnsubscribe(value: string): number | undefined {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return undefined;
  const id = Number(match[1]);
  const expected = unsubscribeToken(getServerSecret(), id);
  return safeEqual(expected, match[2] as string) ? id : undefined;
}
