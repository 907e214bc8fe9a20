import { ExpressionRunner, Helpers, Model, surveyLocalization } from "survey-core";

/**
 * A questionnaire compiled for checking completions without survey-core's Model: setting
 * `survey.data` and running `validate(true)` costs ~15 ms a completion in Node (its property
 * machinery), fifty times the database's cost. For the features below, the same outcome comes from
 * plain checks plus survey-core's expression engine for `visibleIf`; anything else (validators,
 * requiredIf, panels or pages with conditions, triggers, other question types) is left to the Model.
 * test/compiled-questionnaire.test.ts checks the two agree on thousands of generated answers.
 */
export interface CompiledQuestionnaire {
  /** Required and visibility checks of a completion whose values already passed checkValue. */
  complete(values: Record<string, unknown>): { ok: true; data: Record<string, unknown> } | { ok: false; errors: { question: string; message: string }[] };
}

interface Compiled {
  name: string;
  valueName: string;
  required: boolean;
  visibleIf: ExpressionRunner | undefined;
  otherValue: string | undefined;
  allRowsRequired: boolean;
  rows: string[];
}

const SUPPORTED_TYPES = new Set(["radiogroup", "dropdown", "checkbox", "rating", "boolean", "comment", "text", "matrix"]);
// Properties that change validation or values in ways this compiler does not follow.
const UNSUPPORTED_PROPERTIES = [
  "validators", "requiredIf", "enableIf", "setValueIf", "setValueExpression", "resetValueIf", "defaultValueExpression",
  "choicesVisibleIf", "choicesEnableIf", "rowsVisibleIf", "columnsVisibleIf", "minSelectedChoices", "inputType",
  "valuePropertyName", "requiredErrorText", "otherErrorText", "min", "max", "minLength", "isUnique", "isExclusive",
  "showCommentArea", "hasComment",
] as const;

type Json = Record<string, unknown>;

/** survey-core's notion of "no answer": nothing, an empty list or object, or text of only spaces. */
function unanswered(value: unknown): boolean {
  return typeof value === "string" ? value.trim() === "" : Helpers.isValueEmpty(value);
}

function text(key: string): string {
  return surveyLocalization.getString(key, "en");
}

/**
 * Compiles a questionnaire, or says why it must be checked by survey-core's Model instead. `survey`
 * is its parsed Model when the caller already has one (only its structure is read).
 */
export function compileQuestionnaire(definition: object, survey: Model = new Model(definition)): { ok: true; compiled: CompiledQuestionnaire } | { ok: false; reason: string } {
  const json = definition as Json;
  for (const key of ["triggers", "calculatedValues", "checkErrorsMode", "clearInvisibleValues", "questionsOnPageMode", "storeOthersAsComment"]) {
    if (key in json) return { ok: false, reason: `the questionnaire sets "${key}"` };
  }
  for (const page of survey.pages) {
    if (page.visibleIf || page.enableIf || page.requiredIf) return { ok: false, reason: `page "${page.name}" has a condition` };
  }
  for (const panel of survey.getAllPanels(false, true)) {
    const p = panel as unknown as Json;
    if (p.visibleIf || p.enableIf || p.requiredIf || p.isRequired) return { ok: false, reason: `panel "${String(p.name)}" has a condition` };
  }
  const questions: Compiled[] = [];
  for (const question of survey.getAllQuestions(false, false, false)) {
    const q = question as unknown as Json & { getType(): string; getValueName(): string; name: string };
    const type = q.getType();
    if (!SUPPORTED_TYPES.has(type)) return { ok: false, reason: `question "${q.name}" is a ${type}` };
    const own = question.toJSON() as Json;
    for (const key of UNSUPPORTED_PROPERTIES) {
      const value = own[key];
      if (value !== undefined && !(Array.isArray(value) && value.length === 0)) return { ok: false, reason: `question "${q.name}" sets ${key}` };
    }
    if (type === "text" && own.inputType && own.inputType !== "text") return { ok: false, reason: `question "${q.name}" is a ${String(own.inputType)} input` };
    const hasOther = Boolean(q.showOtherItem);
    questions.push({
      name: q.name,
      valueName: q.getValueName(),
      required: Boolean(q.isRequired),
      visibleIf: typeof q.visibleIf === "string" && q.visibleIf ? new ExpressionRunner(q.visibleIf) : undefined,
      otherValue: hasOther ? String((q.otherItem as { value: unknown }).value) : undefined,
      allRowsRequired: type === "matrix" && Boolean(q.isAllRowRequired),
      rows: type === "matrix" ? (q.rows as { value: unknown }[]).map((r) => String(r.value)) : [],
    });
  }
  const suffix = survey.commentSuffix || "-Comment";
  const messages = { required: text("requiredError"), allRows: text("requiredInAllRowsError"), other: text("otherRequiredError") };

  return {
    ok: true,
    compiled: {
      complete(values) {
        const errors: { question: string; message: string }[] = [];
        const data: Record<string, unknown> = {};
        for (const q of questions) {
          const value = values[q.valueName];
          const comment = values[`${q.valueName}${suffix}`];
          // Visibility is judged on everything sent, as survey-core does before it clears hidden answers.
          const visible = q.visibleIf ? q.visibleIf.runValues(values) === true : true;
          // survey-core keeps an empty comment as it was sent; a filled one only goes with "other".
          if (comment !== undefined && Helpers.isValueEmpty(comment)) data[`${q.valueName}${suffix}`] = comment;
          if (unanswered(value)) {
            // Empty values ("", [], {}) stay as sent, seen or not; spaces are kept only when seen.
            if (value !== undefined && (visible || Helpers.isValueEmpty(value))) data[q.valueName] = value;
            if (!visible) continue;
            if (q.required) errors.push({ question: q.name, message: messages.required });
            else if (q.allRowsRequired) errors.push({ question: q.name, message: messages.allRows });
            continue;
          }
          if (!visible) continue;
          if (q.allRowsRequired) {
            const answered = value as Record<string, unknown>;
            if (q.rows.some((row) => unanswered(answered[row]))) errors.push({ question: q.name, message: messages.allRows });
          }
          const chosenOther = q.otherValue !== undefined && (Array.isArray(value) ? value.map(String).includes(q.otherValue) : String(value) === q.otherValue);
          // The "other" text must be there (spaces count, as in survey-core); it is kept only with "other".
          if (chosenOther && Helpers.isValueEmpty(comment)) errors.push({ question: q.name, message: messages.other });
          data[q.valueName] = value;
          if (chosenOther && comment !== undefined) data[`${q.valueName}${suffix}`] = comment;
        }
        return errors.length > 0 ? { ok: false, errors } : { ok: true, data };
      },
    },
  };
}
