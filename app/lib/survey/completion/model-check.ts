import { Helpers, type Model } from "survey-core";
import type { Completion, Issue } from "./check";

/**
 * survey-core's own verdict on a completion (the reference the compiled check agrees with, and the
 * path for what it does not follow): `survey.data = values`, `validate(true)`, then what it keeps
 * when it completes.
 */

/**
 * Whether a Model can be reused across completions (cleared each time): not with matrices of rows
 * or dynamic panels, whose row and panel state survey-core keeps from the last data it was given
 * (a reused one disagreed with a fresh one on such questionnaires); those get a fresh Model.
 */
export function reusable(model: Model): boolean {
  return !model
    .getAllQuestions(false, false, true)
    .some((q) => ["matrixdropdown", "matrixdynamic", "paneldynamic"].includes(q.getType()));
}

type WithErrors = { name: string; errors: { getText(): string }[] };

/** The errors of everything survey-core checked: questions (with their cells, panels and items), panels and pages. */
export function modelErrors(survey: Model): Issue[] {
  const errors: Issue[] = [];
  for (const q of survey.getAllQuestions(true, false, false)) {
    for (const e of q.getAllErrors()) errors.push({ question: q.name, message: e.getText() });
  }
  const containers = [...survey.visiblePages, ...survey.getAllPanels(true, false)] as unknown as WithErrors[];
  for (const c of containers) for (const e of c.errors) errors.push({ question: c.name, message: e.getText() });
  return errors;
}

export function modelComplete(survey: Model, values: Record<string, unknown>, reused = false): Completion {
  // A reused Model still holds the last completion: start from nothing.
  if (reused) {
    survey.clear(true, true);
    // Errors of the last completion stay on questions (and matrix cells) until they are checked again.
    for (const q of survey.getAllQuestions(false, false, true)) q.clearErrors();
    for (const p of survey.getAllPanels(false, true)) (p as unknown as { errors: unknown[] }).errors = [];
    for (const p of survey.pages) p.errors = [];
  }
  survey.data = values;
  // Assigned all at once, survey-core drops answers whose choices depend on another answer in the
  // same assignment (a ranking over the choices chosen earlier); the page gives them one by one.
  for (const q of survey.getAllQuestions(false, false, false)) {
    const name = q.getValueName();
    if (values[name] !== undefined && !Helpers.isTwoValueEquals(survey.getValue(name), values[name]))
      survey.setValue(name, values[name]);
  }
  if (!survey.validate(true, false)) {
    const errors = modelErrors(survey);
    return {
      ok: false,
      errors: errors.length > 0 ? errors : [{ question: "", message: "The answers are not complete." }],
    };
  }
  // Choices, rows and columns hidden by a condition go; keys that are no question (trigger targets) stay, as on the page.
  survey.clearIncorrectValues(false);
  survey.doComplete();
  return { ok: true, data: structuredClone(survey.data) as Record<string, unknown> };
}
