import { Helpers, type Model } from "survey-core";
import {
  checkingModel,
  checkValue,
  compileQuestionnaire,
  MAX_TEXT,
  modelComplete,
  reusable,
  speak,
  type AnyQuestion,
  type CompiledQuestionnaire,
} from "./completion";
import "~/lib/respondent";

export interface AnswerError {
  question: string;
  message: string;
}

export type AnswerCheck = { ok: true; data: Record<string, unknown> } | { ok: false; errors: AnswerError[] };

type Json = Record<string, unknown>;
const MAX_TRIGGER_VALUE = 10_000;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A questionnaire parsed once: its Model, its questions by value name, the keys survey-core adds, and its compiled check. */
interface Prepared {
  definition: object;
  model: Model;
  byValueName: Map<string, AnyQuestion>;
  suffix: string;
  /** Keys survey-core works out itself (matrix totals, calculated values): dropped from what is sent. */
  derived: Set<string>;
  /** Keys triggers set (setvalue, copyvalue, runexpression): kept as sent. */
  triggerTargets: Set<string>;
  reusable: boolean;
  locale: string | undefined;
  compiled?: CompiledQuestionnaire | null;
  reason?: string;
}

function prepare(definition: object, locale: string | undefined): Prepared {
  const model = checkingModel(definition, locale);
  const byValueName = new Map<string, AnyQuestion>();
  const derived = new Set<string>();
  for (const q of model.getAllQuestions(false, false, false) as AnyQuestion[]) {
    byValueName.set(q.getValueName(), q);
    const columns = (q.columns as { totalType?: string; totalExpression?: string }[] | undefined) ?? [];
    if (
      q.getType().startsWith("matrixd") &&
      columns.some((c) => (c.totalType && c.totalType !== "none") || c.totalExpression)
    )
      derived.add(`${q.getValueName()}-total`);
  }
  for (const c of model.calculatedValues) derived.add(c.name);
  const triggerTargets = new Set<string>();
  for (const t of ((definition as Json).triggers as Json[] | undefined) ?? []) {
    if (typeof t.setToName === "string" && t.setToName && !byValueName.has(t.setToName))
      triggerTargets.add(t.setToName);
  }
  return {
    definition,
    model,
    byValueName,
    suffix: model.commentSuffix || "-Comment",
    derived,
    triggerTargets,
    reusable: reusable(model),
    locale,
  };
}

/**
 * Parsed questionnaires, by version: building a survey-core Model costs milliseconds (~28 ms for a
 * 250-choice dropdown), so each version's is built once and reused (the 50 most recently used are
 * kept). checkAnswers is synchronous, so no two requests ever use one Model at the same time.
 */
const prepared = new Map<string, Prepared>();
const MAX_PREPARED = 50;

function preparedFor(definition: object, cacheKey: string | number | undefined, locale: string | undefined): Prepared {
  if (cacheKey === undefined) return prepare(definition, locale);
  // One per version and language: messages are made in the language when the checks are compiled.
  const key = `${String(cacheKey)}|${locale ?? ""}`;
  let found = prepared.get(key);
  if (found) {
    prepared.delete(key); // most recently used goes last
  } else {
    found = prepare(definition, locale);
    if (prepared.size >= MAX_PREPARED) prepared.delete(prepared.keys().next().value as string);
  }
  prepared.set(key, found);
  return found;
}

/** Checks the shape of every key against what the page can send (see completion/shape.ts). */
function shapeErrors(questionnaire: Prepared, data: Json, cleaned: Json): AnswerError[] {
  const { byValueName, suffix, derived, triggerTargets } = questionnaire;
  const say = speak(questionnaire.locale ?? "en");
  const errors: AnswerError[] = [];
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
      if (typeof value !== "string" || value.length > MAX_TEXT)
        errors.push({ question: owner.name, message: say("answers.comment") });
      else cleaned[key] = value;
      continue;
    }
    if (derived.has(key)) continue; // worked out again from the answers
    if (triggerTargets.has(key)) {
      if ((JSON.stringify(value) ?? "").length > MAX_TRIGGER_VALUE)
        errors.push({ question: key, message: say("answers.tooLarge") });
      else cleaned[key] = value;
      continue;
    }
    errors.push({ question: key, message: say("answers.noQuestion", { name: key }) });
  }
  return errors;
}

/**
 * Whether completions of this version are checked by the compiled check, without survey-core's
 * Model (fractions of a millisecond, not tens): cheap enough to run before the link is looked up.
 */
export function checkedWithoutModel(definition: object, cacheKey: string | number, locale?: string): boolean {
  const questionnaire = preparedFor(definition, cacheKey, locale);
  if (questionnaire.compiled === undefined) {
    const result = compileQuestionnaire(definition, locale);
    questionnaire.compiled = result.ok ? result.compiled : null;
  }
  return questionnaire.compiled !== null;
}

/**
 * Validates answers against a questionnaire on the server. A partial save checks names, types and
 * choices; a completion also gets survey-core's verdict (required, validators, conditions on
 * questions, panels and pages) and keeps only what survey-core would keep. `cacheKey` (the
 * questionnaire version's id) lets the parsed questionnaire be reused and, when compileQuestionnaire
 * follows everything it uses, checks completions without survey-core's Model; it must name exactly
 * this definition. Without a cacheKey, or with engine "model", survey-core's Model decides (the reference).
 */
export function checkAnswers(
  definition: object,
  data: unknown,
  options: {
    complete: boolean;
    cacheKey?: string | number;
    /** "model" skips the compiled check (the reference, in tests). */
    engine?: "model";
    /** The language messages come back in (survey-core's and Quorum's); the answers are the same in any. */
    locale?: string;
  },
): AnswerCheck {
  if (!isObject(data)) {
    return { ok: false, errors: [{ question: "", message: speak(options.locale ?? "en")("answers.notObject") }] };
  }
  const questionnaire = preparedFor(definition, options.cacheKey, options.locale);
  const cleaned: Json = {};
  const errors = shapeErrors(questionnaire, data, cleaned);
  if (errors.length > 0) return { ok: false, errors };
  if (!options.complete) return { ok: true, data: structuredClone(cleaned) };
  if (options.cacheKey !== undefined && questionnaire.compiled === undefined) {
    const result = compileQuestionnaire(definition, options.locale);
    questionnaire.compiled = result.ok ? result.compiled : null;
  }
  const fast = options.cacheKey === undefined || options.engine === "model" ? null : questionnaire.compiled;
  let result: AnswerCheck;
  if (fast) {
    result = fast.complete(cleaned);
  } else {
    // Without a cache key (the reference), a fresh Model; with one, the version's Model, reused where that is safe.
    const reuse = options.cacheKey !== undefined && questionnaire.reusable;
    result = modelComplete(reuse ? questionnaire.model : checkingModel(definition, options.locale), cleaned, reuse);
  }
  if (result.ok) dropEmptyRows(questionnaire, result.data);
  return result;
}

/**
 * A matrix row with no answer in it is no answer: survey-core keeps `{}` for such a row (or a
 * matrix of them) or not, depending on which other rows its conditions hid; what is stored never has one.
 */
function dropEmptyRows(questionnaire: Prepared, data: Json): void {
  for (const [name, q] of questionnaire.byValueName) {
    const value = data[name];
    if (q.getType() !== "matrixdropdown" || !isObject(value)) continue;
    for (const [row, cells] of Object.entries(value)) if (Helpers.isValueEmpty(cells)) delete value[row];
    if (Object.keys(value).length === 0) delete data[name];
  }
}
