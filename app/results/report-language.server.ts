import { catalogue, dateIn } from "~/i18n";
import { renderMarkdown } from "~/lib/markdown";
import { chooseLanguage, directionOf } from "~/lib/languages";
import { languageChoices, questionnaireLanguages } from "~/lib/questionnaire-languages";
import { localizedLabels, type Labels } from "./localized-labels.server";

/**
 * The language a report is read in (one its questionnaire has: asked for, else its own), with what
 * the page needs to speak it. Server-only: survey-core reads the questionnaire's translations here,
 * so none of it reaches the report page's script.
 */
/** The report's language: the one asked for (?lang=, as links and emails carry it), else the browser's first the questionnaire has, else its own. */
export function reportLanguage(definition: object, asked: string | null, browser: readonly string[] = []) {
  const { languages, primary } = questionnaireLanguages(definition);
  const language = chooseLanguage(languages, [asked, ...browser], primary);
  return {
    language,
    primary,
    dir: directionOf(language),
    languages: languageChoices(languages),
    text: catalogue(language).results,
    labels: (language === primary ? null : localizedLabels(definition, language)) as Labels | null,
    date: (d: Date | string) => dateIn(language, d),
  };
}

/** The panel team's commentary for a reader of this language (written in it where they did: "keyFindings@es"), as safe HTML. */
export function commentaryFor(commentary: Record<string, string>, language: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(commentary)) if (!key.includes("@")) out[key] = text;
  for (const [key, text] of Object.entries(commentary))
    if (key.endsWith(`@${language}`)) out[key.slice(0, -language.length - 1)] = text;
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, renderMarkdown(v)]));
}
