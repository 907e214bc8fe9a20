import { Model } from "survey-core";

const FREE_TEXT_TYPES = new Set(["text", "comment", "multipletext", "signaturepad", "file"]);

/** The answer keys of a questionnaire that hold free text (removed when a respondent erases their data). */
export function freeTextKeys(definition: object): { keys: string[]; commentSuffix: string } {
  const survey = new Model(definition);
  const keys = survey
    .getAllQuestions(false, false, false)
    .filter((q) => FREE_TEXT_TYPES.has(q.getType()))
    .map((q) => q.getValueName());
  return { keys, commentSuffix: survey.commentSuffix || "-Comment" };
}

/** A copy of the answers without free text: free-text questions and every "other" comment. */
export function withoutFreeText(data: Record<string, unknown>, free: { keys: string[]; commentSuffix: string }): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([k]) => !free.keys.includes(k) && !k.endsWith(free.commentSuffix)));
}
