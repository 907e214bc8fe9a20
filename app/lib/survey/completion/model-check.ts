import { ConditionRunner, Helpers, Model, type PageModel } from "survey-core";
import "../offline"; // survey-core never fetches a choice list on the server (issue 23, item 11)
import type { Completion, Issue } from "./check";

/**
 * survey-core's own verdict on a completion (the reference the compiled check agrees with, and the
 * path for what it does not follow): `survey.data = values`, `validate(true)`, then what it keeps
 * when it completes.
 */

/**
 * A Model to judge completions with. A questionnaire shown one question per page is judged as one
 * shown in pages: survey-core's validate() in that mode checks only the question on screen, while
 * the page has made the respondent answer each required one on the way.
 */
export function checkingModel(definition: object, locale?: string): Model {
  const model = new Model(definition);
  if (model.questionsOnPageMode !== "standard") model.questionsOnPageMode = "standard";
  // survey-core's own messages ("Response required.") in the respondent's language.
  if (locale) model.locale = locale;
  return model;
}

/**
 * Whether a Model can be reused across completions (cleared each time): not with matrices of rows
 * or dynamic panels, whose row and panel state survey-core keeps from the last data it was given
 * (a reused one disagreed with a fresh one on such questionnaires); those get a fresh Model.
 */
export function reusable(model: Model): boolean {
  // Visible triggers change elements' visibility, which would stay for the next completion.
  if (triggersOf(model).some((t) => t.getType() === "visibletrigger")) return false;
  return !model
    .getAllQuestions(false, false, true)
    .some((q) => ["matrixdropdown", "matrixdynamic", "paneldynamic"].includes(q.getType()));
}

type Trigger = { getType(): string; expression: string; pages: string[]; questions: string[]; gotoName?: string };
const triggersOf = (survey: Model) => survey.triggers as unknown as Trigger[];

/**
 * What the page's triggers did on the way, which `survey.data = values` does not replay: `visible`
 * triggers show or hide their elements as their condition now says, a `complete` trigger ends the
 * survey on the page whose answers fire it, and a `skip` trigger jumps from that page to its target's
 * (the pages in between are never shown). Returns the pages the respondent went through.
 */
function replayTriggers(survey: Model): PageModel[] {
  const values = survey.getFilteredValues();
  const properties = survey.getFilteredProperties();
  const holds = (text: string) => new ConditionRunner(text).runValues(values, properties) === true;
  for (const t of triggersOf(survey)) {
    if (t.getType() !== "visibletrigger" || !t.expression) continue;
    const shown = holds(t.expression);
    for (const element of survey.getObjects(t.pages ?? [], t.questions ?? [])) element.visible = shown;
  }
  const completing = triggersOf(survey).filter((t) => t.getType() === "completetrigger" && t.expression);
  const skipping = triggersOf(survey).filter((t) => t.getType() === "skiptrigger" && t.expression && t.gotoName);
  const pages = survey.visiblePages;
  if (completing.length === 0 && skipping.length === 0) return pages;
  const firesOn = (t: Trigger, answered: Set<string>) =>
    new ConditionRunner(t.expression).getVariables().some((v) => answered.has(v.split(/[.[]/)[0] as string)) &&
    holds(t.expression);
  const through: PageModel[] = [];
  let resumeAt = -1;
  for (const [i, page] of pages.entries()) {
    if (i < resumeAt) continue;
    through.push(page);
    const answered = new Set(page.questions.filter((q) => q.isVisible && !q.isEmpty()).map((q) => q.getValueName()));
    if (completing.some((t) => firesOn(t, answered))) return through;
    for (const t of skipping) {
      if (!firesOn(t, answered)) continue;
      const target = survey.getQuestionByName(t.gotoName!);
      const to = target ? pages.indexOf(target.page as PageModel) : -1;
      if (to > i + 1) resumeAt = Math.max(resumeAt, to);
    }
  }
  return through;
}

type WithErrors = { name: string; errors: { getText(): string }[] };

/** The errors of everything survey-core checked: questions (with their cells, panels and items), panels and pages. */
function modelErrors(survey: Model): Issue[] {
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
  const pages = replayTriggers(survey);
  const valid =
    pages.length === survey.visiblePages.length
      ? survey.validate(true, false)
      : pages.map((page) => page.validate(true, false)).every(Boolean);
  if (!valid) {
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
