import { ConditionRunner, Model, surveyLocalization } from "survey-core";
import "../offline"; // survey-core never fetches a choice list on the server (issue 23, item 11)
import { condition, type Condition } from "./expressions";
import type {
  Builders,
  Common,
  CompiledSurvey,
  ElementNode,
  PanelNode,
  QuestionNode,
  SurveyObject,
  ValidatorNode,
} from "./nodes";
import { rulesFor, Unsupported } from "./rules";

/**
 * A questionnaire compiled for checking completions without survey-core's Model. Setting
 * `survey.data` and running `validate(true)` costs milliseconds a completion in Node (its property
 * machinery), many times the database's cost; the same verdict comes from the structure read once
 * plus survey-core's own expression engine for every condition. What this does not follow is
 * named (`reason`) and left to the Model. The property test checks the two agree on every
 * questionnaire of the corpus.
 */
type Json = Record<string, unknown>;
const SURVEY_SETTINGS: [string, (value: unknown) => boolean][] = [
  // One question per page changes how the page is shown, not what is checked when it completes.
  ["questionsOnPageMode", (v) => v === "standard" || v === "questionPerPage"],
  ["mode", (v) => v !== "display"],
  ["showInvisibleElements", (v) => v !== true],
  ["keepIncorrectValues", (v) => v !== true],
  ["storeOthersAsComment", (v) => v !== false],
];
/**
 * Properties that change values as the respondent goes (set, copy, limit or offer them from
 * elsewhere): not followed. Others change nothing once the data is given, as survey-core judges a
 * completion (`survey.data = values`): a default value expression, `resetValueIf` and an input mask
 * act in the browser only (the oracle test checks the stored answer is what the page posted).
 */
const ELEMENT_PROPERTIES = [
  "setValueIf",
  "setValueExpression",
  "choicesEnableIf",
  "minValueExpression",
  "maxValueExpression",
  "valuePropertyName",
  "detailElements",
  "templateVisibleIf",
  "rowsEnableIf",
  "columnsEnableIf",
  "carryForwardQuestion",
  "dependedOnQuestion",
] as const;
const VALIDATORS = new Set([
  "numericvalidator",
  "textvalidator",
  "emailvalidator",
  "regexvalidator",
  "expressionvalidator",
  "answercountvalidator",
]);

function text(key: string, locale: string): string {
  return surveyLocalization.getString(key, locale);
}

function common(element: SurveyObject, own: Json, locale: string): Common {
  return {
    name: element.name,
    visible: own.visible !== false,
    visibleIf: condition(own.visibleIf as string | undefined),
    enableIf: condition(own.enableIf as string | undefined),
    readOnly: own.readOnly === true,
    isRequired: own.isRequired === true,
    requiredIf: condition(own.requiredIf as string | undefined),
    requiredText: (element as { requiredErrorText?: string }).requiredErrorText || text("requiredError", locale),
  };
}

function refuseProperties(element: SurveyObject, own: Json, where: string): void {
  for (const key of ELEMENT_PROPERTIES) {
    const value = own[key];
    if (
      value !== undefined &&
      !(Array.isArray(value) && value.length === 0) &&
      !(typeof value === "object" && value && Object.keys(value).length === 0)
    ) {
      throw new Unsupported(`${where} sets ${key}`);
    }
  }
  if (own.detailPanelMode !== undefined && own.detailPanelMode !== "none")
    throw new Unsupported(`${where} has a detail panel`);
  void element;
}

function validatorsOf(question: SurveyObject, where: string): ValidatorNode[] {
  const list = (question.validators as (Json & { getType(): string })[] | undefined) ?? [];
  return list.map((v) => {
    const type = v.getType();
    if (!VALIDATORS.has(type)) throw new Unsupported(`${where} has a ${type}`);
    if (v.notificationType && v.notificationType !== "error")
      throw new Unsupported(`${where} has a validator that only warns`);
    return {
      expression: type === "expressionvalidator" ? condition(v.expression as string | undefined) : undefined,
      instance: v as unknown as ValidatorNode["instance"],
    };
  });
}

/** A question (or a cell or item template) as a node; `where` names it in reasons. */
function questionNode(question: SurveyObject, locale: string, where = `question "${question.name}"`): QuestionNode {
  const own = question.toJSON();
  refuseProperties(question, own, where);
  const type = question.getType();
  const clearIf = String(question.clearIfInvisible ?? "default");
  return {
    kind: "question",
    ...common(question, own, locale),
    type,
    valueName: (question as { getValueName?(): string }).getValueName?.() ?? question.name,
    title: String((question as { getValidatorTitle?(): string }).getValidatorTitle?.() ?? question.name),
    clearIfHidden: clearIf !== "none",
    ownComment: own.showCommentArea === true || own.hasComment === true,
    validators: validatorsOf(question, where),
    rules: rulesFor(question, own, locale, where, builders(locale)),
    defaultExpression: typeof own.defaultValueExpression === "string" ? own.defaultValueExpression : undefined,
  };
}

function builders(locale: string): Builders {
  return { question: (q, where) => questionNode(q, locale, where), elements: (list) => elementNodes(list, locale) };
}

function elementNodes(elements: SurveyObject[], locale: string): ElementNode[] {
  return elements.map((element) => {
    if ((element as { isPanel?: boolean }).isPanel) {
      const own = element.toJSON();
      refuseProperties(element, own, `panel "${element.name}"`);
      return {
        kind: "panel",
        ...common(element, own, locale),
        requiredText:
          (element as { requiredErrorText?: string }).requiredErrorText || text("requiredErrorInPanel", locale),
        elements: elementNodes(element.elements as SurveyObject[], locale),
        startPage: false,
      } satisfies PanelNode;
    }
    return questionNode(element, locale);
  });
}

/**
 * The questionnaire's structure as written: in design mode survey-core runs no condition, so
 * `visible` and `readOnly` are what the file says, not what the conditions made them on an empty survey.
 */
function structureOf(definition: object, locale: string | undefined): Model {
  const survey = new Model();
  survey.setDesignMode(true);
  survey.fromJSON(definition);
  // Messages (validators', "Response required.") in the language completions are checked in.
  if (locale) survey.locale = locale;
  return survey;
}

/** Compiles a questionnaire, or says why it must be checked by survey-core's Model instead. */
export function compileSurvey(
  definition: object,
  locale?: string,
): { ok: true; compiled: CompiledSurvey } | { ok: false; reason: string } {
  const json = definition as Json;
  const survey = structureOf(definition, locale);
  try {
    for (const [key, allowed] of SURVEY_SETTINGS) {
      if (key in json && !allowed(json[key]))
        throw new Unsupported(`the questionnaire sets "${key}": ${JSON.stringify(json[key])}`);
    }
    for (const trigger of (json.triggers as Json[] | undefined) ?? []) {
      if (!["setvalue", "copyvalue", "runexpression", "skip", "visible", "complete"].includes(String(trigger.type)))
        throw new Unsupported(`the questionnaire has a "${String(trigger.type)}" trigger`);
    }
    const triggers = survey.triggers as unknown as (Json & { getType(): string; expression: string })[];
    const shownBy = new Map<string, Condition | undefined>();
    const completeTriggers: CompiledSurvey["completeTriggers"] = [];
    const skipTriggers: CompiledSurvey["skipTriggers"] = [];
    for (const t of triggers) {
      const found = condition(t.expression);
      if (!found) continue;
      if (t.getType() === "visibletrigger") {
        for (const name of [...((t.pages as string[]) ?? []), ...((t.questions as string[]) ?? [])])
          shownBy.set(name, found);
      }
      if (t.getType() === "completetrigger")
        completeTriggers.push({ condition: found, variables: new ConditionRunner(t.expression).getVariables() });
      if (t.getType() === "skiptrigger" && typeof t.gotoName === "string") {
        const target = survey.getQuestionByName(t.gotoName);
        const toPage = target ? survey.pages.indexOf(target.page as never) : -1;
        if (toPage >= 0)
          skipTriggers.push({ condition: found, variables: new ConditionRunner(t.expression).getVariables(), toPage });
      }
    }
    const withTriggers = <T extends ElementNode>(node: T): T => {
      if (shownBy.has(node.name)) node.visibleTrigger = shownBy.get(node.name);
      if (node.kind === "panel") node.elements.forEach(withTriggers);
      return node;
    };
    const locale = survey.locale || "en";
    const startPage = survey.firstPageIsStartPage && survey.pages.length > 1 ? survey.pages[0] : undefined;
    const pages = survey.pages.map((page) => {
      const element = page as unknown as SurveyObject;
      const own = element.toJSON();
      refuseProperties(element, own, `page "${page.name}"`);
      return {
        kind: "panel",
        ...common(element, own, locale),
        requiredText: text("requiredErrorInPanel", locale),
        elements: elementNodes(page.elements as unknown as SurveyObject[], locale),
        startPage: page === startPage,
      } satisfies PanelNode;
    });
    pages.forEach(withTriggers);
    const calculated = survey.calculatedValues.map((c) => ({
      name: c.name,
      expression: c.expression,
      includeIntoResult: c.includeIntoResult === true,
    }));
    return {
      ok: true,
      compiled: { pages, completeTriggers, skipTriggers, calculated, suffix: survey.commentSuffix || "-Comment" },
    };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: error.message };
    throw error;
  }
}
