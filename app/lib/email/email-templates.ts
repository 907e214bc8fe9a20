import { translator } from "~/i18n";

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface Layout {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  after?: string[];
  unsubscribeUrl?: string;
  panelName: string;
  /** The language the email is in (its own sentences; the panel team's text is as they wrote it). */
  language?: string;
}

/** A plain-text and an HTML part from the same sentences, with the unsubscribe footer. */
export function layoutEmail(l: Layout): RenderedEmail {
  const language = l.language ?? "en";
  const t = translator(language);
  const footer = l.unsubscribeUrl
    ? `${t("email.footer", { panel: l.panelName })} ${l.unsubscribeUrl}`
    : t("email.footerEntered", { panel: l.panelName });
  const text = [
    l.greeting,
    "",
    ...l.paragraphs.flatMap((p) => [p, ""]),
    ...(l.action ? [`${l.action.label}: ${l.action.url}`, ""] : []),
    ...(l.after ?? []).flatMap((p) => [p, ""]),
    "—",
    footer,
  ].join("\n");
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const html = `<!doctype html><html lang="${escapeHtml(language)}" dir="${language === "ar" ? "rtl" : "ltr"}"><body style="font-family:system-ui,Arial,sans-serif;color:#1b2330;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
${p(l.greeting)}
${l.paragraphs.map(p).join("\n")}
${l.action ? `<p style="margin:24px 0"><a href="${escapeHtml(l.action.url)}" style="background:#1a5fb4;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(l.action.label)}</a></p><p style="font-size:13px;color:#4a5568">${escapeHtml(t("email.paste"))} ${escapeHtml(l.action.url)}</p>` : ""}
${(l.after ?? []).map(p).join("\n")}
<hr style="border:none;border-top:1px solid #d5dae1;margin:24px 0"><p style="font-size:13px;color:#4a5568">${l.unsubscribeUrl ? `${escapeHtml(t("email.footerHtml", { panel: l.panelName }))} <a href="${escapeHtml(l.unsubscribeUrl)}">${escapeHtml(t("email.unsubscribe"))}</a> ${escapeHtml(t("email.unsubscribeAfter"))}` : escapeHtml(footer)}</p>
</body></html>`;
  return { subject: l.subject, text, html };
}

const hello = (name: string | null | undefined, language = "en") =>
  name
    ? translator(language)("email.hello", { name: name.split(" ")[0] as string })
    : translator(language)("email.helloAnon");

/** The link that confirms a sign-up, in the language the person chose on the join page. */
export function confirmEmail(v: {
  name: string | null;
  panelName: string;
  url: string;
  language?: string;
}): RenderedEmail {
  const language = v.language ?? "en";
  const t = translator(language);
  return layoutEmail({
    subject: t("join.confirmSubject", { panel: v.panelName }),
    greeting: hello(v.name, language),
    paragraphs: [t("join.confirmBody", { panel: v.panelName })],
    // The confirmation page opens in the email's language.
    action: { label: t("join.confirmAction"), url: `${v.url}?lang=${language}` },
    after: [t("join.confirmAfter")],
    panelName: v.panelName,
    language,
  });
}

export function alreadyMemberEmail(v: {
  name: string | null;
  panelName: string;
  url: string;
  language?: string;
}): RenderedEmail {
  const language = v.language ?? "en";
  const t = translator(language);
  return layoutEmail({
    subject: t("join.alreadySubject", { panel: v.panelName }),
    greeting: hello(v.name, language),
    paragraphs: [t("join.alreadyBody", { panel: v.panelName })],
    action: { label: t("join.alreadyAction"), url: v.url },
    panelName: v.panelName,
    language,
  });
}

export function signInEmail(v: {
  name: string | null;
  panelName: string;
  url: string;
  unsubscribeUrl?: string;
}): RenderedEmail {
  return layoutEmail({
    subject: `Your sign-in link for the ${v.panelName}`,
    greeting: hello(v.name),
    paragraphs: ["Here is the link you asked for to see and update your profile, leave the panel, or erase your data."],
    action: { label: "Open my profile", url: v.url },
    after: ["The link works once and expires in 1 hour. If you did not ask for it, ignore this email."],
    unsubscribeUrl: v.unsubscribeUrl,
    panelName: v.panelName,
  });
}

/** Where the wave's title goes in a thank-you subject the database completes (thankYouSubject). */
export const SURVEY_TITLE_SLOT = "\u0001survey-title\u0001";

/**
 * A thank-you email's subject in a language with SURVEY_TITLE_SLOT for the wave's title: the
 * completion's statement puts the title in as it records the message (the body is written when it
 * is delivered), so every list shows the subject the message will have from the start.
 */
export function thankYouSubject(language: string): string {
  let subject = subjects.get(language);
  if (subject === undefined) {
    subject = translator(language)("email.thankYouSubject", { surveyTitle: SURVEY_TITLE_SLOT });
    subjects.set(language, subject);
  }
  return subject;
}
const subjects = new Map<string, string>();

export function thankYouEmail(v: {
  name: string | null;
  panelName: string;
  surveyTitle: string;
  unsubscribeUrl: string;
  language?: string;
}): RenderedEmail {
  const language = v.language ?? "en";
  const t = translator(language);
  return layoutEmail({
    subject: t("email.thankYouSubject", { surveyTitle: v.surveyTitle }),
    greeting: hello(v.name, language),
    paragraphs: [t("email.thankYouSaved", { surveyTitle: v.surveyTitle }), t("email.thankYouNext")],
    unsubscribeUrl: v.unsubscribeUrl,
    panelName: v.panelName,
    language,
  });
}

/**
 * "The results are out", saying only what is true for the wave's audience: anyone may read public
 * results (a respondent's button is personal, the address is to share); panel results need a
 * member's sign-in (the address is for other members, who sign in at /me); respondents-only results
 * have no address to share, since each reader signs in with their own link.
 */
export function resultsOutEmail(v: {
  name: string | null;
  panelName: string;
  surveyTitle: string;
  url: string;
  signInUrl?: string;
  /** Where a member signs in (the panel's /me page). */
  meUrl?: string;
  audience?: "public" | "panel" | "respondents";
  /** The person answered the wave (their button shows their own answers). */
  answered?: boolean;
  /** The report compares regions. */
  byRegion?: boolean;
  unsubscribeUrl: string;
  language?: string;
}): RenderedEmail {
  const language = v.language ?? "en";
  const t = translator(language);
  const audience = v.audience ?? "public";
  const answered = v.answered ?? Boolean(v.signInUrl);
  const after = !v.signInUrl
    ? undefined
    : audience === "panel"
      ? [t("email.resultsAfterPanel", { url: v.url, signIn: v.meUrl ?? "/me" })]
      : audience === "respondents"
        ? [t("email.resultsAfterRespondents")]
        : [t("email.resultsAfter", { url: v.url })];
  return layoutEmail({
    subject: t("email.resultsSubject", { surveyTitle: v.surveyTitle }),
    greeting: hello(v.name, language),
    paragraphs: [t(v.byRegion ? "email.resultsOutRegions" : "email.resultsOut", { surveyTitle: v.surveyTitle })],
    action: v.signInUrl
      ? { label: t(answered ? "email.resultsOpenMine" : "email.resultsOpen"), url: v.signInUrl }
      : { label: t("email.resultsOpen"), url: v.url },
    after,
    unsubscribeUrl: v.unsubscribeUrl,
    panelName: v.panelName,
    language,
  });
}

export function rejoinEmail(v: {
  name: string | null;
  panelName: string;
  url: string;
  language?: string;
}): RenderedEmail {
  const language = v.language ?? "en";
  const t = translator(language);
  return layoutEmail({
    subject: t("join.rejoinSubject", { panel: v.panelName }),
    greeting: hello(v.name, language),
    paragraphs: [t("join.rejoinBody", { panel: v.panelName })],
    // The confirmation page opens in the email's language.
    action: { label: t("join.rejoinAction"), url: `${v.url}?lang=${language}` },
    after: [t("join.rejoinAfter")],
    panelName: v.panelName,
    language,
  });
}

export function emailChangeEmail(v: { name: string | null; panelName: string; url: string }): RenderedEmail {
  return layoutEmail({
    subject: `Confirm your new address for the ${v.panelName}`,
    greeting: hello(v.name),
    paragraphs: [
      `You asked to use this address for the ${v.panelName}. Confirm it, and emails from the panel will come here.`,
    ],
    action: { label: "Confirm this address", url: v.url },
    after: [
      "The link works once and expires in 24 hours. If you did not ask for this, ignore this email: nothing changes.",
    ],
    panelName: v.panelName,
  });
}

export function emailChangeNotice(v: { name: string | null; panelName: string; newAddress: string }): RenderedEmail {
  const [user, domain] = v.newAddress.split("@");
  const hint = `${(user ?? "").slice(0, 1)}…@${domain ?? ""}`;
  return layoutEmail({
    subject: `Your address for the ${v.panelName} is being changed`,
    greeting: hello(v.name),
    paragraphs: [
      `Someone signed in to your profile on the ${v.panelName} asked to use a new address (${hint}). It takes effect only once confirmed from that address.`,
      "If this was not you, sign in again at the panel's /me page and check your profile, or reply to this email.",
    ],
    panelName: v.panelName,
  });
}

/** The password reset an admin asked for (English, as the admin is). */
export function passwordResetEmail(v: { url: string; minutes: number }): RenderedEmail {
  const lines = [
    "Hello,",
    "Someone (we hope you) asked to reset the password of your Quorum admin account.",
    `Choose a new password: ${v.url}`,
    `The link works once and expires in ${v.minutes} minutes; using it signs you out everywhere. If you did not ask for it, ignore this email: your password stays as it is.`,
  ];
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  return {
    subject: "Reset your Quorum password",
    text: lines.join("\n\n"),
    html: `<!doctype html><html lang="en"><body style="font-family:system-ui,Arial,sans-serif;color:#1b2330;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
${p(lines[0] as string)}
${p(lines[1] as string)}
<p style="margin:24px 0"><a href="${escapeHtml(v.url)}">Choose a new password</a></p><p style="font-size:13px;color:#4a5568">${escapeHtml(v.url)}</p>
${p(lines[3] as string)}
</body></html>`,
  };
}
