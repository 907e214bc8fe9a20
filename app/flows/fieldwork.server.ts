import { getEnv } from "~/env.server";
import { dueReminders, MIN_GAP_MS, DEFAULT_CONTACT_LIMIT, describeRest, type RestReason } from "~/lib/fieldwork";
import { hashToken, invitationToken } from "~/lib/security";
import {
  DEFAULT_INVITATION_BODY,
  renderWaveEmail,
  templatesIn,
  type EmailHeader,
  type MergeValues,
  LinkList,
} from "~/lib/email";
import { longDate } from "~/lib/format";
import { chooseLanguage } from "~/lib/language";
import { questionnaireLanguages } from "~/lib/survey";
import { dateIn, translator } from "~/i18n";
import { cachedDefinition } from "~/models/questionnaire.server";
import type { Actor } from "~/models/audit.server";
import { enqueueDeliveries, queueEmail } from "~/flows/mail.server";
import type { EmailInput } from "~/models/email.server";
import {
  countDueReminders,
  insertInvitations,
  inviteTargets,
  recordInvitationEmails,
  recordReminders,
  wavesWithReminderSchedule,
  type PendingInvitation,
} from "~/models/fieldwork.server";
import { listHeaders } from "./personal-links.server";
import { logoPath } from "~/lib/panel";
import { getPanelById } from "~/models/panel.server";
import type { RestRule } from "~/models/contact.server";
import { getWave, type Wave } from "~/models/wave.server";
import { getServerSecret } from "~/secrets.server";

/** The panel's contact rule as it applies to this wave now (across every panel when the installation says so). */
export async function contactRule(wave: Wave, now = new Date()): Promise<RestRule> {
  const panel = await getPanelById(wave.panelId);
  return {
    limit: panel?.contactLimit ?? DEFAULT_CONTACT_LIMIT,
    waveId: wave.id,
    now,
    acrossPanels: getEnv().QUORUM_CONTACT_ACROSS_PANELS,
  };
}

/**
 * Invites the wave's segment (active panelists only), or the named people: an invitation per person
 * and wave, never two, and none to a person the panel's contact rule says must rest (they are
 * returned in `resting` with the reason). Returns how many were new and which emails were already
 * invited or not eligible.
 */
export async function invite(wave: Wave, actor: Actor, emails?: string[], now = new Date()) {
  const secret = getServerSecret();
  const rule = await contactRule(wave, now);
  const reached = await inviteTargets(wave, rule, emails);
  const targets = reached.filter((t) => t.rest === null);
  const resting = reached
    .filter((t) => t.rest !== null)
    .map((t) => ({
      email: t.email,
      reason: t.rest as RestReason,
      says: describeRest(t.rest as RestReason, rule.limit),
    }));
  const rows = targets.map((t) => ({ panelistId: t.id, tokenHash: hashToken(invitationToken(secret, wave.id, t.id)) }));
  const created = await insertInvitations(
    wave,
    rows,
    emails ? "named" : "segment",
    actor,
    targets.length,
    emails?.length ?? null,
  );
  const found = new Set(reached.map((t) => t.email.toLowerCase()));
  const notEligible = emails ? emails.filter((e) => !found.has(e.trim().toLowerCase())) : [];
  return { created, alreadyInvited: targets.length - created, notEligible, invitees: targets, resting };
}

/** A wave email's merge values, with placeholders for its personal links (made when it is delivered). */
function mergeValues(
  wave: Wave,
  p: { waveId: number; panelistId: number; name: string | null },
  links: LinkList,
  language = "en",
): MergeValues {
  return {
    firstName: p.name?.split(" ")[0] || "colleague",
    surveyTitle: wave.title,
    link: links.add({ kind: "survey", waveId: p.waveId, panelistId: p.panelistId }),
    closeDate: wave.closesAt
      ? language === "en"
        ? longDate(wave.closesAt)
        : dateIn(language, wave.closesAt)
      : language === "en"
        ? "when enough people have answered"
        : translator(language)("email.noCloseDate"),
    unsubscribeLink: links.add({ kind: "unsubscribe", panelistId: p.panelistId }),
  };
}

/** The language a person's emails about a wave are in: the one they chose on its page, theirs, the panel's, if the questionnaire has it. */
async function languageFor(wave: Wave): Promise<(p: PendingInvitation) => string> {
  const { languages, primary } = questionnaireLanguages(await cachedDefinition(wave.questionnaireVersionId));
  return (p) => chooseLanguage(languages, [p.invitationLanguage, p.language, p.panelLanguage], primary);
}

/**
 * Emails every invitation of the wave not emailed yet (active people only). Sending again emails
 * nobody twice: an invitation is marked sent in the same transaction that records its message.
 */
/** The panel's name and logo for the top of its emails (no logo: nothing above the text). */
async function headerFor(wave: Wave): Promise<EmailHeader | undefined> {
  const panel = await getPanelById(wave.panelId);
  if (!panel) return undefined;
  const path = logoPath(panel);
  return { panelName: panel.name, logoUrl: path ? `${getEnv().publicUrl}${path}` : null };
}

export async function sendInvitations(wave: Wave, actor: Actor, now = new Date()): Promise<{ queued: number }> {
  const languageOf = await languageFor(wave);
  const header = await headerFor(wave);
  const ids = await recordInvitationEmails(wave, actor, await contactRule(wave, now), (pending) =>
    pending.map((p): EmailInput => {
      const links = new LinkList();
      const language = languageOf(p);
      const templates = templatesIn(wave, language);
      return {
        kind: "invitation",
        panelistId: p.panelistId,
        to: p.email,
        content: renderWaveEmail(
          templates.invitationSubject,
          templates.invitationBody,
          mergeValues(wave, p, links, language),
          language,
          header,
        ),
        headers: listHeaders(links, p.panelistId),
        links: links.specs,
        dedupeKey: `invitation:${p.id}`,
      };
    }),
  );
  await enqueueDeliveries(ids);
  return { queued: ids.length };
}

/**
 * Reminds invitees who have not completed and are still active: at most the wave's maximum, never
 * within 48 hours of their last email. People who started get "pick up where you left off".
 * `upTo` limits the reminder number (the automatic schedule's due reminder); manual reminders use the maximum.
 */
export async function remind(
  wave: Wave,
  actor: Actor,
  options: { now?: Date; upTo?: number } = {},
): Promise<{ queued: number }> {
  const now = options.now ?? new Date();
  const limit = Math.min(options.upTo ?? wave.maxReminders, wave.maxReminders);
  if (limit <= 0 || (wave.closesAt && now >= wave.closesAt)) return { queued: 0 };
  const languageOf = await languageFor(wave);
  const header = await headerFor(wave);
  const ids = await recordReminders(wave, actor, now, limit, new Date(now.getTime() - MIN_GAP_MS), (due) =>
    due.map((p): EmailInput => {
      const language = languageOf(p);
      const t = translator(language);
      const resumeSentence = t(p.started ? "email.resumeStarted" : "email.resumeNew");
      const templates = templatesIn(wave, language);
      const links = new LinkList();
      return {
        kind: "reminder",
        panelistId: p.panelistId,
        to: p.email,
        content: renderWaveEmail(
          templates.reminderSubject,
          templates.reminderBody,
          { ...mergeValues(wave, p, links, language), resumeSentence },
          language,
          header,
        ),
        headers: listHeaders(links, p.panelistId),
        links: links.specs,
        dedupeKey: `reminder:${p.id}:${p.reminderCount + 1}`,
      };
    }),
  );
  await enqueueDeliveries(ids);
  return { queued: ids.length };
}

/** How many people a manual "remind" would email now (the confirmation says so before anything is sent). */
export async function remindersDue(wave: Wave, now = new Date()): Promise<number> {
  if (wave.maxReminders <= 0 || (wave.closesAt && now >= wave.closesAt)) return 0;
  return countDueReminders(wave, wave.maxReminders, new Date(now.getTime() - MIN_GAP_MS));
}

/** Runs the automatic reminder schedule of every open, launched wave (the worker calls this regularly). */
export async function runReminderSchedule(now = new Date()): Promise<number> {
  let total = 0;
  for (const id of await wavesWithReminderSchedule(now)) {
    const wave = await getWave(id);
    if (!wave) continue;
    const upTo = dueReminders(wave, now);
    if (upTo > 0) total += (await remind(wave, { label: "schedule" }, { now, upTo })).queued;
  }
  return total;
}

/** Mails an admin the invitation as a panelist would get it, with sample merge values. */
export async function sendTestInvitation(
  to: string,
  subject: string | undefined,
  body: string | undefined,
  title: string,
): Promise<void> {
  const base = getEnv().publicUrl;
  const content = renderWaveEmail(subject ?? "Your invitation: {{surveyTitle}}", body ?? DEFAULT_INVITATION_BODY, {
    firstName: "Ana",
    surveyTitle: title,
    link: `${base}/s/EXAMPLE-PERSONAL-LINK`,
    closeDate: "the closing date",
    unsubscribeLink: `${base}/u/EXAMPLE`,
  });
  await queueEmail({
    kind: "test",
    panelistId: null,
    to,
    content: { ...content, subject: `[Test] ${content.subject}` },
  });
}
