import { catalogue, catalogueComplete, dateIn } from "~/i18n";
import { chooseLanguage, directionOf } from "~/lib/language";
import { completeLanguages, languageChoices, questionnaireLanguages } from "~/lib/survey";
import { localizedLabels, type Labels } from "./localized-labels.server";

/**
 * The languages a report is offered in: its questionnaire's own, and every other one both the
 * questionnaire and Quorum's catalogue translate completely (a reader never gets half of a page in
 * another language). `surveys sync` says what a questionnaire still lacks.
 */
export function reportLanguages(definition: object): { languages: string[]; primary: string } {
  const { primary } = questionnaireLanguages(definition);
  const languages = completeLanguages(definition).filter(
    (l) => l === primary || catalogueComplete(l, ["results", "profile"]),
  );
  return { languages, primary };
}

/**
 * The language a report is read in (one it is offered in: asked for with ?lang=, as links and emails
 * carry it, else the browser's first, else the questionnaire's own), with what the page needs to
 * speak it. Server-only: survey-core reads the questionnaire's translations here.
 */
export function reportLanguage(definition: object, asked: string | null, browser: readonly string[] = []) {
  const { languages, primary } = reportLanguages(definition);
  const language = chooseLanguage(languages, [asked, ...browser], primary);
  const own = catalogue(language);
  return {
    language,
    primary,
    dir: directionOf(language),
    languages: languageChoices(languages),
    text: own.results,
    profile: own.profile,
    labels: localizedLabels(definition, language) as Labels,
    primaryLabels: localizedLabels(definition, primary) as Labels,
    date: (d: Date | string) => dateIn(language, d),
  };
}

/**
 * The panel team's commentary for a reader of this language, as Markdown: what they wrote for it
 * ("keyFindings@es"), else what they wrote for everyone (then `lang` says it is not the page's).
 */
export function commentaryFor(
  commentary: Record<string, string>,
  language: string,
  primary: string,
): Record<string, { markdown: string; lang: string }> {
  const out: Record<string, { markdown: string; lang: string }> = {};
  for (const [key, text] of Object.entries(commentary))
    if (!key.includes("@")) out[key] = { markdown: text, lang: primary };
  for (const [key, text] of Object.entries(commentary))
    if (key.endsWith(`@${language}`)) out[key.slice(0, -language.length - 1)] = { markdown: text, lang: language };
  return out;
}
