import { getEnv } from "~/env.server";
import { alreadyMemberEmail, confirmEmail, signInEmail } from "~/lib/email-templates";
import type { Profile } from "~/lib/profile";
import { queueEmail } from "~/models/email.server";
import { removeOutboxFiles } from "~/mailer.server";
import { activateMember, consumeLink, createLink, erase, insertPendingMember, markPendingAgain, memberByEmail, membershipsOf } from "~/models/membership.server";
import { strikeQuotesOf } from "~/models/publication.server";
import type { Panel } from "~/models/panel.server";
import { listHeaders, unsubscribeUrl } from "./personal-links.server";

const HOUR = 60 * 60 * 1000;

/**
 * A sign-up from the public join page. A new person is added as pending and mailed a confirmation
 * link; an address already on the panel gets a neutral email instead, so the page never reveals who is a member.
 */
export async function requestJoin(panel: Panel, profile: Profile): Promise<void> {
  const base = getEnv().publicUrl;
  const existing = await memberByEmail(panel.id, profile.email);
  if (existing && existing.status === "active") {
    const token = await createLink(existing.id, "sign-in", HOUR);
    await queueEmail({ kind: "already-member", panelistId: existing.id, to: profile.email, content: alreadyMemberEmail({ name: existing.name, panelName: panel.name, url: `${base}/me/link/${token}` }), headers: listHeaders(existing.id) });
    return;
  }
  let id: number;
  if (existing) {
    if (existing.status === "bounced") return; // the address bounced: mailing it again would bounce again
    await markPendingAgain(panel, existing.id);
    id = existing.id;
  } else {
    const created = await insertPendingMember(panel, profile);
    if (created === undefined) return; // joined twice at the same moment: the first request mails
    id = created;
  }
  const token = await createLink(id, "confirm", 7 * 24 * HOUR);
  await queueEmail({ kind: "confirm", panelistId: id, to: profile.email, content: confirmEmail({ name: profile.name, panelName: panel.name, url: `${base}/join/confirm/${token}` }) });
}

/** Confirms a sign-up: the person becomes active. */
export async function confirmJoin(token: string): Promise<{ panelName: string; panelistId: number } | undefined> {
  const panelistId = await consumeLink(token, "confirm");
  if (!panelistId) return undefined;
  const panelName = await activateMember(panelistId);
  return panelName ? { panelName, panelistId } : undefined;
}

/** Mails a sign-in link to every panel membership of an address (none for unknown or erased ones). */
export async function requestSignIn(email: string): Promise<void> {
  const base = getEnv().publicUrl;
  for (const m of await membershipsOf(email)) {
    const token = await createLink(m.id, "sign-in", HOUR);
    await queueEmail({
      kind: "sign-in",
      panelistId: m.id,
      to: m.email,
      content: signInEmail({ name: m.name, panelName: m.panelName, url: `${base}/me/link/${token}`, unsubscribeUrl: m.status === "active" ? unsubscribeUrl(m.id) : undefined }),
      headers: m.status === "active" ? listHeaders(m.id) : {},
    });
  }
}

/** Uses a sign-in link: the panelist it signs in, once. */
export function redeemSignInLink(token: string): Promise<number | undefined> {
  return consumeLink(token, "sign-in");
}

/**
 * Erases a person: their profile, email, responses and quotes are deleted; their quotes are struck
 * from publications that carried them and their emails' files from the outbox. Figures already
 * published stay as they are (they describe groups of at least k, never this person).
 */
export async function erasePanelist(panelistId: number, actorLabel: string): Promise<void> {
  const { responseIds, outboxFiles } = await erase(panelistId, actorLabel);
  await strikeQuotesOf(responseIds);
  await removeOutboxFiles(outboxFiles);
}
