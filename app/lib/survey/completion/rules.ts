import { Helpers, surveyLocalization } from "survey-core";
import { condition } from "./expressions";
import type {
  Builders,
  CarriedChoices,
  Choice,
  Rules,
  SelectRules,
  SurveyObject,
  TableRules,
  TextRules,
} from "./nodes";

/** What a question of each type checks beyond "required" and its validators, read once from survey-core's objects. */
type Json = Record<string, unknown>;

/** A feature the compiled check does not follow: the questionnaire is left to survey-core's Model. */
export class Unsupported extends Error {}

const SELECT_TYPES = new Set(["radiogroup", "dropdown", "checkbox", "tagbox", "imagepicker", "ranking", "buttongroup"]);
const TEXT_INPUTS = new Set([
  "text",
  "number",
  "range",
  "email",
  "tel",
  "url",
  "date",
  "datetime-local",
  "time",
  "month",
  "week",
  "color",
  "password",
]);
const CELL_TYPES = new Set([
  "dropdown",
  "checkbox",
  "radiogroup",
  "tagbox",
  "text",
  "comment",
  "boolean",
  "rating",
  "expression",
]);

const str = (key: string, locale: string) => surveyLocalization.getString(key, locale);
const format = (template: string, ...args: unknown[]) =>
  args.reduce<string>((s, a, i) => s.replace(`{${i}}`, String(a)), template);

/** The numbers a dropdown offers after its listed choices, from choicesMin to choicesMax (survey-core's getChoices). */
export function generatedChoices(q: Record<string, unknown> & { getType(): string }): number[] {
  const min = Number(q.choicesMin) || 0;
  const max = Number(q.choicesMax) || 0;
  if (q.getType() !== "dropdown" || max <= min) return [];
  const step = Number(q.choicesStep) || 1;
  const values: number[] = [];
  for (let v = min; v <= max; v += step) values.push(v);
  return values;
}

const hasDefaultList = (own: Json) => Array.isArray(own.defaultValue) && own.defaultValue.length > 0;

function items(list: unknown): Choice[] {
  return ((list as (Json & { value: unknown })[] | undefined) ?? []).map((item) => ({
    value: item.value,
    visibleIf: condition(item.visibleIf as string | undefined),
  }));
}

/** A select question's choices in the order it shows them (`choicesOrder` asc or desc sorts them by their text). */
function orderedItems(q: SurveyObject, where: string): Choice[] {
  const list = (q.choices as (Json & { value: unknown; calculatedText?: string })[] | undefined) ?? [];
  const order = String(q.choicesOrder ?? "none").toLowerCase();
  if (order === "random") throw new Unsupported(`${where} shows its choices in a random order`);
  const sorted =
    order === "asc" || order === "desc"
      ? [...list].sort(
          (a, b) => Helpers.compareStrings(a.calculatedText ?? "", b.calculatedText ?? "") * (order === "asc" ? 1 : -1),
        )
      : list;
  return [...items(sorted), ...generatedChoices(q).map((value) => ({ value }))];
}

/**
 * Where a question copies its choices from (choicesFromQuestion), as survey-core's activeChoices
 * finds it: a select question or a question whose value is a list of rows; anything else leaves the
 * question its own choices. Followed for questions at the top level of the questionnaire.
 */
function carried(q: SurveyObject, own: Json, where: string): CarriedChoices | undefined {
  const name = own.choicesFromQuestion;
  if (typeof name !== "string" || name === "") return undefined;
  if (own.carryForwardStartUnranked === true)
    throw new Unsupported(`${where} starts its copied choices unranked (carryForwardStartUnranked)`);
  if (String(q.choicesOrder ?? "none").toLowerCase() !== "none")
    throw new Unsupported(`${where} orders the choices it copies (choicesFromQuestion with choicesOrder)`);
  if ((q as { parentQuestion?: unknown }).parentQuestion)
    throw new Unsupported(`${where} copies choices inside a matrix or dynamic panel (choicesFromQuestion)`);
  const survey = q.survey as
    { getQuestionByName(name: string): SurveyObject | null; commentSuffix?: string } | undefined;
  const source = survey?.getQuestionByName(name);
  if (!source || source === q) return undefined;
  const valueName = (source as { getValueName?(): string }).getValueName?.() ?? source.name;
  const sourceWhere = `question "${source.name}" (whose choices ${where} copies)`;
  if (SELECT_TYPES.has(source.getType())) {
    const sourceOwn = source.toJSON();
    if (sourceOwn.choicesFromQuestion || (source.choicesByUrl as { url?: string } | undefined)?.url)
      throw new Unsupported(`${sourceWhere} takes its own choices from elsewhere`);
    const choices = orderedItems(source, sourceWhere);
    // survey-core's Model, given the data at once, keeps or drops a copied answer by choices it shows at
    // the time, not by those the conditions finally leave (it accepted a required ranking left empty).
    if (sourceOwn.choicesVisibleIf || choices.some((c) => c.visibleIf))
      throw new Unsupported(`${sourceWhere} has choices shown by a condition`);
    const mode = String(own.choicesFromQuestionMode ?? "all");
    const other = source.otherItem as { value: unknown } | undefined;
    return {
      kind: "select",
      source: valueName,
      mode: mode === "selected" || mode === "unselected" ? mode : "all",
      choices,
      ownOther: (q.otherItem as { value: unknown } | undefined)?.value,
      other:
        source.showOtherItem && other && !q.showOtherItem
          ? { value: other.value, commentKey: `${valueName}${survey?.commentSuffix || "-Comment"}` }
          : undefined,
    };
  }
  if ((source as { isValueArray?: boolean }).isValueArray) {
    const key = own.choiceValuesFromQuestion;
    return { kind: "rows", source: valueName, key: typeof key === "string" && key ? key : undefined };
  }
  return undefined;
}

function selectRules(q: SurveyObject, own: Json, locale: string, choices = q.choices, where = ""): SelectRules {
  const type = q.getType();
  const special: unknown[] = [];
  const none: unknown[] = [];
  for (const [flag, item, exclusive] of [
    ["showOtherItem", "otherItem", false],
    ["showNoneItem", "noneItem", true],
    ["showRefuseItem", "refuseItem", true],
    ["showDontKnowItem", "dontKnowItem", true],
  ] as const) {
    const found = q[item] as { value: unknown } | undefined;
    if (q[flag] && found) {
      special.push(found.value);
      if (exclusive) none.push(found.value);
    }
  }
  const list = [...items(choices), ...generatedChoices(q).map((value) => ({ value }))];
  for (const choice of (choices as Json[] | undefined) ?? []) {
    // A choice's enableIf only greys it out on the page; survey-core does not refuse it once given.
    if (choice.showCommentArea)
      throw new Unsupported(`choice "${String(choice.value)}" has its own comment (answers are {value, comment})`);
    if (choice.isExclusive) throw new Unsupported(`choice "${String(choice.value)}" is exclusive`);
  }
  return {
    kind: "select",
    multiple:
      type === "checkbox" ||
      type === "tagbox" ||
      type === "ranking" ||
      (type === "imagepicker" && q.multiSelect === true),
    choices: list,
    choicesVisibleIf: condition(own.choicesVisibleIf as string | undefined),
    hideIfChoicesEmpty: own.hideIfChoicesEmpty === true,
    special,
    other: q.showOtherItem ? String((q.otherItem as { value: unknown }).value) : undefined,
    otherText: (q.otherErrorText as string | undefined) || str("otherRequiredError", locale),
    none,
    minSelected: type === "checkbox" || type === "tagbox" ? Number(q.minSelectedChoices) || 0 : 0,
    minText: format(str("minSelectError", locale), q.minSelectedChoices),
    // Typed by the respondent, or loaded by the page from a list the server never sees: any text goes.
    custom: own.allowCustomChoices === true || Boolean((q.choicesByUrl as { url?: string } | undefined)?.url),
    rankAll: type === "ranking" && q.selectToRankEnabled !== true,
    from: carried(q, own, where || `question "${q.name}"`),
  };
}

type MaskInstance = { getMaskedValue(v: unknown): string };

function maskCheck(q: SurveyObject, own: Json): TextRules["maskIncomplete"] {
  if (own.maskType === undefined || own.maskType === "none") return undefined;
  const mask = q.maskInstance as MaskInstance | undefined;
  if (!mask) return undefined;
  const saveMasked = (q.maskSettings as { saveMaskedValue?: boolean } | undefined)?.saveMaskedValue === true;
  const empty = mask.getMaskedValue("");
  return (value) => {
    const input = saveMasked ? (value ?? empty) : mask.getMaskedValue(value);
    return Boolean(input) && input !== empty;
  };
}

function textRules(q: SurveyObject, own: Json, locale: string, where: string): TextRules {
  const inputType = String(q.inputType ?? "text");
  if (!TEXT_INPUTS.has(inputType)) throw new Unsupported(`${where} is a ${inputType} input`);
  const stepped = inputType === "number" && own.step !== undefined;
  const convert = q.convertToCorrectValue as (v: unknown) => unknown;
  return {
    kind: "text",
    inputType,
    min: own.min,
    max: own.max,
    step: stepped ? Number(own.step) : undefined,
    minText: format((q.minErrorText as string) || str("minError", locale), own.min),
    maxText: format((q.maxErrorText as string) || str("maxError", locale), own.max),
    stepText: str("textInvalidStep", locale) || "The value is not a multiple of the step.",
    emailText: inputType === "email" ? str("invalidEmail", locale) : undefined,
    maskIncomplete: maskCheck(q, own),
    maskText: str("incompletePatternError", locale),
    maskValue: own.maskType === undefined || own.maskType === "none" ? undefined : (v) => convert.call(q, v),
  };
}

function tableRules(q: SurveyObject, own: Json, locale: string, where: string, build: Builders): TableRules {
  const dynamic = q.getType() === "matrixdynamic";
  const columns = (
    q.columns as (Json & {
      name: string;
      templateQuestion: SurveyObject;
      totalType?: string;
      totalExpression?: string;
      isUnique?: boolean;
    })[]
  ).map((column) => {
    const template = column.templateQuestion;
    const type = template.getType();
    if (!CELL_TYPES.has(type)) throw new Unsupported(`${where} has a ${type} column`);
    const node = build.question(template, `column "${column.name}" of ${where}`);
    // Choice cells without their own choices take the matrix's.
    if (node.rules.kind === "select" && node.rules.choices.length === 0) {
      node.rules = selectRules(template, template.toJSON(), locale, q.choices);
    }
    return node;
  });
  const totals: { column: string; expression: string }[] = [];
  for (const column of q.columns as (Json & { name: string; totalType?: string; totalExpression?: string })[]) {
    if (column.totalExpression) totals.push({ column: column.name, expression: column.totalExpression });
    else if (column.totalType && column.totalType !== "none")
      totals.push({ column: column.name, expression: `${column.totalType}InArray({matrix}, '${column.name}')` });
  }
  const unique = (q.columns as (Json & { name: string; isUnique?: boolean })[])
    .filter((c) => c.isUnique)
    .map((c) => c.name);
  if (dynamic && typeof q.keyName === "string" && q.keyName && !unique.includes(q.keyName)) unique.push(q.keyName);
  return {
    kind: "table",
    dynamic,
    rows: dynamic ? [] : items(q.rows),
    rowsVisibleIf: condition(own.rowsVisibleIf as string | undefined),
    hideIfRowsEmpty: own.hideIfRowsEmpty === true,
    // A default value's rows are gone once data is given: survey-core then shows none, not rowCount.
    rowCount: dynamic && !hasDefaultList(own) ? Number(q.rowCount) || 0 : 0,
    minRowCount: dynamic ? Number(q.minRowCount) || 0 : 0,
    columns,
    unique,
    caseSensitive: q.useCaseSensitiveComparison === true,
    totals,
    minRowsText: format(str("minRowCountError", locale), q.minRowCount),
    duplicateText: (q.keyDuplicationError as string | undefined) || str("keyDuplicationError", locale),
  };
}

export function rulesFor(q: SurveyObject, own: Json, locale: string, where: string, build: Builders): Rules {
  const type = q.getType();
  if (SELECT_TYPES.has(type)) return selectRules(q, own, locale, q.choices, where);
  switch (type) {
    case "text":
      return textRules(q, own, locale, where);
    case "comment":
    case "boolean":
    case "rating":
    case "signaturepad":
    case "file":
      return { kind: "plain" };
    case "expression":
      return { kind: "expression", expression: String(q.expression ?? "") };
    case "html":
    case "image":
      return { kind: "none" };
    case "multipletext":
      return {
        kind: "items",
        items: (q.items as (Json & { name: string; editor: SurveyObject })[]).map((item) => {
          const node = build.question(item.editor, `item "${item.name}" of ${where}`);
          return { ...node, name: item.name, valueName: item.name };
        }),
      };
    case "matrix":
      return {
        kind: "matrix",
        rows: items(q.rows),
        rowsVisibleIf: condition(own.rowsVisibleIf as string | undefined),
        columns: items(q.columns),
        columnsVisibleIf: condition(own.columnsVisibleIf as string | undefined),
        eachRowRequired: q.eachRowRequired === true || q.isAllRowRequired === true,
        eachRowUnique: q.eachRowUnique === true,
        hideIfRowsEmpty: own.hideIfRowsEmpty === true,
        allRowsText: str("requiredInAllRowsError", locale),
        uniqueText: str("eachRowUniqueError", locale),
      };
    case "matrixdropdown":
    case "matrixdynamic":
      return tableRules(q, own, locale, where, build);
    case "paneldynamic":
      return {
        kind: "panels",
        elements: build.elements((q.template as { elements: SurveyObject[] }).elements),
        // Panels made for a default value stay when data without it is given.
        panelCount: hasDefaultList(own) ? (own.defaultValue as unknown[]).length : Number(q.panelCount) || 0,
        minPanelCount: Number(q.minPanelCount) || 0,
        keyName: typeof q.keyName === "string" && q.keyName ? q.keyName : undefined,
        duplicateText: (q.keyDuplicationError as string | undefined) || str("keyDuplicationError", locale),
      };
    default:
      throw new Unsupported(`${where} is a ${type}`);
  }
}
