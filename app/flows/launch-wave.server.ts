import { z } from "zod";
import { LANGUAGE_CODES } from "~/lib/language";
import { segmentSchema } from "~/lib/panel";
import { zonedToUtc } from "~/lib/fieldwork";
import { unknownMergeFields } from "~/lib/email";
import type { Actor } from "~/models/audit.server";
import { getPanelBySlug } from "~/models/panel.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { getSeriesBySlug } from "~/models/series.server";
import { createWave, waveSlugTaken, type Wave } from "~/models/wave.server";

const template = (extra: string[] = []) =>
  z
    .string()
    .max(20_000)
    .optional()
    .superRefine((v, ctx) => {
      const unknown = v ? unknownMergeFields(v, extra) : [];
      if (unknown.length)
        ctx.addIssue({
          code: "custom",
          message: `Unknown merge field ${unknown.map((f) => `{{${f}}}`).join(", ")}; use {{firstName}}, {{surveyTitle}}, {{link}}, {{closeDate}} or {{unsubscribeLink}}.`,
        });
    });

/** The smallest minimum group size a wave may have (issue 23): below it anonymity is no promise. */
const MIN_GROUP_FLOOR = 3;

/** A wave as the API, the CLI and the admin form describe it. */
const waveInputSchema = z
  .object({
    questionnaire: z.string({ required_error: "Choose a questionnaire." }).min(1, "Choose a questionnaire."),
    panel: z.string({ required_error: "Choose a panel." }).min(1, "Choose a panel."),
    slug: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and dashes, such as micro-credentials-2026.")
      .refine((s) => !["new", "preview"].includes(s), "That slug is reserved; choose another."),
    title: z.string().trim().min(1, "Give the wave a title.").max(200).optional(),
    opensAt: z.coerce.date({ errorMap: () => ({ message: "Give the opening date and time." }) }).optional(),
    closesAt: z.coerce
      .date({ errorMap: () => ({ message: "Give a valid closing date and time." }) })
      .nullable()
      .optional(),
    minGroupSize: z.coerce
      .number({ invalid_type_error: "The minimum group size is a whole number from 3 to 1000." })
      .int("The minimum group size is a whole number from 3 to 1000.")
      .min(
        MIN_GROUP_FLOOR,
        `The minimum group size must be at least ${MIN_GROUP_FLOOR}: with fewer, a published figure could describe one or two people, and they could be recognised. 5 is usual.`,
      )
      .max(1000, "The minimum group size is a whole number from 3 to 1000.")
      .default(5),
    audience: z
      .enum(["respondents", "panel", "public"], {
        errorMap: () => ({ message: "The audience is respondents, panel or public." }),
      })
      .default("respondents"),
    segment: segmentSchema.default({}),
    invitationSubject: template().pipe(z.string().optional()),
    invitationBody: template().pipe(z.string().optional()),
    reminderSubject: template().pipe(z.string().optional()),
    reminderBody: template(["resumeSentence"]).pipe(z.string().optional()),
    reminderDays: z.array(z.coerce.number().int().min(1).max(90)).max(5).optional(),
    maxReminders: z.coerce.number().int().min(0).max(5).optional(),
    thankYou: z.boolean().optional(),
    openLink: z.boolean().optional(),
    openLinkEmailCheck: z.boolean().optional(),
    /** Identified: the team may link responses to people (respondents are told). Default: anonymous to the team. */
    identified: z.boolean({ invalid_type_error: "identified is true or false." }).default(false),
    /** The series (of the same panel) the wave joins, by slug (issue 28). */
    series: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "A series is named by its slug, such as micro-credentials.")
      .optional(),
    /** Email templates in other languages ({"es": {"invitationSubject": …}}); empty ones fall back (see templatesIn). */
    translations: z
      .record(
        z.string().regex(/^[a-z]{2}$/, "Languages are two-letter codes such as es."),
        z.object({
          invitationSubject: template(),
          invitationBody: template(),
          reminderSubject: template(),
          reminderBody: template(["resumeSentence"]),
        }),
      )
      .optional(),
  })
  .refine((w) => !w.closesAt || w.closesAt > (w.opensAt ?? new Date()), {
    message: "The wave must close after it opens.",
    path: ["closesAt"],
  });

/** Validates a wave and creates it with the questionnaire's current version frozen in. */
export async function launchWave(
  body: unknown,
  actor: Actor,
): Promise<{ ok: true; wave: Wave } | { ok: false; status: 400 | 404 | 409; errors: Record<string, string[]> }> {
  const parsed = waveInputSchema.safeParse(body);
  if (!parsed.success) {
    const flat = parsed.error.flatten();
    return {
      ok: false,
      status: 400,
      errors: { ...flat.fieldErrors, ...(flat.formErrors.length ? { form: flat.formErrors } : {}) } as Record<
        string,
        string[]
      >,
    };
  }
  const input = parsed.data;
  const [panel, version] = await Promise.all([getPanelBySlug(input.panel), getCurrentVersion(input.questionnaire)]);
  const errors: Record<string, string[]> = {};
  if (!panel) errors.panel = [`There is no panel "${input.panel}".`];
  if (!version) errors.questionnaire = [`There is no questionnaire "${input.questionnaire}" in survey-definitions/.`];
  if (!panel || !version) return { ok: false, status: 404, errors };
  const series = input.series ? await getSeriesBySlug(input.series) : undefined;
  if (input.series && !series)
    return { ok: false, status: 404, errors: { series: [`There is no series "${input.series}"; create it first.`] } };
  if (series && series.panelId !== panel.id)
    return {
      ok: false,
      status: 400,
      errors: { series: [`The series "${series.slug}" belongs to another panel; a series keeps to one panel.`] },
    };
  if (await waveSlugTaken(input.slug))
    return { ok: false, status: 409, errors: { slug: [`A wave "${input.slug}" already exists.`] } };
  const wave = await createWave(
    {
      slug: input.slug,
      title: input.title ?? version.title,
      panelId: panel.id,
      questionnaireVersionId: version.id,
      opensAt: input.opensAt,
      closesAt: input.closesAt ?? null,
      minGroupSize: input.minGroupSize,
      audience: input.audience,
      segment: input.segment,
      invitationSubject: input.invitationSubject,
      invitationBody: input.invitationBody,
      reminderSubject: input.reminderSubject,
      reminderBody: input.reminderBody,
      reminderDays: input.reminderDays,
      maxReminders: input.maxReminders,
      thankYou: input.thankYou,
      openLinkCode: input.openLink ? crypto.randomUUID().replace(/-/g, "").slice(0, 12) : null,
      openLinkEmailCheck: input.openLinkEmailCheck,
      translations: input.translations,
      identified: input.identified,
      seriesId: series?.id ?? null,
    },
    actor,
  );
  return { ok: true, wave };
}

/** What the API answers for a wave. */
export function waveJson(wave: Wave, extra: Record<string, unknown> = {}) {
  return {
    slug: wave.slug,
    title: wave.title,
    opensAt: wave.opensAt,
    closesAt: wave.closesAt,
    minGroupSize: wave.minGroupSize,
    audience: wave.audience,
    segment: wave.segment,
    reminderDays: wave.reminderDays,
    maxReminders: wave.maxReminders,
    thankYou: wave.thankYou,
    openLinkCode: wave.openLinkCode,
    launchedAt: wave.launchedAt,
    identified: wave.identified,
    series: wave.seriesSlug,
    ...extra,
  };
}

/** The wave the admin form describes, in the API's shape (local times converted from their time zone). */
export function waveInputFromForm(form: URLSearchParams | FormData) {
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  const all = (k: string) => form.getAll(k).filter((v): v is string => typeof v === "string" && v !== "");
  const tz = get("timeZone") ?? "UTC";
  const when = (k: string) => {
    const v = get(k);
    return v ? (zonedToUtc(v, tz)?.toISOString() ?? "invalid") : undefined;
  };
  return {
    questionnaire: get("questionnaire") ?? "",
    panel: get("panel") ?? "",
    slug: get("slug") ?? "",
    title: get("title"),
    opensAt: when("opensAt"),
    closesAt: when("closesAt") ?? null,
    minGroupSize: get("minGroupSize") ?? "5",
    audience: get("audience") ?? "respondents",
    segment: {
      region: all("region"),
      country: all("country"),
      organisationType: all("organisationType"),
      roleCategory: all("roleCategory"),
    },
    invitationSubject: get("invitationSubject"),
    invitationBody: get("invitationBody"),
    reminderDays: get("reminderDays")
      ?.split(/[,\s]+/)
      .filter(Boolean)
      .map(Number),
    maxReminders: get("maxReminders"),
    thankYou: form.get("thankYou") === "on",
    openLink: form.get("openLink") === "on",
    openLinkEmailCheck: form.get("openLinkEmailCheck") === "on",
    identified: form.get("identity") === "identified",
    series: get("series"),
    translations: translationsFromForm(get),
  };
}

/** "translations.es.invitationBody" fields, kept only where filled in. */
function translationsFromForm(
  get: (k: string) => string | undefined,
): Record<string, Record<string, string>> | undefined {
  const out: Record<string, Record<string, string>> = {};
  for (const language of LANGUAGE_CODES.filter((l) => l !== "en")) {
    for (const field of ["invitationSubject", "invitationBody", "reminderSubject", "reminderBody"]) {
      const value = get(`translations.${language}.${field}`);
      if (value) (out[language] ??= {})[field] = value;
    }
  }
  return Object.keys(out).length ? out : undefined;
}
