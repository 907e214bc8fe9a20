import { z } from "zod";
import {
  checkAnswers,
  type AnswerError,
  languageChoices,
  questionnaireLanguages,
  prefillFrom,
  profileFromAnswers,
  plainFirstPage,
  type PlainPage,
  checkedWithoutModel,
} from "~/lib/survey";
import { thankYouSubject } from "~/lib/email";
import { chooseLanguage, directionOf } from "~/lib/language";
import { dateIn, strings, translator, type Catalogue } from "~/i18n";
import { fill } from "~/lib/format";
import { deliverSoon } from "~/flows/mail.server";
import {
  findInvitationByToken,
  markOpened,
  rememberLanguage,
  type InvitationContext,
} from "~/models/invitation.server";
import {
  completeByToken,
  completeInvitationResponse,
  partialResponseOf,
  savePartialResponse,
} from "~/models/response.server";
import { loadedDefinition } from "~/models/questionnaire.server";
import { waveState } from "~/models/wave.server";

/** The language a page is in, the others its questionnaire has, and its own sentences in that language. */
export interface PageLanguage {
  language: string;
  dir: "ltr" | "rtl";
  languages: { code: string; name: string }[];
  text: Catalogue["page"] & Catalogue["language"];
}

export type RespondentPage =
  | { kind: "not-found" }
  | ({
      kind: "answered";
      answeredText: string;
      title: string;
      panelName: string | null;
      panelLogo?: string | null;
    } & PageLanguage)
  | ({ kind: "not-open"; dateText: string; title: string } & PageLanguage)
  | ({ kind: "closed"; dateText: string; title: string } & PageLanguage)
  | ({
      kind: "open";
      /** The browser's own strings (save state, errors), in the page's language. */
      runnerText: Catalogue["runner"];
      title: string;
      description: string;
      /** The panel the invitation comes from, named at the top of the page (open links: none), and its logo. */
      panelName?: string | null;
      panelLogo?: string | null;
      definition: Record<string, unknown>;
      /** The questionnaire version shown, sent back with the completion (personal links). */
      version?: number;
      firstName: string | null;
      askEmail?: boolean;
      /** Answers saved earlier from any device, to resume with (personal links only). */
      resume?: { data: Record<string, unknown>; page: number; savedAt: string } | null;
      /** Where nothing is saved yet: profile questions start at what the panel knows, to confirm or correct. */
      prefill?: Record<string, string>;
      /** Whether progress is saved to the server as the respondent goes (personal links; open links keep it in the browser). */
      autosave: boolean;
      /** The first page as plain controls, answerable before the script arrives (null: the script draws it). */
      plain?: PlainPage | null;
      /** On an identified wave, what the team links the answers to: the person, or the email given (open links). */
      identity?: "named" | "email" | null;
    } & PageLanguage);

/**
 * The page's language: the one asked for (the switcher), else the one chosen before on this link,
 * the person's, the panel's, when the questionnaire has it; else the questionnaire's own.
 */
export function pageLanguage(definition: object, wanted: (string | null | undefined)[]): PageLanguage {
  const { languages } = questionnaireLanguages(definition);
  const language = answerLanguage(definition, wanted);
  return {
    language,
    dir: directionOf(language),
    languages: languageChoices(languages),
    text: { ...strings(language, "page"), ...strings(language, "language") },
  };
}

/** The language of the questionnaire to answer in: the first wanted one it has, else its own. */
function answerLanguage(definition: object, wanted: (string | null | undefined)[]): string {
  const { languages, primary } = questionnaireLanguages(definition);
  return chooseLanguage(languages, wanted, primary);
}

/** The page is headed by the wave people were invited to ("… 2026"), not the questionnaire's own title. */
function describe(ctx: InvitationContext, language: string): { title: string; description: string } {
  return { title: ctx.waveTitle, description: localText(ctx.definition.description, language) };
}

/** A questionnaire's text in a language: a plain string, or its translation ({"default": …, "es": …}). */
export function localText(value: unknown, language: string): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    const texts = value as Record<string, unknown>;
    const found = texts[language] ?? texts.default ?? texts.en;
    return typeof found === "string" ? found : "";
  }
  return "";
}

/** What the thank-you page says: which wave, which panel, to whom (only once the link is used). */
export async function loadThanks(
  token: string,
  browser: readonly string[] = [],
): Promise<
  ({ title: string; panelName: string; panelLogo: string | null; firstName: string | null } & PageLanguage) | undefined
> {
  const ctx = await findInvitationByToken(token);
  if (!ctx || !ctx.usedAt || ctx.panelistStatus === "erased") return undefined;
  return {
    title: ctx.waveTitle,
    panelName: ctx.panelName,
    panelLogo: ctx.panelLogo,
    firstName: ctx.firstName,
    ...pageLanguage(ctx.definition, wantedLanguages(ctx, null, browser)),
  };
}

/** In order: asked for on the page, chosen before with this link, the person's preference, their browser's, the panel's. */
function wantedLanguages(
  ctx: InvitationContext,
  asked?: string | null,
  browser: readonly string[] = [],
): (string | null)[] {
  return [asked ?? null, ctx.invitationLanguage, ctx.panelistLanguage, ...browser, ctx.panelLanguage];
}

/** What a respondent's link shows now: the questionnaire, or why not. */
export async function loadRespondentPage(
  token: string,
  asked: string | null = null,
  browser: readonly string[] = [],
  now = new Date(),
): Promise<RespondentPage> {
  const ctx = await findInvitationByToken(token);
  if (!ctx || ctx.panelistStatus === "erased") return { kind: "not-found" };
  const lang = pageLanguage(ctx.definition, wantedLanguages(ctx, asked, browser));
  // A language chosen on the page is remembered with the link (the response in progress keeps it too).
  if (asked && asked === lang.language && asked !== ctx.invitationLanguage)
    await rememberLanguage(ctx.invitationId, asked);
  if (ctx.usedAt)
    return {
      kind: "answered",
      answeredText: fill(lang.text.answeredOn, { date: dateIn(lang.language, ctx.usedAt) }),
      title: ctx.waveTitle,
      panelName: ctx.panelName,
      panelLogo: ctx.panelLogo,
      ...lang,
    };
  const { title, description } = describe(ctx, lang.language);
  const state = waveState(ctx, now);
  if (state === "not-open") return { kind: "not-open", dateText: dateIn(lang.language, ctx.opensAt), title, ...lang };
  if (state === "closed")
    return { kind: "closed", dateText: dateIn(lang.language, ctx.closesAt as Date), title, ...lang };
  if (!ctx.openedAt) await markOpened(ctx.invitationId);
  const partial = await partialResponseOf(ctx.invitationId);
  return {
    kind: "open",
    ...lang,
    runnerText: strings(lang.language, "runner"),
    title,
    description,
    panelName: ctx.panelName,
    panelLogo: ctx.panelLogo,
    definition: ctx.definition,
    version: ctx.versionId,
    firstName: ctx.firstName,
    resume: partial ? { data: partial.data, page: partial.page, savedAt: partial.savedAt.toISOString() } : null,
    prefill: partial ? {} : prefillFrom(ctx.definition, ctx.profile),
    autosave: true,
    plain: !partial || partial.page === 0 ? plainFirstPage(ctx.definition, lang.language) : null,
    identity: ctx.waveIdentified ? "named" : null,
  };
}

/** What a respondent POST's body must be, said the same way for personal and open links. */
export const BODY_MESSAGES = {
  body: { invalid_type_error: 'The body must be a JSON object, such as {"data": {…}, "complete": true}.' },
  data: {
    invalid_type_error: '"data" must be an object of answers keyed by question name',
    required_error: '"data" is required: an object of answers keyed by question name',
  },
};

const bodySchema = z.object(
  {
    data: z.record(z.unknown(), BODY_MESSAGES.data),
    complete: z.boolean({ required_error: '"complete" is required (true to submit, false to save progress)' }),
    submissionId: z.string().uuid('"submissionId" must be a UUID').optional(),
    page: z
      .number()
      .int('"page" must be a whole number')
      .min(0, '"page" must be 0 or more')
      .max(999, '"page" must be below 1000')
      .optional(),
    /** The language the page is in: messages come back in it, and the response records it. */
    language: z
      .string()
      .regex(/^[a-z]{2}$/, '"language" must be a two-letter code such as es')
      .optional(),
    /** The questionnaire version the page shows: a completion can then be checked before the link is looked up. */
    version: z.number().int('"version" must be a whole number').positive('"version" must be positive').optional(),
  },
  BODY_MESSAGES.body,
);

export type SubmitOutcome =
  | { kind: "not-found" }
  | { kind: "bad-request"; message: string }
  | { kind: "closed"; message: string }
  | { kind: "already-answered"; message: string }
  | { kind: "invalid"; errors: AnswerError[] }
  | { kind: "saved"; status: "complete" | "partial"; responseId: string };

/** Validates and stores answers sent to a respondent link (the `POST /s/:token` contract). */
export async function submitAnswers(token: string, body: unknown, now = new Date()): Promise<SubmitOutcome> {
  const early = await completeEarly(token, body, now);
  if (early?.kind === "saved") return early;
  const ctx = early ? early.context : await findInvitationByToken(token);
  if (!ctx || ctx.panelistStatus === "erased") return { kind: "not-found" };

  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    return { kind: "bad-request", message: parsed.error.issues.map((i) => i.message).join("; ") };
  }
  const { data, complete, submissionId, page } = parsed.data;
  // Messages in the language the page is in (it says so in the body), else the one remembered.
  const language = answerLanguage(ctx.definition, wantedLanguages(ctx, parsed.data.language));
  const t = translator(language);

  const state = waveState(ctx, now);
  if (state === "closed")
    return { kind: "closed", message: t("page.closedOn", { date: dateIn(language, ctx.closesAt as Date) }) };
  if (state === "not-open")
    return { kind: "closed", message: t("page.opensOn", { date: dateIn(language, ctx.opensAt) }) };

  const already = () => t("page.answeredOn", { date: dateIn(language, ctx.usedAt ?? now) });
  const check = checkAnswers(ctx.definition, data, { complete, cacheKey: ctx.versionId, locale: language });
  if (!check.ok) {
    return ctx.usedAt ? { kind: "already-answered", message: already() } : { kind: "invalid", errors: check.errors };
  }
  if (!complete) {
    if (ctx.usedAt) return { kind: "already-answered", message: already() };
    const saved = await savePartialResponse({
      invitationId: ctx.invitationId,
      versionId: ctx.versionId,
      data: check.data,
      page,
      language,
    });
    return saved
      ? { kind: "saved", status: "partial", responseId: saved }
      : { kind: "already-answered", message: already() };
  }
  const thank = ctx.thankYou && ctx.panelistEmail && ctx.panelistStatus === "active";
  const outcome = await completeInvitationResponse({
    invitationId: ctx.invitationId,
    versionId: ctx.versionId,
    data: check.data,
    submissionId: submissionId ?? null,
    language,
    // Counted under what they answered to the profile questions (confirmed or corrected), else the profile.
    answeredProfile: profileFromAnswers(ctx.definition, check.data),
    // Its body is written when it is delivered (flows/mail), in the language answered in.
    thankYou: thank ? { subject: thankYouSubject(language), language } : undefined,
  });
  if (outcome.status === "stored") deliverSoon(outcome.emailIds);
  if (outcome.status === "already-used") {
    return {
      kind: "already-answered",
      message: t("page.answeredOn", { date: dateIn(language, outcome.completedAt ?? now) }),
    };
  }
  return { kind: "saved", status: "complete", responseId: outcome.responseId };
}

/**
 * A completion from the page, which names the questionnaire version it shows and its language: when
 * this process has read that version and checks it without survey-core's Model (a fraction of a
 * millisecond, so a made-up link costs little more than before), the answers are checked first and
 * stored by the statement that looks the link up — one round trip instead of two. That statement
 * stores only what the ordinary path would (the link unused, the wave open and on that version, the
 * person not erased), with the same language and profile and the same thank-you email; otherwise it returns the link's context and the ordinary path goes on
 * from there. Undefined when the body does not qualify (the ordinary path looks the link up).
 */
async function completeEarly(
  token: string,
  body: unknown,
  now: Date,
): Promise<
  Extract<SubmitOutcome, { kind: "saved" }> | { kind: "context"; context: InvitationContext | undefined } | undefined
> {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { data, complete, submissionId, version, language } = parsed.data;
  if (!complete || version === undefined || language === undefined) return undefined;
  const loaded = loadedDefinition(version);
  const definition = loaded && (await loaded.catch(() => undefined));
  if (!definition || !questionnaireLanguages(definition).languages.includes(language)) return undefined;
  if (!checkedWithoutModel(definition, version, language)) return undefined;
  const check = checkAnswers(definition, data, { complete: true, cacheKey: version, locale: language });
  if (!check.ok) return undefined;
  const outcome = await completeByToken({
    token,
    versionId: version,
    data: check.data,
    submissionId: submissionId ?? null,
    language,
    answeredProfile: profileFromAnswers(definition, check.data),
    thankYouSubject: thankYouSubject(language),
    now,
  });
  if (!outcome?.stored) return { kind: "context", context: outcome?.context };
  deliverSoon(outcome.stored.emailIds);
  return { kind: "saved", status: "complete", responseId: outcome.stored.responseId };
}
