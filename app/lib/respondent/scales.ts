import type { SurveyModel } from "survey-core";

/**
 * How a rating scale is laid out on the respondent page (issue 25: 5- and 7-point scales fit one
 * row at 360 px with their end words). A scale of words whose description names its numbers ("1 =
 * strongly disagree, 5 = strongly agree") shows those numbers, in one row, with the first and
 * last words beneath at either end, as a numeric scale does; the plain first page and survey-core's
 * page apply the same rule, so the page looks the same before and after the script.
 */

export interface ScaleItem {
  value: unknown;
  text: string;
}

// Arabic-Indic and Persian digits read as the numbers they are.
const asciiDigits = (text: string) =>
  text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));

/** Whether `text` names `n` as a number of its own (not "15" for 5, nor "1.5" for 1). */
function names(text: string, n: number): boolean {
  const digits = String(n).replace("-", "\\-");
  return new RegExp(`(^|[^\\d.,-])${digits}(?![\\d]|[.,]\\d)`).test(text);
}

/**
 * The end words a scale of words shows when its description names its first and last numbers, or
 * null when the scale stays as it is (numbers already, values that are not integers, or numbers
 * the description does not name).
 */
export function numberedScale(items: ScaleItem[], description: string): { min: string; max: string } | null {
  if (items.length < 2) return null;
  if (!items.every((i) => typeof i.value === "number" && Number.isInteger(i.value))) return null;
  if (items.every((i) => i.text === String(i.value))) return null;
  const text = asciiDigits(description);
  const first = items[0] as ScaleItem;
  const last = items[items.length - 1] as ScaleItem;
  if (!names(text, first.value as number) || !names(text, last.value as number)) return null;
  return { min: first.text, max: last.text };
}

/** A scale's kind for layout: numbers (one row, end words beneath) or words (equal columns, words wrapping). */
export function scaleKind(items: ScaleItem[]): "numeric" | "words" {
  return items.every((i) => i.text === String(i.value)) ? "numeric" : "words";
}

type RatingLike = {
  getType(): string;
  description: string;
  visibleRateValues?: ScaleItem[];
  rateValues: unknown[];
  minRateDescription: string;
  maxRateDescription: string;
};

/**
 * Shows the numbers of every scale of words whose description names them, in the model's current
 * language (the runner's; the page is drawn in one language). Values are untouched: answers and the
 * JSON stored are the same.
 */
export function showScaleNumbers(model: SurveyModel): void {
  for (const question of model.getAllQuestions() as unknown as RatingLike[]) {
    if (question.getType() !== "rating") continue;
    const items = question.visibleRateValues ?? [];
    const ends = numberedScale(
      items.map((i) => ({ value: i.value, text: i.text })),
      question.description ?? "",
    );
    if (!ends) continue;
    question.rateValues = items.map((i) => ({ value: i.value, text: String(i.value) }));
    if (!question.minRateDescription) question.minRateDescription = ends.min;
    if (!question.maxRateDescription) question.maxRateDescription = ends.max;
  }
}
