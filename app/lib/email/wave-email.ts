import { escapeHtml, type RenderedEmail } from "./email-templates";
import { catalogue, translator } from "~/i18n";
import { isSafeUrl, safeMarkdown } from "./markdown";

const MERGE_FIELDS = ["firstName", "surveyTitle", "link", "closeDate", "unsubscribeLink"] as const;
type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Record<MergeField, string>;

export const DEFAULT_INVITATION_BODY = `Dear {{firstName}},

We would value your view in **{{surveyTitle}}**. It takes about five minutes, and everyone who answers receives the results.

[Answer the questionnaire]({{link}})

This link is personal: please do not forward it. The questionnaire closes on {{closeDate}}.

Thank you,
The panel team`;

export const DEFAULT_REMINDER_BODY = `Dear {{firstName}},

A short reminder: **{{surveyTitle}}** closes on {{closeDate}}. {{resumeSentence}}

[Answer the questionnaire]({{link}})

Thank you,
The panel team`;

const FIELD = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Merge fields a template uses that Quorum does not know (so an admin hears of a typo before sending). */
export function unknownMergeFields(template: string, extra: string[] = []): string[] {
  const known = new Set<string>([...MERGE_FIELDS, ...extra]);
  return [...template.matchAll(FIELD)]
    .map((m) => m[1] as string)
    .filter((f, i, all) => !known.has(f) && all.indexOf(f) === i);
}

function fill(template: string, values: Record<string, string>, escape: (s: string) => string): string {
  return template.replace(FIELD, (whole, name: string) => (name in values ? escape(values[name] as string) : whole));
}

/** Markdown with raw HTML shown as text: a template is Markdown, never markup. */
const markdown = safeMarkdown({ breaks: true, placeholder: /^QMERGESLOT\d+X$/ });

/**
 * A wave email from Markdown templates: the plain-text part is the filled template; the HTML part
 * is the template rendered first, with each merge value slotted in afterwards, escaped, so a value
 * (a panelist's name from a form, an import or the API) is never read as Markdown, never turned
 * into a link and never becomes markup, whatever it starts with or holds.
 */
export function renderWaveEmail(
  subjectTemplate: string,
  bodyTemplate: string,
  values: Record<string, string>,
  language = "en",
  header?: EmailHeader,
): RenderedEmail {
  const say = translator(language);
  const subject = fill(subjectTemplate, values, (s) => s)
    .replace(/[\r\n\t]+/g, " ")
    .trim();
  // The template's own Markdown becomes plain text first; values then go in exactly as they are.
  const text = fill(
    bodyTemplate.replace(/\[([^\]]+)\]\(([^)]+)\)/g, "$1: $2").replace(/\*\*([^*]+)\*\*/g, "$1"),
    values,
    (s) => s,
  );
  const slots: string[] = [];
  const withSlots = bodyTemplate.replace(FIELD, (whole, name: string) =>
    name in values ? `QMERGESLOT${slots.push(values[name] as string) - 1}X` : whole,
  );
  const body = (markdown.parse(withSlots) as string)
    // A value in a link's address must itself be a web address (a link Quorum makes), or the link goes nowhere.
    .replace(
      /href="QMERGESLOT(\d+)X"/g,
      (_, i: string) => `href="${isSafeUrl(slots[Number(i)] ?? "") ? escapeHtml(slots[Number(i)] ?? "") : "#"}"`,
    )
    .replace(/QMERGESLOT(\d+)X/g, (_, i: string) => escapeHtml(slots[Number(i)] ?? ""));
  const unsubscribe = values.unsubscribeLink
    ? `<hr style="border:none;border-top:1px solid #d5dae1;margin:24px 0"><p style="font-size:13px;color:#4a5568"><a href="${escapeHtml(values.unsubscribeLink)}">${escapeHtml(say("email.unsubscribe"))}</a> ${escapeHtml(language === "en" ? "from all emails of this panel." : say("email.unsubscribeAfter"))}</p>`
    : "";
  const html = `<!doctype html><html lang="${escapeHtml(language)}" dir="${language === "ar" ? "rtl" : "ltr"}"><body style="font-family:system-ui,Arial,sans-serif;color:#1b2330;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">${emailHeader(header)}${body}${unsubscribe}</body></html>`;
  const stop = language === "en" ? "To stop all emails from this panel:" : say("email.unsubscribe") + ":";
  const textWithFooter =
    values.unsubscribeLink && !bodyTemplate.includes("{{unsubscribeLink}}")
      ? `${text}\n\n—\n${stop} ${values.unsubscribeLink}`
      : text;
  return { subject, text: textWithFooter, html };
}

/** Who the email is from, above its text: the panel's logo (an address on this site) beside its name. */
export interface EmailHeader {
  panelName: string;
  logoUrl?: string | null;
}

function emailHeader(header: EmailHeader | undefined): string {
  if (!header?.logoUrl || !isSafeUrl(header.logoUrl)) return "";
  return `<p style="margin:0 0 20px"><img src="${escapeHtml(header.logoUrl)}" alt="${escapeHtml(header.panelName)}" height="40" style="height:40px;width:auto;border:0"></p>`;
}

/** A wave's templates as the panel team set them, and which they wrote themselves. */
export interface WaveTemplateSet {
  invitationSubject: string;
  invitationBody: string;
  reminderSubject: string;
  reminderBody: string;
  translations: Record<
    string,
    Partial<Record<"invitationSubject" | "invitationBody" | "reminderSubject" | "reminderBody", string>>
  >;
  customTemplates: { invitation: boolean; reminder: boolean };
}

/**
 * The templates for an email in a language: the wave's own in that language when the panel team
 * wrote them; else ours in that language when they kept our English ones; else their English.
 */
export function templatesIn(
  wave: WaveTemplateSet,
  language: string,
): Omit<WaveTemplateSet, "translations" | "customTemplates"> {
  const own = wave.translations[language] ?? {};
  const ours = language === "en" ? undefined : catalogue(language).email;
  const pick = (field: "invitationSubject" | "invitationBody" | "reminderSubject" | "reminderBody", custom: boolean) =>
    own[field]?.trim() ? (own[field] as string) : !custom && ours ? ours[field] : wave[field];
  return {
    invitationSubject: pick("invitationSubject", wave.customTemplates.invitation),
    invitationBody: pick("invitationBody", wave.customTemplates.invitation),
    reminderSubject: pick("reminderSubject", wave.customTemplates.reminder),
    reminderBody: pick("reminderBody", wave.customTemplates.reminder),
  };
}
