import { z } from "zod";
import { checkAnswers, plainFirstPage } from "~/lib/survey";
import { waveState } from "~/lib/fieldwork";
import { longDate, fill } from "~/lib/format";
import { regionOf } from "~/lib/panel";
import { cachedDefinition } from "~/models/questionnaire.server";
import {
  BODY_MESSAGES,
  localText,
  pageLanguage,
  type RespondentPage,
  type SubmitOutcome,
} from "~/flows/respond.server";
import { dateIn, strings } from "~/i18n";
import { completeOpenResponse, openResponseOf } from "~/models/response.server";
import { getWaveByOpenCode } from "~/models/wave.server";

async function waveAndDefinition(code: string) {
  if (!/^[a-z0-9]{6,32}$/.test(code)) return undefined;
  const wave = await getWaveByOpenCode(code);
  if (!wave) return undefined;
  return { wave, definition: await cachedDefinition(wave.questionnaireVersionId) };
}

/** What an open link shows to this browser: the questionnaire, or why not. */
export async function loadOpenPage(
  code: string,
  browserKey: string | undefined,
  asked: string | null = null,
  browser: readonly string[] = [],
  now = new Date(),
): Promise<RespondentPage> {
  const found = await waveAndDefinition(code);
  if (!found) return { kind: "not-found" };
  const { wave, definition } = found;
  // Nobody is known at an open link: the language asked for on the page, else the browser's, else the questionnaire's own.
  const lang = pageLanguage(definition, [asked, ...browser]);
  const answeredAt = browserKey ? await openResponseOf(wave.id, browserKey) : undefined;
  const title = wave.title;
  if (answeredAt)
    return {
      kind: "answered",
      answeredText: fill(lang.text.answeredOn, { date: dateIn(lang.language, answeredAt) }),
      title,
      panelName: null,
      ...lang,
    };
  const state = waveState(wave, now);
  if (state === "not-open") return { kind: "not-open", dateText: dateIn(lang.language, wave.opensAt), title, ...lang };
  if (state === "closed")
    return { kind: "closed", dateText: dateIn(lang.language, wave.closesAt as Date), title, ...lang };
  const description = localText(definition.description, lang.language);
  return {
    kind: "open",
    ...lang,
    runnerText: strings(lang.language, "runner"),
    title,
    description,
    definition,
    firstName: null,
    askEmail: wave.openLinkEmailCheck,
    resume: null,
    autosave: false,
    plain: plainFirstPage(definition, lang.language),
    // An open-link answer is linked to a person only through the email it asks for.
    identity: wave.identified && wave.openLinkEmailCheck ? "email" : null,
  };
}

const bodySchema = z.object(
  {
    data: z.record(z.unknown(), BODY_MESSAGES.data),
    complete: z.literal(true, {
      errorMap: () => ({ message: 'Open links take completed answers only: send "complete": true.' }),
    }),
    submissionId: z.string().uuid('"submissionId" must be a UUID').optional(),
    email: z.string().max(254).optional(),
  },
  BODY_MESSAGES.body,
);

/** Validates and stores a completed open-link response, tagged as such. */
export async function submitOpenAnswers(
  code: string,
  browserKey: string | undefined,
  body: unknown,
  now = new Date(),
): Promise<SubmitOutcome> {
  const found = await waveAndDefinition(code);
  if (!found) return { kind: "not-found" };
  const { wave, definition } = found;
  if (!browserKey)
    return {
      kind: "bad-request",
      message: "This browser did not keep the survey's cookie: allow cookies for this site and reload the page.",
    };
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return { kind: "bad-request", message: parsed.error.issues.map((i) => i.message).join("; ") };
  const state = waveState(wave, now);
  if (state === "closed")
    return { kind: "closed", message: `This survey closed on ${longDate(wave.closesAt as Date)}.` };
  if (state === "not-open") return { kind: "closed", message: `This survey opens on ${longDate(wave.opensAt)}.` };
  const check = checkAnswers(definition, parsed.data.data, { complete: true, cacheKey: wave.questionnaireVersionId });
  const email = parsed.data.email?.trim() || null;
  const emailError =
    wave.openLinkEmailCheck && !(email && z.string().email().safeParse(email).success)
      ? [{ question: "email", message: "Give your email address: this survey takes one response per address." }]
      : [];
  if (!check.ok || emailError.length)
    return { kind: "invalid", errors: [...emailError, ...(check.ok ? [] : check.errors)] };
  const country = typeof check.data.country === "string" && regionOf(check.data.country) ? check.data.country : null;
  const outcome = await completeOpenResponse({
    waveId: wave.id,
    versionId: wave.questionnaireVersionId,
    browserKey,
    data: check.data,
    submissionId: parsed.data.submissionId ?? null,
    country,
    region: regionOf(country) ?? null,
    email: wave.openLinkEmailCheck ? email : null,
  });
  if (outcome.status === "already-used") {
    return {
      kind: "already-answered",
      message: `You already answered on ${longDate(outcome.completedAt ?? now)}. Thank you.`,
    };
  }
  return { kind: "saved", status: "complete", responseId: outcome.responseId };
}
