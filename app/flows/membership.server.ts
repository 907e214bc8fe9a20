import { removeOutboxFiles } from "~/mailer.server";
import {
  alreadyMemberEmail,
  confirmEmail,
  emailChangeEmail,
  emailChangeNotice,
  rejoinEmail,
  signInEmail,
  LinkList,
} from "~/lib/email";
import type { Profile } from "~/lib/panel";
import { queueEmail } from "~/flows/mail.server";
import {
  activateMember,
  auditJoinRequest,
  changeEmail,
  consumeLink,
  erase,
  insertPendingMember,
  linkState,
  memberByEmail,
  membershipsOf,
} from "~/models/membership.server";
import type { Panel } from "~/models/panel.server";
import { getPanelistById } from "~/models/panelist.server";
import { strikeQuotesOf } from "~/models/publication.server";
import { eraseFromImports } from "./import-panelists.server";
import { listHeaders } from "./personal-links.server";

const WEEK_HOURS = 7 * 24;

/**
 * A sign-up from the public join page. It changes nothing about anyone already on the panel: a new
 * address becomes a pending person and gets a confirmation link; an active member gets a neutral
 * email with a sign-in link; a pending one the confirmation link again; someone who left, a link to
 * rejoin (only clicking it changes anything). The page says the same in every case, so it never
 * reveals who is a member.
 */
export async function requestJoin(panel: Panel, profile: Profile, pageLanguage = "en"): Promise<void> {
  const existing = await memberByEmail(panel.id, profile.email);
  const links = new LinkList();
  // Emails in the language chosen on the form, else the person's own, else the page's.
  const language = profile.language ?? existing?.language ?? pageLanguage;
  if (existing?.status === "active") {
    const url = links.add({ kind: "single-use", panelistId: existing.id, purpose: "sign-in", hours: 1 });
    await queueEmail({
      kind: "already-member",
      panelistId: existing.id,
      to: profile.email,
      content: alreadyMemberEmail({ name: existing.name, panelName: panel.name, url, language }),
      headers: listHeaders(links, existing.id),
      links: links.specs,
    });
    return;
  }
  if (existing?.status === "unsubscribed") {
    const url = links.add({
      kind: "single-use",
      panelistId: existing.id,
      purpose: "confirm",
      hours: WEEK_HOURS,
      payload: { consentVersion: panel.consentVersion },
    });
    await queueEmail({
      kind: "rejoin",
      panelistId: existing.id,
      to: profile.email,
      content: rejoinEmail({ name: existing.name, panelName: panel.name, url, language }),
      links: links.specs,
    });
    return;
  }
  if (existing && existing.status !== "pending") return; // bounced: mailing it again would bounce again
  const id = existing?.id ?? (await insertPendingMember(panel, profile));
  if (id === undefined) return; // joined twice at the same moment: the first request mails
  if (!existing) await auditJoinRequest(id);
  const url = links.add({ kind: "single-use", panelistId: id, purpose: "confirm", hours: WEEK_HOURS });
  await queueEmail({
    kind: "confirm",
    panelistId: id,
    to: profile.email,
    // In the language the person chose on the form, else the one they read the page in.
    content: confirmEmail({
      name: existing?.name ?? profile.name,
      panelName: panel.name,
      url,
      language: profile.language ?? pageLanguage,
    }),
    links: links.specs,
  });
}

/** Confirms a sign-up or a rejoin from the link in its email: the person becomes active (audited). */
export async function confirmJoin(
  token: string,
): Promise<{ panelName: string; panelistId: number; already: boolean } | undefined> {
  const link = await consumeLink(token, ["confirm"]);
  if (!link) return undefined;
  const done = await activateMember(link.panelistId, link.payload.consentVersion);
  return done ? { ...done, panelistId: link.panelistId } : undefined;
}

/** Whether a sign-in link opens results (a "results are out" email's) or the profile, before it is used. */
export async function signInLinkKind(token: string): Promise<"results" | "sign-in"> {
  return (await linkState(token, "results")) ? "results" : "sign-in";
}

/** What a confirmation link shows before it is used: a button, or "you are already a member" once it was. */
export async function confirmationState(
  token: string,
): Promise<{ kind: "ask" } | { kind: "already"; panelName: string } | { kind: "gone" }> {
  const link = await linkState(token, "confirm");
  if (!link) return { kind: "gone" };
  if (link.state === "usable") return { kind: "ask" };
  if (link.memberStatus === "active") return { kind: "already", panelName: link.panelName };
  return { kind: "gone" };
}

const signInRequests = new Set<Promise<void>>();

/**
 * "Email me a sign-in link" without the asker waiting for it: the lookup and the mail happen after the
 * answer, so the answer takes the same time whether or not the address is anyone's (issue 23 measured
 * 17.6 vs 13.7 ms and told members from strangers). Should the process stop first, no link is sent and
 * the person asks again.
 */
export function requestSignInLater(email: string): void {
  const job: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => requestSignIn(email))
    .catch((error: Error) => console.error(`Could not send a sign-in link now: ${error.message}`))
    .finally(() => signInRequests.delete(job));
  signInRequests.add(job);
}

/** Waits for the sign-in links asked for with requestSignInLater that are still on their way (tests, shutdown). */
export async function signInRequestsDone(): Promise<void> {
  while (signInRequests.size > 0) await Promise.all([...signInRequests]);
}

/** Mails a sign-in link to every panel membership of an address (none for unknown or erased ones). */
export async function requestSignIn(email: string): Promise<void> {
  for (const m of await membershipsOf(email)) {
    const links = new LinkList();
    const url = links.add({ kind: "single-use", panelistId: m.id, purpose: "sign-in", hours: 1 });
    const active = m.status === "active";
    await queueEmail({
      kind: "sign-in",
      panelistId: m.id,
      to: m.email,
      content: signInEmail({
        name: m.name,
        panelName: m.panelName,
        url,
        unsubscribeUrl: active ? links.add({ kind: "unsubscribe", panelistId: m.id }) : undefined,
      }),
      headers: active ? listHeaders(links, m.id) : {},
      links: links.specs,
    });
  }
}

/** Uses a sign-in link: who it signs in, for what (a results email's link opens results only), and where it leads. */
export async function redeemSignInLink(
  token: string,
): Promise<{ panelistId: number; scope: "full" | "results"; next: string | null } | undefined> {
  const link = await consumeLink(token, ["sign-in", "results"]);
  if (!link) return undefined;
  return {
    panelistId: link.panelistId,
    scope: link.purpose === "results" ? "results" : "full",
    next: link.payload.next ?? null,
  };
}

/**
 * A signed-in person asks to use a new address: a link goes to the new address (the change happens
 * only when it is clicked) and a notice to the old one. Whether another panelist uses the new
 * address is not said here: the same happens either way.
 */
export async function requestEmailChange(panelistId: number, newAddress: string, panelName: string): Promise<void> {
  const person = await getPanelistById(panelistId);
  if (!person?.email || person.email.toLowerCase() === newAddress.toLowerCase()) return;
  const links = new LinkList();
  const url = links.add({
    kind: "single-use",
    panelistId,
    purpose: "email-change",
    hours: 24,
    payload: { email: newAddress },
  });
  await queueEmail({
    kind: "email-change",
    panelistId,
    to: newAddress,
    content: emailChangeEmail({ name: person.name, panelName, url }),
    links: links.specs,
  });
  await queueEmail({
    kind: "email-change-notice",
    panelistId,
    to: person.email,
    content: emailChangeNotice({ name: person.name, panelName, newAddress }),
  });
}

/** Uses an email-change link: the address changes (and the person's sessions end), unless someone else on the panel has it. */
export async function confirmEmailChange(token: string): Promise<"changed" | "taken" | "expired"> {
  const link = await consumeLink(token, ["email-change"]);
  if (!link?.payload.email) return "expired";
  return (await changeEmail(link.panelistId, link.payload.email)) ? "changed" : "taken";
}

/**
 * Erases a person: their profile, email, responses and quotes are deleted, their sessions end; their
 * quotes are struck from publications that carried them and their emails' files from the outbox; the
 * messages, counters and sign-in attempts of every address they had go, and so do the rows naming
 * them in the panel's stored CSV uploads and rejected rows (issue 23, item 4).
 * Figures already published stay as they are (they describe groups of at least k, never this person).
 */
export async function erasePanelist(panelistId: number, actorLabel: string): Promise<void> {
  const { responseIds, outboxFiles, panelId, addresses, names } = await erase(panelistId, actorLabel);
  await strikeQuotesOf(responseIds);
  await removeOutboxFiles(outboxFiles);
  if (panelId !== null) await eraseFromImports(panelId, addresses, names);
}
