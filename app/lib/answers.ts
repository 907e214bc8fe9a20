import { Model, type Question } from "survey-core";
import { compileQuestionnaire, type CompiledQuestionnaire } from "./compiled-questionnaire";
import { CHOICE_TYPES } from "./survey-check";

export interface AnswerError {
  question: string;
  message: string;
}

export type AnswerCheck =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; errors: AnswerError[] };

const MAX_TEXT = 20_000;

type AnyQuestion = Question & Record<string, unknown>;
type ItemValueLike = { value: unknown };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number {
  return typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

const choiceCache = new WeakMap<AnyQuestion, unknown[] | undefined>();

/** The values a choice question accepts, or undefined when they are only known at run time (cached per question object). */
function allowedChoices(q: AnyQuestion): unknown[] | undefined {
  if (choiceCache.has(q)) return choiceCache.get(q);
  const found = readAllowedChoices(q);
  choiceCache.set(q, found);
  return found;
}

function readAllowedChoices(q: AnyQuestion): unknown[] | undefined {
  if ((q.choicesByUrl as { url?: string } | undefined)?.url || q.choicesFromQuestion) return undefined;
  const values = (q.choices as ItemValueLike[]).map((c) => c.value);
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

/** Finds the choice equal to a value, allowing "2" for 2 (HTML forms send strings). */
function matchChoice(allowed: unknown[], value: unknown): { found: boolean; value: unknown } {
  if (allowed.includes(value)) return { found: true, value };
  if (!isScalar(value)) return { found: false, value };
  const loose = allowed.find((a) => isScalar(a) && String(a) === String(value));
  return loose === undefined ? { found: false, value } : { found: true, value: loose };
}

function checkValue(q: AnyQuestion, value: unknown): { value: unknown; error?: string } {
  const type = q.getType();
  if (value === null) return { value };
  if (CHOICE_TYPES.has(type)) {
    const multiple = type === "checkbox" || type === "tagbox" || type === "ranking" || (type === "imagepicker" && q.multiSelect);
    const allowed = allowedChoices(q);
    if (multiple) {
      if (!Array.isArray(value)) return { value, error: "Choose from the list: the answer must be a list of choices." };
      const out: unknown[] = [];
      for (const v of value) {
        if (!isScalar(v)) return { value, error: "Each answer must be one of the choices." };
        const m = allowed ? matchChoice(allowed, v) : { found: true, value: v };
        if (!m.found) return { value, error: `"${String(v)}" is not one of the choices.` };
        if (out.includes(m.value)) return { value, error: `"${String(v)}" is chosen twice.` };
        out.push(m.value);
      }
      const max = Number(q.maxSelectedChoices) || 0;
      if (type !== "ranking" && max > 0 && out.length > max) {
        return { value, error: `Choose at most ${max} options.` };
      }
      return { value: out };
    }
    if (!isScalar(value)) return { value, error: "The answer must be one of the choices." };
    const m = allowed ? matchChoice(allowed, value) : { found: true, value };
    return m.found ? { value: m.value } : { value, error: `"${String(value)}" is not one of the choices.` };
  }
  switch (type) {
    case "rating": {
      const rateValues = (q.rateValues as ItemValueLike[] | undefined) ?? [];
      if (rateValues.length > 0) {
        const m = matchChoice(rateValues.map((r) => r.value), value);
        return m.found ? { value: m.value } : { value, error: `"${String(value)}" is not on the scale.` };
      }
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      const min = Number(q.rateMin);
      const max = Number(q.rateMax);
      if (typeof n !== "number" || !Number.isFinite(n)) return { value, error: "The rating must be a number." };
      if (n < min || n > max) return { value, error: `The rating must be between ${min} and ${max}.` };
      const step = Number(q.rateStep) || 1;
      if (Math.abs((n - min) / step - Math.round((n - min) / step)) > 1e-9) {
        return { value, error: `The rating must be one of the points from ${min} to ${max}.` };
      }
      return { value: n };
    }
    case "boolean": {
      const yes = q.valueTrue ?? true;
      const no = q.valueFalse ?? false;
      if (value === yes || value === no) return { value };
      return { value, error: "The answer must be yes or no." };
    }
    case "text": {
      const numeric = ["number", "range"].includes(String(q.inputType));
      if (numeric) {
        const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
        return typeof n === "number" && Number.isFinite(n) ? { value: n } : { value, error: "The answer must be a number." };
      }
      if (!isScalar(value)) return { value, error: "The answer must be text." };
      if (String(value).length > MAX_TEXT) return { value, error: `The answer is longer than ${MAX_TEXT} characters.` };
      return { value };
    }
    case "comment":
    case "signaturepad": {
      if (typeof value !== "string") return { value, error: "The answer must be text." };
      const limit = type === "comment" ? MAX_TEXT : 200_000;
      if (value.length > limit) return { value, error: `The answer is longer than ${limit} characters.` };
      return { value };
    }
    case "matrix": {
      if (!isObject(value)) return { value, error: "The answer must give a column for each row." };
      const rows = (q.rows as ItemValueLike[]).map((r) => r.value);
      const columns = (q.columns as ItemValueLike[]).map((c) => c.value);
      const out: Record<string, unknown> = {};
      for (const [row, col] of Object.entries(value)) {
        const r = matchChoice(rows, row);
        if (!r.found) return { value, error: `"${row}" is not a row of this question.` };
        const c = matchChoice(columns, col);
        if (!c.found) return { value, error: `"${String(col)}" is not a column of this question.` };
        out[String(r.value)] = c.value;
      }
      return { value: out };
    }
    case "multipletext": {
      if (!isObject(value)) return { value, error: "The answer must give a value for each item." };
      const items = (q.items as { name: string }[]).map((i) => i.name);
      for (const [key, v] of Object.entries(value)) {
        if (!items.includes(key)) return { value, error: `"${key}" is not an item of this question.` };
        if (!isScalar(v) || String(v).length > MAX_TEXT) return { value, error: `The answer for "${key}" must be short text.` };
      }
      return { value };
    }
    case "matrixdropdown":
      return isObject(value) ? { value } : { value, error: "The answer must give a value for each row." };
    case "matrixdynamic":
    case "paneldynamic":
    case "file":
      return Array.isArray(value) ? { value } : { value, error: "The answer must be a list." };
    case "expression":
    case "html":
    case "image":
      return { value: undefined };
    default:
      return { value };
  }
}

/** A questionnaire parsed once: its Model, its questions by value name, and its compiled checks (made on first completion). */
interface Prepared {
  model: Model;
  byValueName: Map<string, AnyQuestion>;
  suffix: string;
  compiled?: CompiledQuestionnaire | null;
}

function prepare(definition: object): Prepared {
  const model = new Model(definition);
  const byValueName = new Map<string, AnyQuestion>();
  for (const q of model.getAllQuestions(false, false, false) as AnyQuestion[]) byValueName.set(q.getValueName(), q);
  return { model, byValueName, suffix: model.commentSuffix || "-Comment" };
}

/**
 * Parsed questionnaires, by version: building a survey-core Model costs ~28 ms for a 250-choice
 * dropdown, so each version's is built once and reused (the 50 most recently used are kept).
 * checkAnswers is synchronous, so no two requests ever use one Model at the same time.
 */
const prepared = new Map<string, Prepared>();
const MAX_PREPARED = 50;

function preparedFor(definition: object, cacheKey: string | number | undefined): Prepared {
  if (cacheKey === undefined) return prepare(definition);
  const key = String(cacheKey);
  let found = prepared.get(key);
  if (found) {
    prepared.delete(key); // most recently used goes last
  } else {
    found = prepare(definition);
    if (prepared.size >= MAX_PREPARED) prepared.delete(prepared.keys().next().value as string);
  }
  prepared.set(key, found);
  return found;
}

/**
 * Validates answers against a questionnaire on the server. A partial save checks names, types and
 * choices; a completion also runs survey-core's own validation (required, validators, visibleIf)
 * and drops the answers of questions the respondent could not see. `cacheKey` (the questionnaire
 * version's id) lets the parsed questionnaire be reused and, when it uses only what
 * compileQuestionnaire follows, checks completions without survey-core's Model; it must name
 * exactly this definition. Without a cacheKey, survey-core's Model decides (the reference).
 */
export function checkAnswers(
  definition: object,
  data: unknown,
  options: { complete: boolean; cacheKey?: string | number; /** "model" skips the compiled check (the reference, in tests). */ engine?: "model" },
): AnswerCheck {
  if (!isObject(data)) {
    return { ok: false, errors: [{ question: "", message: "The answers must be a JSON object keyed by question name." }] };
  }
  const questionnaire = preparedFor(definition, options.cacheKey);
  const { model: survey, byValueName, suffix } = questionnaire;

  const errors: AnswerError[] = [];
  const cleaned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const q = byValueName.get(key);
    if (q) {
      const result = checkValue(q, value);
      if (result.error) errors.push({ question: q.name, message: result.error });
      else if (result.value !== undefined) cleaned[key] = result.value;
      continue;
    }
    const owner = key.endsWith(suffix) ? byValueName.get(key.slice(0, -suffix.length)) : undefined;
    if (owner) {
      if (typeof value !== "string" || value.length > MAX_TEXT) {
        errors.push({ question: owner.name, message: "The comment must be text." });
      } else {
        cleaned[key] = value;
      }
      continue;
    }
    errors.push({ question: key, message: `There is no question named "${key}" in this questionnaire.` });
  }
  if (errors.length > 0) return { ok: false, errors };
  // Progress is checked for names, types and choices only: no need to load it into the Model.
  if (!options.complete) return { ok: true, data: structuredClone(cleaned) };
  if (options.cacheKey !== undefined && questionnaire.compiled === undefined) {
    const result = compileQuestionnaire(definition, survey);
    questionnaire.compiled = result.ok ? result.compiled : null;
  }
  const fast = options.cacheKey === undefined || options.engine === "model" ? null : questionnaire.compiled;
  if (fast) {
    const result = fast.complete(cleaned);
    return result.ok ? { ok: true, data: structuredClone(result.data) } : result;
  }

  // A reused Model still holds the last completion: start from nothing.
  if (options.cacheKey !== undefined) survey.clear(true, true);
  survey.data = cleaned;
  survey.validate(true, false);
  for (const q of survey.getAllQuestions(true, false, true) as AnyQuestion[]) {
    for (const e of q.errors) errors.push({ question: q.name, message: e.getText() });
  }
  if (errors.length > 0) return { ok: false, errors };
  survey.clearIncorrectValues(true);
  survey.doComplete();
  return { ok: true, data: structuredClone(survey.data) as Record<string, unknown> };
}
