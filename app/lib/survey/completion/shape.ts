import type { Question } from "survey-core";
import { translator, type Translate } from "~/i18n";
import { generatedChoices } from "./rules";

/** Question types whose answers are chosen from a list. */
export const CHOICE_TYPES = new Set([
  "radiogroup",
  "checkbox",
  "dropdown",
  "tagbox",
  "ranking",
  "imagepicker",
  "buttongroup",
]);

/** The sentences of the checks below, in the language of the request being checked (set by checkAnswers, which is synchronous). */
let say: Translate = translator("en");
export function speak(language: string): Translate {
  say = translator(language);
  return say;
}

/**
 * What the page can send for each question: its names, types and choices. Anything else (a choice
 * that is not offered when respondents cannot type their own, a wrong type, a key that is no
 * question, value name, comment, total, calculated value or trigger target) is refused with a
 * sentence: these are the documented exceptions to agreeing with survey-core, which would take them.
 */
type Json = Record<string, unknown>;
export type AnyQuestion = Question & Json;
type ItemValueLike = { value: unknown };

export const MAX_TEXT = 20_000;
const MAX_OPAQUE = 2_000_000; // signatures and files travel as data URLs

export interface Shaped {
  value: unknown;
  error?: string;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number {
  return typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

/** The values a choice question accepts, or undefined when any text goes. */
function readAllowedChoices(q: AnyQuestion, fallback?: unknown): unknown[] | undefined {
  // Lists loaded at run time, copied from another question or typed by the respondent: checked as text.
  if ((q.choicesByUrl as { url?: string } | undefined)?.url || q.choicesFromQuestion || q.allowCustomChoices)
    return undefined;
  // With "other" kept in the value itself (storeOthersAsComment: false), the other text is the answer.
  const storesOther = q.getStoreOthersAsComment as (() => boolean) | undefined;
  if (q.showOtherItem && storesOther && !storesOther.call(q)) return undefined;
  const list =
    (q.choices as ItemValueLike[]).length > 0
      ? (q.choices as ItemValueLike[])
      : ((fallback as ItemValueLike[] | undefined) ?? []);
  // A dropdown with choicesMin/choicesMax offers the listed choices and the generated numbers.
  const values = [...list.map((c) => c.value), ...generatedChoices(q)];
  for (const [flag, item] of [
    ["showOtherItem", "otherItem"],
    ["showNoneItem", "noneItem"],
    ["showRefuseItem", "refuseItem"],
    ["showDontKnowItem", "dontKnowItem"],
  ] as const) {
    const special = q[item] as ItemValueLike | undefined;
    if (q[flag] && special) values.push(special.value);
  }
  if (q.showSelectAllItem && q.selectAllItem) values.push((q.selectAllItem as ItemValueLike).value);
  return values;
}

/**
 * The choices with a comment of their own (a choice's showCommentArea, SurveyJS 3), as strings: the
 * page then sends a chosen one as `{value, comment}` (a radio group or dropdown) and every chosen
 * item of a checkbox as `{value}` or `{value, comment}`. Undefined when the question has none.
 */
function commentChoices(q: AnyQuestion): Set<string> | undefined {
  if (!["radiogroup", "dropdown", "checkbox"].includes(q.getType())) return undefined;
  const values = ((q.choices as (ItemValueLike & { showCommentArea?: boolean })[] | undefined) ?? [])
    .filter((c) => c.showCommentArea === true)
    .map((c) => String(c.value));
  return values.length > 0 ? new Set(values) : undefined;
}

/**
 * What the shape check reads of a question, copied once from survey-core's object: its property
 * getters, read on every completion, were most of the shape check's time in bench:ingest's profile.
 * The questionnaire's questions are built once per version (lib/survey/answers), so this is too.
 */
interface Plain {
  type: string;
  multiple: boolean;
  /** valuePropertyName: each chosen item is an object holding the choice under this name. */
  property?: string;
  /** The values a choice question accepts; undefined when any text goes. */
  allowed?: unknown[];
  comments?: Set<string>;
  maxSelected: number;
  rateValues: unknown[];
  rateMin: number;
  rateMax: number;
  rateStep: number;
  /** A text question whose input type is a number. */
  numeric: boolean;
  valueTrue: unknown;
  valueFalse: unknown;
  suffix: string;
  rows: unknown[];
  columns: unknown[];
  /** The most rows or panels a dynamic matrix or panel takes. */
  limit: number;
  /** The questions inside a row, an item list or a dynamic panel, by name. */
  fields?: Map<string, Plain>;
}

const plainCache = new WeakMap<object, Plain>();

function plainOf(q: AnyQuestion): Plain {
  let found = plainCache.get(q);
  if (!found) {
    found = readPlain(q);
    plainCache.set(q, found);
  }
  return found;
}

/** A matrix's cells: a choice cell with no choices of its own offers the matrix's. */
function cellsOf(q: AnyQuestion): Map<string, Plain> {
  return new Map(
    (q.columns as { name: string; templateQuestion: AnyQuestion }[]).map((c) => {
      const t = c.templateQuestion;
      if (CHOICE_TYPES.has(t.getType()) && (t.choices as unknown[]).length === 0) matrixChoices.set(t, q.choices);
      return [c.name, plainOf(t)];
    }),
  );
}
const matrixChoices = new WeakMap<object, unknown>();

function readPlain(q: AnyQuestion): Plain {
  const type = q.getType();
  const choice = CHOICE_TYPES.has(type);
  const property = typeof q.valuePropertyName === "string" && q.valuePropertyName ? q.valuePropertyName : undefined;
  const values = (list: unknown) => ((list as ItemValueLike[] | undefined) ?? []).map((item) => item.value);
  let fields: Map<string, Plain> | undefined;
  if (type === "multipletext")
    fields = new Map((q.items as { name: string; editor: AnyQuestion }[]).map((i) => [i.name, plainOf(i.editor)]));
  if (type === "matrixdropdown" || type === "matrixdynamic") fields = cellsOf(q);
  if (type === "paneldynamic")
    fields = new Map((q.template as { questions: AnyQuestion[] }).questions.map((t) => [t.getValueName(), plainOf(t)]));
  return {
    type,
    multiple:
      type === "checkbox" || type === "tagbox" || type === "ranking" || (type === "imagepicker" && !!q.multiSelect),
    property,
    allowed: choice ? readAllowedChoices(q, matrixChoices.get(q)) : undefined,
    comments: choice && !property ? commentChoices(q) : undefined,
    maxSelected: choice ? Number(q.maxSelectedChoices) || 0 : 0,
    rateValues: type === "rating" ? values(q.rateValues) : [],
    rateMin: type === "rating" ? Number(q.rateMin) : 0,
    rateMax: type === "rating" ? Number(q.rateMax) : 0,
    rateStep: type === "rating" ? Number(q.rateStep) || 1 : 1,
    numeric: type === "text" && ["number", "range"].includes(String(q.inputType)),
    valueTrue: type === "boolean" ? (q.valueTrue ?? true) : true,
    valueFalse: type === "boolean" ? (q.valueFalse ?? false) : false,
    suffix: String((q.survey as { commentSuffix?: string } | undefined)?.commentSuffix || "-Comment"),
    rows: type === "matrix" ? values(q.rows) : type === "matrixdropdown" ? values(q.rows).map(String) : [],
    columns: type === "matrix" ? values(q.columns) : [],
    limit: Number(type === "matrixdynamic" ? q.maxRowCount : type === "paneldynamic" ? q.maxPanelCount : 0) || 1000,
    fields,
  };
}

/** Finds the choice equal to a value, allowing "2" for 2 (HTML forms send strings). */
function matchChoice(allowed: unknown[], value: unknown): { found: boolean; value: unknown } {
  if (allowed.includes(value)) return { found: true, value };
  if (!isScalar(value)) return { found: false, value };
  const loose = allowed.find((a) => isScalar(a) && String(a) === String(value));
  return loose === undefined ? { found: false, value } : { found: true, value: loose };
}

function choiceValue(q: Plain, value: unknown): Shaped {
  const { multiple, allowed, property } = q;
  const scalar = (v: unknown): Shaped => {
    if (!isScalar(v)) return { value: v, error: say("answers.eachChoice") };
    if (!allowed)
      return String(v).length > MAX_TEXT
        ? { value: v, error: say("answers.tooLong", { count: MAX_TEXT }) }
        : { value: v };
    const m = matchChoice(allowed, v);
    return m.found ? { value: m.value } : { value: v, error: say("answers.notAChoice", { value: String(v) }) };
  };
  // With valuePropertyName, each chosen item is an object holding the choice under that name.
  const one = (v: unknown): Shaped => {
    if (!property || !multiple) return scalar(v);
    if (!isObject(v) || Object.keys(v).some((k) => k !== property))
      return { value: v, error: `Each answer must be an object with "${property}".` };
    const inner = scalar(v[property]);
    return inner.error ? inner : { value: { [property]: inner.value } };
  };
  // A choice with a comment of its own: `{value, comment}` as survey-core writes it, the comment only on such a choice.
  const comments = q.comments;
  const commented = (v: Json, wrong: string): Shaped => {
    if (Object.keys(v).some((k) => k !== "value" && k !== "comment")) return { value: v, error: wrong };
    const inner = scalar(v.value);
    if (inner.error) return inner;
    if (v.comment === undefined) return { value: { value: inner.value } };
    if (typeof v.comment !== "string") return { value: v, error: say("answers.text") };
    if (!comments?.has(String(inner.value)))
      return { value: v, error: say("answers.noComment", { value: String(inner.value) }) };
    if (v.comment.length > MAX_TEXT) return { value: v, error: say("answers.tooLong", { count: MAX_TEXT }) };
    return { value: { value: inner.value, comment: v.comment } };
  };
  if (!multiple) {
    if (comments && isObject(value)) return commented(value, say("answers.oneChoice"));
    return isScalar(value) ? one(value) : { value, error: say("answers.oneChoice") };
  }
  if (!Array.isArray(value)) return { value, error: say("answers.chooseFromList") };
  const out: unknown[] = [];
  const seen = (r: unknown) => JSON.stringify(comments && isObject(r) ? r.value : r);
  for (const v of value) {
    const r = comments && isObject(v) ? commented(v, say("answers.eachChoice")) : one(v);
    if (r.error) return { value, error: r.error };
    if (out.some((o) => seen(o) === seen(r.value)))
      return {
        value,
        error: say("answers.chosenTwice", {
          value: String(property ? (r.value as Json)[property] : comments && isObject(v) ? v.value : v),
        }),
      };
    out.push(r.value);
  }
  const max = q.maxSelected;
  if (q.type !== "ranking" && max > 0 && out.length > max)
    return { value, error: say("answers.atMost", { count: max }) };
  return { value: out };
}

function ratingValue(q: Plain, value: unknown): Shaped {
  if (q.rateValues.length > 0) {
    const m = matchChoice(q.rateValues, value);
    return m.found ? { value: m.value } : { value, error: say("answers.notOnScale", { value: String(value) }) };
  }
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  const { rateMin: min, rateMax: max, rateStep: step } = q;
  if (typeof n !== "number" || !Number.isFinite(n)) return { value, error: say("answers.ratingNumber") };
  if (n < min || n > max) return { value, error: say("answers.ratingBetween", { min, max }) };
  if (Math.abs((n - min) / step - Math.round((n - min) / step)) > 1e-9)
    return { value, error: say("answers.ratingPoints", { min, max }) };
  return { value: n };
}

function textValue(q: Plain, value: unknown): Shaped {
  if (q.numeric) {
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    return typeof n === "number" && Number.isFinite(n) ? { value: n } : { value, error: say("answers.number") };
  }
  if (!isScalar(value)) return { value, error: say("answers.text") };
  if (String(value).length > MAX_TEXT) return { value, error: say("answers.tooLong", { count: MAX_TEXT }) };
  return { value };
}

/** Checks the answers inside a row or a dynamic panel against the questions that make it up. */
function record(value: unknown, fields: Map<string, Plain>, suffix: string, what: string): Shaped {
  if (!isObject(value)) return { value, error: `Each ${what} must be an object.` };
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null) continue; // an emptied cell is no answer (survey-core drops it too)
    const q = fields.get(key);
    if (q) {
      const r = checkPlain(q, v);
      if (r.error) return { value, error: `${key}: ${r.error}` };
      if (r.value !== undefined) out[key] = r.value;
      continue;
    }
    if (
      key.endsWith(suffix) &&
      fields.has(key.slice(0, -suffix.length)) &&
      typeof v === "string" &&
      v.length <= MAX_TEXT
    ) {
      out[key] = v;
      continue;
    }
    return { value, error: `"${key}" is not part of this ${what}.` };
  }
  return { value: out };
}

/** Checks one answer's shape and returns it normalised ("2" becomes 2 where the choice is 2), or says why not. */
export function checkValue(q: AnyQuestion, value: unknown): Shaped {
  return checkPlain(plainOf(q), value);
}

function checkPlain(q: Plain, value: unknown): Shaped {
  const type = q.type;
  // Worked out by survey-core (expressions) or holding no answer (html, image): never taken from the page.
  if (type === "expression" || type === "html" || type === "image") return { value: undefined };
  if (value === null) return { value };
  if (CHOICE_TYPES.has(type)) return choiceValue(q, value);
  const suffix = q.suffix;
  switch (type) {
    case "rating":
      return ratingValue(q, value);
    case "boolean":
      return value === q.valueTrue || value === q.valueFalse ? { value } : { value, error: say("answers.yesNo") };
    case "text":
      return textValue(q, value);
    case "comment":
      return typeof value !== "string"
        ? { value, error: say("answers.text") }
        : value.length > MAX_TEXT
          ? { value, error: say("answers.tooLong", { count: MAX_TEXT }) }
          : { value };
    case "signaturepad":
    case "file": {
      const size = (JSON.stringify(value) ?? "").length;
      return size > MAX_OPAQUE ? { value, error: "The file is too large." } : { value };
    }
    case "matrix": {
      if (!isObject(value)) return { value, error: "The answer must give a column for each row." };
      const out: Json = {};
      for (const [row, col] of Object.entries(value)) {
        const r = matchChoice(q.rows, row);
        if (!r.found) return { value, error: `"${row}" is not a row of this question.` };
        const c = matchChoice(q.columns, col);
        if (!c.found) return { value, error: `"${String(col)}" is not a column of this question.` };
        out[String(r.value)] = c.value;
      }
      return { value: out };
    }
    case "multipletext":
      return record(value, q.fields as Map<string, Plain>, suffix, "answer");
    case "matrixdropdown": {
      if (!isObject(value)) return { value, error: "The answer must give a value for each row." };
      const out: Json = {};
      for (const [row, cells] of Object.entries(value)) {
        if (!q.rows.includes(row)) return { value, error: `"${row}" is not a row of this question.` };
        const r = record(cells, q.fields as Map<string, Plain>, suffix, "row");
        if (r.error) return { value, error: `Row "${row}": ${r.error}` };
        out[row] = r.value;
      }
      return { value: out };
    }
    case "matrixdynamic":
    case "paneldynamic": {
      if (!Array.isArray(value)) return { value, error: "The answer must be a list." };
      const limit = q.limit;
      if (value.length > limit)
        return { value, error: `The answer has more than ${limit} ${type === "matrixdynamic" ? "rows" : "panels"}.` };
      const out: unknown[] = [];
      for (const [i, item] of value.entries()) {
        const r = record(item, q.fields as Map<string, Plain>, suffix, type === "matrixdynamic" ? "row" : "panel");
        if (r.error) return { value, error: `${type === "matrixdynamic" ? "Row" : "Panel"} ${i + 1}: ${r.error}` };
        out.push(r.value);
      }
      return { value: out };
    }
    default:
      return { value };
  }
}
