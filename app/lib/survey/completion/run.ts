import { EmailValidator, Helpers } from "survey-core";
import type {
  Choice,
  ElementNode,
  MatrixRules,
  PanelsRules,
  QuestionNode,
  SelectRules,
  TableRules,
  TextRules,
} from "./nodes";

/**
 * Checks a completion against a compiled questionnaire as survey-core's `validate(true)` would on
 * `survey.data = values`, and returns the data survey-core would keep when it completes: conditions
 * are judged on everything sent; hidden or read-only elements are not checked; hidden values go
 * (empty ones stay as sent); calculated values and matrix totals are worked out again.
 */
type Values = Record<string, unknown>;
export interface Issue {
  question: string;
  message: string;
}

interface Scope {
  /** Where this level's values live: the survey's data, a matrix row or a dynamic panel (a copy, changed in place). */
  data: Values;
  /** Values for conditions: the survey's, plus row or panel variables. */
  values: Values;
  /** The top-level question nested errors are reported under. */
  report?: string;
  /** survey-core leaves hidden cells of matrix rows as they were sent. */
  keepHidden?: boolean;
}

interface Walk {
  check: boolean;
  errors: Issue[];
  /** Values to clear once the verdict is in: hidden questions and their containers. */
  hidden: [Values, QuestionNode][];
  /** Top-level questions and whether each is shown (their comments are kept or dropped by it). */
  top: { node: QuestionNode; visible: boolean }[];
  suffix: string;
}

const isObject = (v: unknown): v is Values => typeof v === "object" && v !== null && !Array.isArray(v);
const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);
/** survey-core's Question.isEmpty: nothing, an empty list or object (deeply), or text of only spaces. */
const blank = (v: unknown) => Helpers.isValueEmpty(trimmed(v));
const emailCheck = new EmailValidator();

function isEmptyAnswer(node: QuestionNode, value: unknown): boolean {
  const rules = node.rules;
  if ((rules.kind === "table" && rules.dynamic) || rules.kind === "panels") {
    return !Array.isArray(value) || value.every((row) => Helpers.isValueEmpty(row));
  }
  return blank(value);
}

function chosen(value: unknown, choice: unknown): boolean {
  return Array.isArray(value)
    ? value.some((v) => String(v) === String(choice))
    : value !== undefined && String(value) === String(choice);
}

function selectErrors(rules: SelectRules, node: QuestionNode, value: unknown, scope: Scope, suffix: string): string[] {
  const errors: string[] = [];
  if (
    rules.other !== undefined &&
    chosen(value, rules.other) &&
    Helpers.isValueEmpty(scope.data[`${node.valueName}${suffix}`])
  ) {
    errors.push(rules.otherText);
  }
  if (rules.minSelected >= 1) {
    const list = Array.isArray(value) ? value : [];
    const onlyNone = list.length === 1 && rules.none.some((n) => String(n) === String(list[0]));
    if (!onlyNone && list.length < rules.minSelected) errors.push(rules.minText);
  }
  return errors;
}

function comparable(rules: TextRules, v: unknown): unknown {
  return rules.inputType === "date" || rules.inputType === "datetime-local" ? new Date(String(v)) : v;
}

function textErrors(rules: TextRules, node: QuestionNode, value: unknown): string[] {
  const errors: string[] = [];
  // survey-core checks an email on the raw text (spaces fail), before anything else looks at blanks.
  if (
    rules.emailText &&
    value &&
    !node.validators.some((v) => (v.instance as unknown as { getType(): string }).getType() === "emailvalidator")
  ) {
    if (emailCheck.validate(value, node.title)) errors.push(rules.emailText);
  }
  if (blank(value)) return errors;
  const v = comparable(rules, value) as number;
  if (!blank(rules.min) && v < (comparable(rules, rules.min) as number)) errors.push(rules.minText);
  if (!blank(rules.max) && v > (comparable(rules, rules.max) as number)) errors.push(rules.maxText);
  if (rules.step !== undefined && Helpers.isNumber(rules.step) && Helpers.isNumber(value)) {
    let n = Helpers.getNumber(value);
    let step = rules.step;
    let pw = 1;
    while ((Math.round(step * pw) / pw !== step || Math.round(n * pw) / pw !== n) && pw < 1_000_000) pw *= 10;
    n = Math.round(n * pw);
    step = Math.round(step * pw);
    if (step > 0 && n % step !== 0) errors.push(rules.stepText);
  }
  return errors;
}

function visibleItems(
  list: { value: unknown; visibleIf?: { run(v: Values): boolean } }[],
  all: { run(v: Values): boolean } | undefined,
  values: Values,
) {
  return list.filter(
    (item) => (!item.visibleIf || item.visibleIf.run(values)) && (!all || all.run({ ...values, item: item.value })),
  );
}

/**
 * The choices a select question offers for these values: its own, or those it copies from another
 * question (survey-core's getChoicesFromSelectQuestion and getChoicesFromArrayQuestion).
 */
function offered(rules: SelectRules, values: Values): Choice[] {
  const from = rules.from;
  if (!from) return rules.choices;
  const value = values[from.source];
  if (from.kind === "rows") {
    const out: Choice[] = [];
    for (const row of Array.isArray(value) ? value : []) {
      if (!isObject(row)) continue;
      const key = from.key ?? Object.keys(row)[0];
      if (key !== undefined && !Helpers.isValueEmpty(row[key])) out.push({ value: row[key] });
    }
    return out;
  }
  const shown = from.choices.map((c) => ({ value: c.value }));
  if (from.mode === "all") return shown;
  const selected = (c: Choice) =>
    Array.isArray(value)
      ? value.some((v) => Helpers.isTwoValueEquals(v, c.value))
      : Helpers.isTwoValueEquals(value, c.value);
  const out = shown.filter((c) => selected(c) === (from.mode === "selected"));
  if (
    from.mode === "selected" &&
    from.other &&
    chosen(value, from.other.value) &&
    !Helpers.isValueEmpty(values[from.other.commentKey])
  )
    out.push({ value: from.other.value });
  return out;
}

function matrixErrors(rules: MatrixRules, value: unknown, values: Values): string[] {
  if (!rules.eachRowRequired && !rules.eachRowUnique) return [];
  const answers = isObject(value) ? value : {};
  const seen = new Set<string>();
  let missing = false;
  let repeated = false;
  for (const row of visibleItems(rules.rows, rules.rowsVisibleIf, values)) {
    const v = answers[String(row.value)];
    const empty = Helpers.isValueEmpty(trimmed(v));
    if (rules.eachRowUnique && !empty && seen.has(String(v))) repeated = true;
    if (!empty) seen.add(String(v));
    if (empty && rules.eachRowRequired) missing = true;
  }
  return [...(missing ? [rules.allRowsText] : []), ...(repeated ? [rules.uniqueText] : [])];
}

function validatorErrors(node: QuestionNode, value: unknown, values: Values): string[] {
  const errors: string[] = [];
  for (const validator of node.validators) {
    if (validator.expression) {
      if (!validator.expression.run(values)) errors.push(validator.instance.getErrorText(node.title));
      continue;
    }
    const result = validator.instance.validate(value, node.title);
    if (result?.error) errors.push(result.error.getText?.() ?? result.error.text ?? "invalid");
  }
  return errors;
}

function duplicated(list: Values[], key: string, caseSensitive: boolean): boolean {
  const seen = new Set<unknown>();
  for (const item of list) {
    let v = item[key];
    if (Helpers.isValueEmpty(trimmed(v))) continue;
    if (!caseSensitive && typeof v === "string") v = v.toLocaleLowerCase();
    const k = typeof v === "object" ? JSON.stringify(v) : String(v);
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

/** The rows of a matrix as survey-core lays them out for this value. */
function tableRows(rules: TableRules, value: unknown, values: Values): { key: string; data: Values; index: number }[] {
  if (rules.dynamic) {
    const list = Array.isArray(value) ? value : [];
    const count = Math.max(value === undefined || value === null ? rules.rowCount : list.length, rules.minRowCount);
    return Array.from({ length: count }, (_, i) => ({
      key: String(i),
      data: isObject(list[i]) ? (list[i] as Values) : {},
      index: i,
    }));
  }
  const answers = isObject(value) ? value : {};
  return visibleItems(rules.rows, rules.rowsVisibleIf, values).map((row, i) => {
    const key = String(row.value);
    return { key, data: isObject(answers[key]) ? (answers[key] as Values) : {}, index: i };
  });
}

function nested(node: QuestionNode, value: unknown, scope: Scope, readOnly: boolean, walk: Walk): string[] {
  const rules = node.rules;
  const report = scope.report ?? node.name;
  if (rules.kind === "items") {
    const data = isObject(value) ? value : {};
    visit(rules.items, { data, values: scope.values, report }, true, readOnly, walk);
    return [];
  }
  if (rules.kind === "table") {
    const rows = tableRows(rules, value, scope.values);
    for (const row of rows) {
      const values = { ...scope.values, row: row.data, rowIndex: row.index + 1, rowName: row.key, rowValue: row.key };
      visit(rules.columns, { data: row.data, values, report, keepHidden: true }, true, readOnly, walk);
    }
    const errors: string[] = [];
    if (
      rules.unique.some((key) =>
        duplicated(
          rows.map((r) => r.data),
          key,
          rules.caseSensitive,
        ),
      )
    )
      errors.push(rules.duplicateText);
    if (
      rules.dynamic &&
      rules.minRowCount > 0 &&
      node.isRequired &&
      rows.filter((r) => !Helpers.isValueEmpty(r.data)).length < rules.minRowCount
    ) {
      errors.push(rules.minRowsText);
    }
    return errors;
  }
  if (rules.kind === "panels") return panelErrors(rules, value, scope, report, readOnly, walk);
  return [];
}

function panelErrors(
  rules: PanelsRules,
  value: unknown,
  scope: Scope,
  report: string,
  readOnly: boolean,
  walk: Walk,
): string[] {
  const list = Array.isArray(value) ? value : [];
  // No panels sent (nothing, or an empty list) leaves the panels the questionnaire starts with.
  const count = Math.max(list.length > 0 ? list.length : rules.panelCount, rules.minPanelCount);
  const panels = Array.from({ length: count }, (_, i) => (isObject(list[i]) ? (list[i] as Values) : {}));
  panels.forEach((panel, i) => {
    visit(
      rules.elements,
      { data: panel, values: { ...scope.values, panel, panelIndex: i }, report },
      true,
      readOnly,
      walk,
    );
  });
  return rules.keyName && duplicated(panels, rules.keyName, false) ? [rules.duplicateText] : [];
}

function checkQuestion(node: QuestionNode, scope: Scope, readOnly: boolean, walk: Walk): void {
  const value = scope.data[node.valueName];
  const rules = node.rules;
  const errors: string[] = [];
  const nestedErrors = nested(node, value, scope, readOnly, walk);
  if (walk.check && !readOnly && rules.kind !== "expression" && rules.kind !== "none") {
    const required = node.isRequired || (node.requiredIf?.run(scope.values) ?? false);
    if (required && isEmptyAnswer(node, value)) errors.push(node.requiredText);
    if (rules.kind === "select") errors.push(...selectErrors(rules, node, value, scope, walk.suffix));
    if (rules.kind === "text") {
      errors.push(...textErrors(rules, node, value));
      // A half-filled mask stands instead of "required".
      if (rules.maskIncomplete && blank(value) && rules.maskIncomplete(value)) {
        if (required && errors[0] === node.requiredText) errors.shift();
        errors.push(rules.maskText);
      }
    }
    if (rules.kind === "matrix") errors.push(...matrixErrors(rules, value, scope.values));
    errors.push(...nestedErrors);
    if (errors.length === 0) errors.push(...validatorErrors(node, value, scope.values));
  }
  for (const message of errors) walk.errors.push({ question: scope.report ?? node.name, message });
}

/** Whether a question is hidden by its content (no choices or rows left to show). */
function emptied(node: QuestionNode, values: Values): boolean {
  const rules = node.rules;
  if (rules.kind === "select" && rules.hideIfChoicesEmpty)
    return visibleItems(offered(rules, values), rules.choicesVisibleIf, values).length === 0;
  if ((rules.kind === "matrix" || (rules.kind === "table" && !rules.dynamic)) && rules.hideIfRowsEmpty) {
    return visibleItems(rules.rows, rules.rowsVisibleIf, values).length === 0;
  }
  return false;
}

/** Walks elements in order; returns the questions that are visible (for required panels). */
function visit(
  nodes: ElementNode[],
  scope: Scope,
  parentVisible: boolean,
  parentReadOnly: boolean,
  walk: Walk,
): QuestionNode[] {
  const shown: QuestionNode[] = [];
  for (const node of nodes) {
    const visible =
      parentVisible &&
      (node.visibleTrigger ? node.visibleTrigger.run(scope.values) : node.visible) &&
      (!node.visibleIf || node.visibleIf.run(scope.values)) &&
      (node.kind === "panel" || !emptied(node, scope.values));
    const readOnly = parentReadOnly || node.readOnly || (node.enableIf ? !node.enableIf.run(scope.values) : false);
    if (node.kind === "panel") {
      const inside = visit(node.elements, scope, visible, readOnly, walk);
      shown.push(...inside);
      const required = node.isRequired || (node.requiredIf?.run(scope.values) ?? false);
      if (
        walk.check &&
        visible &&
        !readOnly &&
        required &&
        inside.length > 0 &&
        inside.every((q) => isEmptyAnswer(q, scope.data[q.valueName]))
      ) {
        walk.errors.push({ question: scope.report ?? node.name, message: node.requiredText });
      }
      continue;
    }
    if (scope.report === undefined) walk.top.push({ node, visible });
    if (!visible) {
      if (node.clearIfHidden && !scope.keepHidden) walk.hidden.push([scope.data, node]);
      continue;
    }
    shown.push(node);
    checkQuestion(node, scope, readOnly, walk);
  }
  return shown;
}

export { chosen, offered, visit, visibleItems, tableRows, type Values, type Walk };
