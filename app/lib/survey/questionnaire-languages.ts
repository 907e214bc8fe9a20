import { Model } from "survey-core";
import "./offline"; // survey-core never fetches a choice list on the server (issue 23, item 11)
import { LANGUAGES, isLanguage } from "~/lib/language";
import { untranslated } from "./survey-check";

/**
 * The languages a questionnaire is written in: its own locale (the strings without a language,
 * "default") and every language its strings are translated into, as survey-core reads them. Read
 * once per definition object (definitions are cached per version, so the object is stable).
 */
const cache = new WeakMap<object, { languages: string[]; primary: string }>();

export function questionnaireLanguages(definition: object): { languages: string[]; primary: string } {
  let found = cache.get(definition);
  if (!found) {
    const survey = new Model(definition);
    const primary = survey.locale || "en";
    const used = survey.getUsedLocales().map((l) => (l === "" ? primary : l));
    const languages = [primary, ...used.filter((l) => l !== primary)].filter((l, i, all) => all.indexOf(l) === i);
    found = { languages, primary };
    cache.set(definition, found);
  }
  return found;
}

/** The switcher's entries: each language of the questionnaire by its own name. */
export function languageChoices(languages: string[]): { code: string; name: string }[] {
  return languages.map((code) => ({ code, name: isLanguage(code) ? LANGUAGES[code].native : code }));
}

const complete = new WeakMap<object, string[]>();

/** The questionnaire's languages that translate every one of its texts (its own language always). */
export function completeLanguages(definition: object): string[] {
  let found = complete.get(definition);
  if (!found) {
    const gaps = untranslated(definition);
    found = questionnaireLanguages(definition).languages.filter((l) => !gaps[l]);
    complete.set(definition, found);
  }
  return found;
}
