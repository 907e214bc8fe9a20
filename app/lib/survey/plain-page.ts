import { surveyLocalization } from "survey-core";
// survey-core's own strings ("Select...", "Other") in our languages come with this door.
import { numberedScale } from "~/lib/respondent";

/**
 * The respondent page's first page as plain HTML controls, which the server renders before the
 * questionnaire's script arrives and the script then adopts. Read straight from the JSON in a
 * fraction of a millisecond (building survey-core's Model takes 100–300 ms on the server); a unit
 * test compares every page of the shipped and test questionnaires, in every language, with
 * survey-core's own questions, numbers, choices and order. Only what plain controls do exactly as
 * survey-core does is rendered: a page with anything else (conditions, panels, matrices, masks,
 * choices loaded from elsewhere, exclusive "None" items …) is left to the script.
 */

export interface PlainChoice {
  /** survey-core's value as the form carries it (a string); the script maps it back to the real value. */
  value: string;
  text: string;
  /** The "Other" item: choosing it opens a box for the person's own words (stored as `<name>-Comment`). */
  other?: boolean;
}

export interface PlainQuestion {
  name: string;
  type: "radiogroup" | "checkbox" | "dropdown" | "rating" | "text" | "comment";
  /** "1." when the questionnaire numbers its questions. */
  number: string;
  title: string;
  description: string;
  required: boolean;
  choices: PlainChoice[];
  /** Dropdown: the empty option's text; text and comment: the placeholder. */
  placeholder: string;
  /** text: the input's type (text, email, tel, url, number). */
  inputType: string;
  /** rating: the words at either end of the scale. */
  minText: string;
  maxText: string;
}

export interface PlainPage {
  title: string;
  description: string;
  requiredMark: string;
  questions: PlainQuestion[];
}

const TYPES = new Set(["radiogroup", "checkbox", "dropdown", "rating", "text", "comment"]);
const INPUT_TYPES = new Set(["text", "email", "tel", "url", "number"]);
// Properties that make a question, a page or a survey behave beyond what plain controls do on their own.
const DYNAMIC = [
  "visible",
  "visibleIf",
  "enableIf",
  "requiredIf",
  "resetValueIf",
  "setValueIf",
  "setValueExpression",
  "defaultValueExpression",
  "choicesVisibleIf",
  "choicesEnableIf",
  "choicesByUrl",
  "choicesFromQuestion",
  "choicesOrder",
  "maskType",
  "maskSettings",
  "readOnly",
  "hasComment",
  "showCommentArea",
  "showNoneItem",
  "hasNone",
  "showSelectAllItem",
  "hasSelectAll",
  "showRefuseItem",
  "showDontKnowItem",
  "storeOthersAsComment",
  "otherItem",
  "defaultValue",
  "correctAnswer",
  "titleLocation",
  "descriptionLocation",
  "renderAs",
  "rateType",
  "rateCount",
  "rateDisplayMode",
  "displayRateDescriptionsAsExtremeItems",
  "autoGenerate",
  "hideNumber",
  "valueName",
  "useDisplayValuesInDynamicTexts",
  "inputMask",
  "dataList",
];
const SURVEY_DYNAMIC = [
  "firstPageIsStartPage",
  "questionsOrder",
  "questionsOnPageMode",
  "questionStartIndex",
  "locale",
  "storeOthersAsComment",
  "questionTitlePattern",
];

type Json = Record<string, unknown>;

function hasPlaceholder(value: unknown): boolean {
  if (typeof value === "string") return /\{[^}]*\}/.test(value);
  if (Array.isArray(value)) return value.some(hasPlaceholder);
  if (value && typeof value === "object") return Object.values(value).some(hasPlaceholder);
  return false;
}

/** A questionnaire's text in a language as survey-core reads it: the language's own, else the default. */
function local(value: unknown, language: string): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    const texts = value as Record<string, unknown>;
    const found = texts[language] ?? texts.default ?? texts.en;
    return typeof found === "string" ? found : "";
  }
  return "";
}

function choicesOf(json: Json, language: string): PlainChoice[] | null {
  const list = json.choices;
  if (!Array.isArray(list) || list.length === 0) return null;
  const choices: PlainChoice[] = [];
  for (const c of list) {
    if (typeof c === "string" || typeof c === "number") choices.push({ value: String(c), text: String(c) });
    else if (c && typeof c === "object" && "value" in c) {
      const item = c as Json;
      if (Object.keys(item).some((k) => k !== "value" && k !== "text")) return null; // visibleIf, enableIf, images …
      if (typeof item.value !== "string" && typeof item.value !== "number") return null;
      const text = local(item.text, language);
      choices.push({ value: String(item.value), text: text || String(item.value) });
    } else return null;
  }
  if (json.showOtherItem === true || json.hasOther === true) {
    const text = local(json.otherText, language) || surveyLocalization.getString("otherItemText", language);
    choices.push({ value: "other", text, other: true });
  }
  return new Set(choices.map((c) => c.value)).size === choices.length ? choices : null;
}

function ratingOf(json: Json, language: string): PlainChoice[] | null {
  if (Array.isArray(json.rateValues) && json.rateValues.length > 0)
    return choicesOf({ choices: json.rateValues }, language);
  const min = json.rateMin ?? 1;
  const max = json.rateMax ?? 5;
  const step = json.rateStep ?? 1;
  if (typeof min !== "number" || typeof max !== "number" || typeof step !== "number" || step <= 0) return null;
  if (!Number.isInteger(min) || !Number.isInteger(max) || !Number.isInteger(step) || max - min > 20 * step) return null;
  const choices: PlainChoice[] = [];
  for (let v = min; v <= max; v += step) choices.push({ value: String(v), text: String(v) });
  return choices;
}

/** A scale's items with their values as the questionnaire has them (plain choices carry strings). */
function scaleItems(json: Json, choices: PlainChoice[]) {
  const raw = Array.isArray(json.rateValues)
    ? json.rateValues.map((v: unknown) => (v && typeof v === "object" ? (v as Json).value : v))
    : choices.map((c) => Number(c.value));
  return choices.map((c, i) => ({ value: raw[i], text: c.text }));
}

function plainQuestion(json: Json, language: string, number: string): PlainQuestion | null {
  const type = typeof json.type === "string" ? json.type : "";
  if (!TYPES.has(type) || typeof json.name !== "string" || !json.name) return null;
  if (DYNAMIC.some((key) => json[key] !== undefined)) return null;
  if (hasPlaceholder([json.title, json.description, json.choices, json.placeholder, json.otherText])) return null;
  const choices =
    type === "rating"
      ? ratingOf(json, language)
      : type === "text" || type === "comment"
        ? []
        : choicesOf(json, language);
  if (!choices) return null;
  const inputType = type === "text" ? (typeof json.inputType === "string" ? json.inputType : "text") : "";
  if (type === "text" && !INPUT_TYPES.has(inputType)) return null;
  const description = local(json.description, language);
  let minText = type === "rating" ? local(json.minRateDescription, language) : "";
  let maxText = type === "rating" ? local(json.maxRateDescription, language) : "";
  // A scale of words whose description names its numbers shows the numbers, as the runner does (scales.ts).
  const ends = type === "rating" ? numberedScale(scaleItems(json, choices), description) : null;
  if (ends) {
    choices.splice(0, choices.length, ...choices.map((c) => ({ value: c.value, text: c.value })));
    minText ||= ends.min;
    maxText ||= ends.max;
  }
  const placeholder =
    local(json.placeholder, language) ||
    (type === "dropdown" ? surveyLocalization.getString("placeholder", language) : "");
  return {
    name: json.name,
    type: type as PlainQuestion["type"],
    number,
    title: local(json.title, language) || json.name,
    description,
    required: json.isRequired === true,
    choices,
    placeholder,
    inputType,
    minText,
    maxText,
  };
}

function pagesOf(definition: Json): Json[] {
  if (Array.isArray(definition.pages)) return definition.pages as Json[];
  return Array.isArray(definition.elements) ? [{ elements: definition.elements }] : [];
}

/**
 * Page `index` of a questionnaire in `language` as plain controls, or null when any of it is not
 * plain (then the script draws it).
 */
export function plainPage(definition: Json, index: number, language: string): PlainPage | null {
  if (SURVEY_DYNAMIC.some((key) => definition[key] !== undefined)) return null;
  const pages = pagesOf(definition);
  const page = pages[index];
  if (!page || DYNAMIC.some((key) => page[key] !== undefined)) return null;
  if (hasPlaceholder([page.title, page.description])) return null;
  const elements = Array.isArray(page.elements) ? (page.elements as Json[]) : [];
  if (elements.length === 0) return null;
  // Numbers: none by default; "on" runs on across pages (so earlier pages must all be plain too), "onPage" restarts.
  const numbering = definition.showQuestionNumbers;
  let first = 1;
  if (numbering === "on" || numbering === true) {
    for (const earlier of pages.slice(0, index)) {
      const list = Array.isArray(earlier.elements) ? (earlier.elements as Json[]) : [];
      if (earlier.visibleIf !== undefined || list.some((e) => !TYPES.has(String(e.type)) || e.visibleIf !== undefined))
        return null;
      first += list.length;
    }
  } else if (numbering !== "onPage" && numbering !== undefined && numbering !== "off" && numbering !== false)
    return null;
  const numbered = numbering === "on" || numbering === true || numbering === "onPage";
  const questions: PlainQuestion[] = [];
  for (const [i, element] of elements.entries()) {
    const plain = plainQuestion(element, language, numbered ? `${first + i}.` : "");
    if (!plain) return null;
    questions.push(plain);
  }
  const mark = definition.requiredMark ?? definition.requiredText ?? "*";
  return {
    title: local(page.title, language),
    description: local(page.description, language),
    requiredMark: typeof mark === "string" ? mark : "*",
    questions,
  };
}

/** The questionnaire's first page in `language` as plain controls, or null when the script must draw it. */
export function plainFirstPage(definition: Json, language: string): PlainPage | null {
  return plainPage(definition, 0, language);
}
