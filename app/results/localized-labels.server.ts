import { Model } from "survey-core";
import "~/lib/survey/offline"; // survey-core never fetches a choice list on the server (issue 23, item 11)
import "~/lib/respondent";

/**
 * A questionnaire's question titles and answer labels in one of its languages, by question name and
 * answer value (rows and columns of matrices included), for a report read in that language. The
 * figures are counted from answer values, so they are the same whatever the language.
 */
export interface Labels {
  /** The questionnaire's own title in the language. */
  survey: string;
  titles: Record<string, string>;
  options: Record<string, Record<string, string>>;
}

const cache = new WeakMap<object, Map<string, Labels>>();

type Item = { value: unknown; text?: string; calculatedText?: string };

export function localizedLabels(definition: object, language: string): Labels {
  let byLanguage = cache.get(definition);
  if (!byLanguage) cache.set(definition, (byLanguage = new Map()));
  let found = byLanguage.get(language);
  if (found) return found;
  const survey = new Model(definition);
  survey.locale = language;
  const titles: Record<string, string> = {};
  const options: Record<string, Record<string, string>> = {};
  for (const q of survey.getAllQuestions(false, false, false) as unknown as (Record<string, unknown> & {
    name: string;
    title: string;
    getType(): string;
  })[]) {
    titles[q.name] = q.title;
    const labels: Record<string, string> = {};
    const add = (items: unknown) => {
      // A comment's "rows" is its height, not a list.
      if (!Array.isArray(items)) return;
      for (const item of items as Item[]) labels[String(item.value)] = String(item.text ?? item.value);
    };
    add(q.choices);
    add(q.rows);
    add(q.columns);
    add(q.rateValues);
    for (const special of ["otherItem", "noneItem", "refuseItem", "dontKnowItem"]) {
      const item = q[special] as Item | undefined;
      if (item) labels[String(item.value)] = String(item.text ?? item.value);
    }
    if (q.getType() === "boolean") {
      labels.true = String(q.labelTrue ?? "Yes");
      labels.false = String(q.labelFalse ?? "No");
    }
    options[q.name] = labels;
  }
  found = { survey: survey.title, titles, options };
  byLanguage.set(language, found);
  return found;
}
