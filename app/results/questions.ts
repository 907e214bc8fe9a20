import { Model, type Question } from "survey-core";

export type QuestionKind = "single" | "multi" | "rating" | "matrix" | "ranking" | "text";

export interface Option {
  value: string;
  label: string;
}

/** What the aggregation needs to know of one question. */
export interface QuestionSpec {
  name: string;
  title: string;
  type: string;
  kind: QuestionKind;
  options: Option[];
  rows: Option[];
  /** For matrices: the two column values that count as "agree or strongly agree" (the last two). */
  topTwo: string[];
}

type AnyQuestion = Question & Record<string, unknown>;
type Item = { value: unknown; text?: string; locText?: { renderedHtml?: string } };

const label = (item: Item) => String(item.text ?? item.value);
const options = (items: Item[]): Option[] => items.map((c) => ({ value: String(c.value), label: label(c) }));

function choiceOptions(q: AnyQuestion): Option[] {
  const out = options(q.choices as Item[]);
  for (const [flag, item] of [["showOtherItem", "otherItem"], ["showNoneItem", "noneItem"], ["showRefuseItem", "refuseItem"], ["showDontKnowItem", "dontKnowItem"]] as const) {
    const special = q[item] as Item | undefined;
    if (q[flag] && special) out.push({ value: String(special.value), label: label(special) });
  }
  return out;
}

/** The countable questions of a questionnaire, in order, with their options as stored in answers. */
export function questionSpecs(definition: object): QuestionSpec[] {
  const survey = new Model(definition);
  const specs: QuestionSpec[] = [];
  for (const q of survey.getAllQuestions(false, false, false) as AnyQuestion[]) {
    const base = { name: q.getValueName(), title: q.title || q.name, type: q.getType(), rows: [] as Option[], topTwo: [] as string[] };
    switch (q.getType()) {
      case "radiogroup":
      case "dropdown":
        specs.push({ ...base, kind: "single", options: choiceOptions(q) });
        break;
      case "imagepicker":
        specs.push({ ...base, kind: q.multiSelect ? "multi" : "single", options: choiceOptions(q) });
        break;
      case "boolean":
        specs.push({ ...base, kind: "single", options: [
          { value: String(q.valueTrue ?? true), label: String(q.labelTrue || "Yes") },
          { value: String(q.valueFalse ?? false), label: String(q.labelFalse || "No") },
        ] });
        break;
      case "checkbox":
      case "tagbox":
        specs.push({ ...base, kind: "multi", options: choiceOptions(q) });
        break;
      case "rating": {
        const rateValues = q.rateValues as Item[];
        const scale = rateValues.length
          ? options(rateValues)
          : Array.from({ length: Math.floor((Number(q.rateMax) - Number(q.rateMin)) / (Number(q.rateStep) || 1)) + 1 }, (_, i) => {
              const v = String(Number(q.rateMin) + i * (Number(q.rateStep) || 1));
              return { value: v, label: v };
            });
        specs.push({ ...base, kind: "rating", options: scale });
        break;
      }
      case "matrix": {
        const columns = options(q.columns as Item[]);
        specs.push({ ...base, kind: "matrix", options: columns, rows: options(q.rows as Item[]), topTwo: columns.slice(-2).map((c) => c.value) });
        break;
      }
      case "ranking":
        specs.push({ ...base, kind: "ranking", options: choiceOptions(q) });
        break;
      case "text":
      case "comment":
      case "multipletext":
        specs.push({ ...base, kind: "text", options: [] });
        break;
      default:
        break; // dynamic panels, files, signatures, expressions: not counted
    }
  }
  return specs;
}
