import { Helpers } from "survey-core";
import { compileSurvey } from "./compile";
import type { CompiledSurvey, ElementNode, QuestionNode } from "./nodes";
import { evaluate, type Condition } from "./expressions";
import { chosen, offered, tableRows, visibleItems, visit, type Issue, type Values, type Walk } from "./run";

export type { Issue };
export type Completion = { ok: true; data: Values } | { ok: false; errors: Issue[] };

export interface CompiledQuestionnaire {
  /** Checks a completion whose values already passed the page-shape checks; returns what is kept. */
  complete(values: Values): Completion;
}

const isObject = (v: unknown): v is Values => typeof v === "object" && v !== null && !Array.isArray(v);

function topQuestions(nodes: ElementNode[], out: QuestionNode[] = []): QuestionNode[] {
  for (const node of nodes) {
    if (node.kind === "panel") topQuestions(node.elements, out);
    else out.push(node);
  }
  return out;
}

/** Calculated values and expression questions, worked out until they settle (they may depend on each other). */
function derive(survey: CompiledSurvey, questions: QuestionNode[], data: Values): Values {
  const calculated: Values = {};
  for (let round = 0; round < 4; round += 1) {
    let changed = false;
    const values = { ...calculated, ...data };
    for (const c of survey.calculated) {
      const v = evaluate(c.expression, { ...values, ...calculated });
      if (!Helpers.isTwoValueEquals(v, calculated[c.name])) changed = true;
      calculated[c.name] = v;
    }
    for (const q of questions) {
      if (q.rules.kind === "expression") {
        const v = evaluate(q.rules.expression, { ...calculated, ...data });
        if (!Helpers.isTwoValueEquals(v, data[q.valueName])) changed = true;
        if (v === undefined) delete data[q.valueName];
        else data[q.valueName] = v;
      }
      if (q.rules.kind === "table") {
        const columns = q.rules.columns.filter((c) => c.rules.kind === "expression");
        if (columns.length === 0) continue;
        const value = data[q.valueName];
        for (const row of tableRows(q.rules, value, { ...calculated, ...data })) {
          if (!(Array.isArray(value) ? value.includes(row.data) : isObject(value) && value[row.key] === row.data))
            continue;
          const rowValues = {
            ...calculated,
            ...data,
            row: row.data,
            rowIndex: row.index + 1,
            rowName: row.key,
            rowValue: row.key,
          };
          for (const c of columns)
            row.data[c.valueName] = evaluate((c.rules as { expression: string }).expression, rowValues);
        }
      }
    }
    if (!changed) break;
  }
  return calculated;
}

/**
 * Matrix cells with a defaultValueExpression: survey-core fills each empty one in the rows it lays
 * out (those sent, or the rows a matrix starts with) when the data is given.
 */
function fillCellDefaults(questions: QuestionNode[], data: Values, values: Values): void {
  for (const q of questions) {
    if (q.rules.kind !== "table") continue;
    const rules = q.rules;
    const columns = rules.columns.filter((c) => c.defaultExpression);
    if (columns.length === 0) continue;
    const value = data[q.valueName];
    const rows = tableRows(rules, value, values);
    if (rows.length === 0) continue;
    const list: Values[] = [];
    const filled: Values = isObject(value) ? value : {};
    for (const row of rows) {
      const rowValues = { ...values, row: row.data, rowIndex: row.index + 1, rowName: row.key, rowValue: row.key };
      for (const c of columns) {
        if (!Helpers.isValueEmpty(row.data[c.valueName])) continue;
        const v = evaluate(c.defaultExpression as string, rowValues);
        if (!Helpers.isValueEmpty(v)) row.data[c.valueName] = v;
      }
      if (rules.dynamic) list.push(row.data);
      else if (!Helpers.isValueEmpty(row.data)) filled[row.key] = row.data;
    }
    data[q.valueName] = rules.dynamic ? list : filled;
  }
}

/**
 * Choices hidden by a condition, or no longer offered by the question they are copied from, are
 * taken out before a question is checked, as survey-core does.
 */
function dropHiddenChoices(questions: QuestionNode[], data: Values, values: Values): void {
  for (const q of questions) {
    const rules = q.rules;
    if (rules.kind !== "select" || rules.custom || !q.clearIfHidden) continue;
    if (!rules.from && !rules.choicesVisibleIf && !rules.choices.some((c) => c.visibleIf)) continue;
    const value = data[q.valueName];
    if (value === undefined || value === null) continue;
    // The question copied from may have lost choices just now.
    const visible = visibleItems(
      offered(rules, rules.from ? { ...values, ...data } : values),
      rules.choicesVisibleIf,
      values,
    );
    const shown = new Set([...visible.map((c) => String(c.value)), ...rules.special.map(String)]);
    if (rules.from?.kind === "select" && !rules.rankAll && rules.from.ownOther !== undefined)
      shown.add(String(rules.from.ownOther));
    if (Array.isArray(value)) {
      const kept = value.filter((v) => shown.has(String(v)));
      // A copied list left with none goes; a ranking of every choice is filled again below.
      if (rules.from && !rules.rankAll && kept.length === 0 && value.length > 0) delete data[q.valueName];
      else if (kept.length !== value.length) data[q.valueName] = kept;
    } else if (!shown.has(String(value))) {
      delete data[q.valueName];
    }
  }
}

/** A ranking of every shown choice holds them all: survey-core appends the ones a value leaves out. */
function completeRankings(questions: QuestionNode[], data: Values, values: Values, posted: Values): void {
  for (const q of questions) {
    const rules = q.rules;
    if (rules.kind !== "select" || !rules.rankAll) continue;
    const value = data[q.valueName];
    const sent = posted[q.valueName];
    if (!Array.isArray(value) || !Array.isArray(sent) || sent.length === 0) continue;
    const present = new Set(value.map(String));
    const missing = visibleItems(offered(rules, values), rules.choicesVisibleIf, values).filter(
      (c) => !present.has(String(c.value)),
    );
    if (missing.length > 0) data[q.valueName] = [...value, ...missing.map((c) => c.value)];
  }
}

/** Whether a complete trigger fires when the respondent leaves a page showing these questions (survey-core runs it on the page's answers). */
function completesOn(survey: CompiledSurvey, shown: QuestionNode[], data: Values, values: Values): boolean {
  if (survey.completeTriggers.length === 0 || shown.length === 0) return false;
  return survey.completeTriggers.some((t) => firesOn(t, shown, data, values));
}

/** Whether a trigger acts on a page showing these questions: it reads one answered there, and holds. */
function firesOn(
  t: { condition: Condition; variables: string[] },
  shown: QuestionNode[],
  data: Values,
  values: Values,
): boolean {
  const answered = (v: string) => {
    const name = v.split(/[.[]/)[0] as string;
    return shown.some((q) => q.valueName === name && !Helpers.isValueEmpty(data[q.valueName]));
  };
  return t.variables.some(answered) && t.condition.run(values);
}

/** The page a skip trigger jumps to when the respondent answers these questions (-1 when none fires). */
function skipsTo(survey: CompiledSurvey, shown: QuestionNode[], data: Values, values: Values): number {
  if (survey.skipTriggers.length === 0 || shown.length === 0) return -1;
  let to = -1;
  for (const t of survey.skipTriggers) if (firesOn(t, shown, data, values)) to = Math.max(to, t.toPage);
  return to;
}

function totalsOf(q: QuestionNode, matrix: unknown, values: Values): Values {
  const totals = q.rules.kind === "table" ? q.rules.totals : [];
  return Object.fromEntries(totals.map((t) => [t.column, evaluate(t.expression, { ...values, matrix })]));
}

function complete(survey: CompiledSurvey, questions: QuestionNode[], posted: Values): Completion {
  const data = structuredClone(posted);
  for (const q of questions) {
    const v = data[q.valueName];
    if (q.rules.kind === "text" && q.rules.maskValue && typeof v === "string" && v !== "")
      data[q.valueName] = q.rules.maskValue(v);
  }
  fillCellDefaults(questions, data, data);
  const calculated = derive(survey, questions, data);
  dropHiddenChoices(questions, data, { ...calculated, ...data });
  completeRankings(questions, data, { ...calculated, ...data }, posted);
  const values = { ...calculated, ...data };
  const walk: Walk = { check: true, errors: [], hidden: [], top: [], suffix: survey.suffix };
  // A complete trigger ends the survey on its page: the pages after it are not checked (their hidden values still
  // go). A skip trigger jumps from its page to its target's: the pages in between are never shown, so not checked.
  let completed = false;
  let resumeAt = -1;
  for (const [j, page] of survey.pages.entries()) {
    if (page.startPage) continue;
    walk.check = !completed && j >= resumeAt;
    const shown = visit([page], { data, values }, true, false, walk);
    if (!walk.check) continue;
    if (completesOn(survey, shown, data, values)) completed = true;
    const to = skipsTo(survey, shown, data, values);
    if (to > j + 1) resumeAt = to;
  }
  walk.check = !completed;
  if (walk.errors.length > 0) return { ok: false, errors: walk.errors };
  // Totals as they stand before hidden values go: survey-core stores a total once it has moved from an empty matrix's.
  const moved = new Set(
    questions.filter(
      (q) =>
        q.rules.kind === "table" &&
        q.rules.totals.length > 0 &&
        !Helpers.isTwoValueEquals(totalsOf(q, data[q.valueName], values), totalsOf(q, undefined, values)),
    ),
  );

  for (const [container, node] of walk.hidden) {
    const value = container[node.valueName];
    // Empty values stay as sent, but for a simple matrix's {} (survey-core clears its rows).
    if (!Helpers.isValueEmpty(value) || (node.rules.kind === "matrix" && isObject(value)))
      delete container[node.valueName];
  }
  for (const { node, visible } of walk.top) {
    const key = `${node.valueName}${survey.suffix}`;
    const comment = data[key];
    if (comment === undefined || Helpers.isValueEmpty(comment)) continue;
    const other =
      node.rules.kind === "select" && node.rules.other !== undefined && chosen(data[node.valueName], node.rules.other);
    if (!visible || !(node.ownComment || other)) {
      delete data[key];
      // survey-core sets the question again as it drops the comment; a ranking copying its choices that
      // is left with one sets its value to [] and pushes into it unseen: the answer is lost (the page
      // never sends such a comment; this is the Model's verdict on damaged data).
      for (const q of questions)
        if (
          q.rules.kind === "select" &&
          q.rules.rankAll &&
          q.rules.from?.source === node.valueName &&
          offered(q.rules, { ...values, ...data }).length === 1
        )
          delete data[q.valueName];
    }
  }
  for (const q of questions) {
    const rules = q.rules;
    if (rules.kind === "matrix" && isObject(data[q.valueName])) {
      const value = data[q.valueName] as Values;
      const rows = new Set(visibleItems(rules.rows, rules.rowsVisibleIf, values).map((r) => String(r.value)));
      const columns = new Set(visibleItems(rules.columns, rules.columnsVisibleIf, values).map((c) => String(c.value)));
      for (const [row, column] of Object.entries(value)) {
        if (!rows.has(row) || !columns.has(String(column))) delete value[row];
      }
    }
    if (rules.kind === "table" && !rules.dynamic && isObject(data[q.valueName])) {
      // Rows hidden by a condition go.
      const value = data[q.valueName] as Values;
      const rows = new Set(visibleItems(rules.rows, rules.rowsVisibleIf, values).map((r) => String(r.value)));
      for (const row of Object.keys(value)) if (!rows.has(row)) delete value[row];
    }
    if (rules.kind === "table" && rules.totals.length > 0) {
      const total = totalsOf(q, data[q.valueName], values);
      if (moved.has(q) || !Helpers.isTwoValueEquals(total, totalsOf(q, undefined, values)))
        data[`${q.valueName}-total`] = total;
    }
  }
  for (const c of survey.calculated) if (c.includeIntoResult) data[c.name] = calculated[c.name];
  return { ok: true, data };
}

/** Compiles a questionnaire, or says why survey-core's Model must check it instead. */
export function compileQuestionnaire(
  definition: object,
  locale?: string,
): { ok: true; compiled: CompiledQuestionnaire } | { ok: false; reason: string } {
  const result = compileSurvey(definition, locale);
  if (!result.ok) return result;
  const compiled = result.compiled;
  const questions = topQuestions(compiled.pages);
  return { ok: true, compiled: { complete: (values) => complete(compiled, questions, values) } };
}
