import { Model } from "survey-core";
import "~/lib/survey/offline"; // survey-core never fetches a choice list on the server (issue 23, item 11)
import "./questions"; // registers the "resultsOrder" property survey-core should keep

/** How the report lists one question's answers. */
export interface Presentation {
  /** "share": most chosen first (a list of categories); "asked": the questionnaire's order (a scale). */
  order: "share" | "asked";
  /** Answers that stand apart from the list ("Other", "None", "Don't know"): always last. */
  special: string[];
}

type AnyQuestion = Record<string, unknown> & { getValueName(): string; getType(): string };

const cache = new WeakMap<object, Record<string, Presentation>>();

/**
 * Per question, whether its answers form a scale (kept in order) or a list (sorted by share), as the
 * question says with "resultsOrder": "asked" | "share", else: multiple choices, rankings, matrix rows
 * and one-answer lists that offer "Other" or more than seven answers are lists; everything else
 * (yes/no, ratings, agreement and other short one-answer scales) keeps its order.
 */
export function presentationOf(definition: object): Record<string, Presentation> {
  const found = cache.get(definition);
  if (found) return found;
  const out: Record<string, Presentation> = {};
  const survey = new Model(definition);
  for (const q of survey.getAllQuestions(false, false, false) as unknown as AnyQuestion[]) {
    const special: string[] = [];
    for (const [flag, item] of [
      ["showOtherItem", "otherItem"],
      ["showNoneItem", "noneItem"],
      ["showRefuseItem", "refuseItem"],
      ["showDontKnowItem", "dontKnowItem"],
    ] as const) {
      const it = q[item] as { value?: unknown } | undefined;
      if (q[flag] && it) special.push(String(it.value));
    }
    const type = q.getType();
    const choices = Array.isArray(q.choices) ? q.choices.length : 0;
    const asked =
      q.resultsOrder === "asked" || q.resultsOrder === "share" ? (q.resultsOrder as "asked" | "share") : null;
    const list =
      ["checkbox", "tagbox", "ranking", "matrix"].includes(type) ||
      (["radiogroup", "dropdown", "imagepicker"].includes(type) && (Boolean(q.showOtherItem) || choices > 7));
    out[q.getValueName()] = { order: asked ?? (list ? "share" : "asked"), special };
  }
  cache.set(definition, out);
  return out;
}
