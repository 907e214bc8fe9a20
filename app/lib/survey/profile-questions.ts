// Questions a questionnaire asks that the panel already knows from a person's profile: country,
// organisation type, role, organisation, job title. They are found by name (`country`,
// `organisationType`, `roleCategory`, `organisation`, `jobTitle`) or by a `"profile": "<field>"`
// property on the question. The respondent page starts them at the profile's value, for the person
// to confirm or correct; a completed response counts under what they answered (decision 006).
import { ORGANISATION_TYPES, regionOf, ROLE_CATEGORIES } from "~/lib/panel";
import { walkElements } from "./survey-check";

const PROFILE_FIELDS = ["country", "organisationType", "roleCategory", "organisation", "jobTitle"] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

export type Profile = Partial<Record<ProfileField, string | null>>;

interface ProfileQuestion {
  field: ProfileField;
  /** The key its answer has in the data. */
  key: string;
  /** The values it offers, when its choices are listed in the file (null: free text, or loaded). */
  choices: string[] | null;
}

type Json = Record<string, unknown>;

const isField = (x: unknown): x is ProfileField =>
  typeof x === "string" && (PROFILE_FIELDS as readonly string[]).includes(x);

const cache = new WeakMap<Json, ProfileQuestion[]>();

/** The top-level questions (on pages and in panels, not in dynamic panels or matrices) that ask a profile field. */
export function profileQuestions(definition: Json): ProfileQuestion[] {
  const cached = cache.get(definition);
  if (cached) return cached;
  const found = new Map<ProfileField, ProfileQuestion>();
  walkElements(definition, [], "", (el, _path, _label, scope) => {
    if (scope) return; // inside a dynamic panel: one answer per panel, not the person's
    const field = isField(el.profile) ? el.profile : isField(el.name) && el.profile === undefined ? el.name : null;
    if (!field || found.has(field) || typeof el.name !== "string") return;
    const key = typeof el.valueName === "string" && el.valueName ? el.valueName : el.name;
    const listed = Array.isArray(el.choices) && !el.choicesByUrl;
    const choices = listed
      ? (el.choices as unknown[]).map((c) => String(c && typeof c === "object" ? (c as Json).value : c))
      : null;
    const textual = el.type === "text" || el.type === "comment";
    if (textual || choices) found.set(field, { field, key, choices });
  });
  const list = [...found.values()];
  cache.set(definition, list);
  return list;
}

/** Starting answers from a profile: only values the question offers (a text question takes any). */
export function prefillFrom(definition: Json, profile: Profile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of profileQuestions(definition)) {
    const value = profile[q.field];
    if (typeof value !== "string" || !value.trim()) continue;
    if (q.choices && !q.choices.includes(value)) continue;
    out[q.key] = value;
  }
  return out;
}

/** What a response is counted under, from its answers to profile questions: only values Quorum knows. */
export function profileFromAnswers(definition: Json, data: Record<string, unknown>): Profile & { region?: string } {
  const out: Profile & { region?: string } = {};
  for (const q of profileQuestions(definition)) {
    const value = data[q.key];
    if (typeof value !== "string" || !value.trim()) continue;
    const text = value.trim().slice(0, 200);
    if (q.field === "country") {
      const region = regionOf(text);
      if (/^[A-Z]{2}$/.test(text) && region) Object.assign(out, { country: text, region });
    } else if (q.field === "organisationType") {
      if (text in ORGANISATION_TYPES) out.organisationType = text;
    } else if (q.field === "roleCategory") {
      if (text in ROLE_CATEGORIES) out.roleCategory = text;
    } else {
      out[q.field] = text;
    }
  }
  return out;
}
