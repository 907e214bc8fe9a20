import { Model, Serializer, type Question } from "survey-core";
import { parseJsonWithPosition } from "./json-position";

export const CHOICE_TYPES = new Set(["radiogroup", "checkbox", "dropdown", "tagbox", "ranking", "imagepicker"]);

export interface DefinitionCheck {
  ok: boolean;
  errors: string[];
  definition?: Record<string, unknown>;
  title?: string;
  questionCount?: number;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Elements of a page, panel or survey, including the pre-pages `questions` form. */
function childElements(node: Json): unknown[] {
  const children: unknown[] = [];
  for (const key of ["pages", "elements", "questions"]) {
    if (Array.isArray(node[key])) children.push(...(node[key] as unknown[]));
  }
  return children;
}

function walkJson(
  node: Json,
  visit: (element: Json, path: string, scope: string) => void,
  path: string,
  scope: string,
): void {
  childElements(node).forEach((child, index) => {
    if (!isObject(child)) return;
    const childPath = `${path}${path ? " › " : ""}${String(child.name ?? `#${index + 1}`)}`;
    visit(child, childPath, scope);
    walkJson(child, visit, childPath, scope);
    // Dynamic panels hold their own question namespace.
    if (Array.isArray(child.templateElements)) {
      walkJson({ elements: child.templateElements }, visit, childPath, `${scope}/${String(child.name)}`);
    }
  });
}

/**
 * Checks a SurveyJS questionnaire file: JSON syntax (with line and column), element types that
 * survey-core knows, unique question names, choices on choice questions, and that survey-core loads it.
 */
export function checkDefinition(text: string): DefinitionCheck {
  const parsed = parseJsonWithPosition(text);
  if (!parsed.ok) return { ok: false, errors: [`invalid JSON at ${parsed.message}`] };
  if (!isObject(parsed.value)) {
    return { ok: false, errors: ["the file must hold a JSON object (a SurveyJS survey), not an array or a value"] };
  }
  const definition = parsed.value;
  const errors: string[] = [];

  const names = new Map<string, string>();
  walkJson(
    definition,
    (element, path, scope) => {
      const type = element.type;
      if (type === undefined) {
        // Pages have no type; anything else needs one.
        if (!Array.isArray(element.elements) && !Array.isArray(element.questions)) {
          errors.push(`element "${path}" has no "type"`);
        }
        return;
      }
      if (typeof type !== "string" || !Serializer.findClass(type)) {
        errors.push(`element "${path}" has an unknown question type "${String(type)}"`);
        return;
      }
      const isPanel = type === "panel" || type === "page";
      const name = typeof element.name === "string" ? element.name : undefined;
      if (!isPanel && !name && !["html", "image"].includes(type)) {
        errors.push(`a question of type "${type}" at "${path}" has no "name"`);
      }
      if (!isPanel && name) {
        const key = `${scope}:${name.trim().toLowerCase()}`;
        if (names.has(key)) errors.push(`the question name "${name}" is used twice`);
        names.set(key, path);
      }
    },
    "",
    "",
  );
  if (errors.length > 0) return { ok: false, errors };

  let survey: Model;
  try {
    survey = new Model(definition);
  } catch (error) {
    return { ok: false, errors: [`survey-core cannot load it: ${(error as Error).message}`] };
  }

  const questions = survey.getAllQuestions(false, false, true) as Question[];
  const answerable = questions.filter((q) => !["html", "image", "expression"].includes(q.getType()));
  if (answerable.length === 0) errors.push("it has no questions to answer");

  // Top level only: matrix cells may take their choices from the matrix.
  for (const q of survey.getAllQuestions(false, false, false) as Question[]) {
    if (!CHOICE_TYPES.has(q.getType())) continue;
    const hasSource = Boolean((q as unknown as { choicesByUrl?: { url?: string } }).choicesByUrl?.url) ||
      Boolean((q as unknown as { choicesFromQuestion?: string }).choicesFromQuestion);
    const choices = (q as unknown as { choices: unknown[] }).choices;
    if (!hasSource && choices.length === 0) errors.push(`the ${q.getType()} question "${q.name}" has no choices`);
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    errors: [],
    definition,
    title: survey.title || undefined,
    questionCount: answerable.length,
  };
}
