import { findNodeAtLocation, parseTree, type Node as JsonNode } from "jsonc-parser";
import { Model, Serializer, type Question } from "survey-core";
import "./offline"; // survey-core never fetches a choice list on the server (issue 23, item 11)
import { CHOICE_TYPES, compileSurvey, expressionProblem } from "./completion";
import { parseJsonWithPosition } from "./json-position";

export interface DefinitionCheck {
  ok: boolean;
  errors: string[];
  definition?: Record<string, unknown>;
  title?: string;
  questionCount?: number;
  /** Why completions are checked by survey-core's Model (slower) rather than the compiled check. */
  slowBecause?: string;
  /** The languages the questionnaire is written in (its own first), and where each lacks a string ("line 12: pages[0].elements[1].title"). */
  languages?: string[];
  missingStrings?: Record<string, string[]>;
}

export interface CheckOptions {
  /** Origins (https://host) the survey page may load choice lists from (QUORUM_CHOICES_HOSTS). */
  choicesHosts?: readonly string[];
}

type Json = Record<string, unknown>;
type Path = (string | number)[];

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "line L, column C" of the value at a JSON path, for messages that say where to look. */
function locator(text: string, tree: JsonNode | undefined) {
  return (path: Path): string => {
    const node = tree ? findNodeAtLocation(tree, path) : undefined;
    if (!node) return "";
    const before = text.slice(0, node.offset);
    return ` (line ${before.split("\n").length}, column ${node.offset - before.lastIndexOf("\n")})`;
  };
}

/** Every element of the survey (pages, panels, questions, dynamic panel templates) with its JSON path and name scope. */
export function walkElements(
  node: Json,
  path: Path,
  scope: string,
  visit: (element: Json, path: Path, label: string, scope: string) => void,
  label = "",
): void {
  for (const key of ["pages", "elements", "questions", "templateElements"]) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    // Dynamic panels hold their own question namespace.
    const inner = key === "templateElements" ? `${scope}/${String(node.name)}` : scope;
    list.forEach((child, index) => {
      if (!isObject(child)) return;
      const childLabel = `${label}${label ? " › " : ""}${String(child.name ?? `#${index + 1}`)}`;
      visit(child, [...path, key, index], childLabel, inner);
      walkElements(child, [...path, key, index], inner, visit, childLabel);
    });
  }
}

const EXPRESSION_KEY = /(If|Expression)$|^(expression|runExpression)$/;

/** Every expression in the file (conditions on elements, choices, rows, columns, validators, triggers, calculated values). */
function walkExpressions(
  value: unknown,
  path: Path,
  owner: string,
  visit: (text: string, path: Path, owner: string) => void,
): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walkExpressions(v, [...path, i], owner, visit));
    return;
  }
  if (!isObject(value)) return;
  const here = typeof value.name === "string" ? `"${value.name}"` : owner;
  for (const [key, v] of Object.entries(value)) {
    if (EXPRESSION_KEY.test(key) && typeof v === "string" && v.trim() !== "") visit(v, [...path, key], here);
    else walkExpressions(v, [...path, key], here, visit);
  }
}

function structureErrors(definition: Json, at: (path: Path) => string, options: CheckOptions): string[] {
  const errors: string[] = [];
  const names = new Map<string, string>();
  walkElements(definition, [], "", (element, path, label, scope) => {
    const type = element.type;
    if (type === undefined) {
      // Pages have no type; anything else needs one.
      if (!Array.isArray(element.elements) && !Array.isArray(element.questions))
        errors.push(`element "${label}" has no "type"${at(path)}`);
      return;
    }
    if (typeof type !== "string" || !Serializer.findClass(type)) {
      errors.push(`element "${label}" has an unknown question type "${String(type)}"${at([...path, "type"])}`);
      return;
    }
    const isPanel = type === "panel" || type === "page";
    const name = typeof element.name === "string" ? element.name : undefined;
    if (!isPanel && !name && !["html", "image"].includes(type))
      errors.push(`a question of type "${type}" at "${label}" has no "name"${at(path)}`);
    if (!isPanel && name) {
      const key = `${scope}:${name.trim().toLowerCase()}`;
      if (names.has(key)) errors.push(`the question name "${name}" is used twice${at([...path, "name"])}`);
      names.set(key, label);
    }
    const url = isObject(element.choicesByUrl) ? element.choicesByUrl.url : undefined;
    if (typeof url === "string" && /^[a-z]+:\/\//i.test(url)) {
      let origin = "";
      try {
        origin = new URL(url).origin;
      } catch {
        origin = url;
      }
      if (!(options.choicesHosts ?? []).includes(origin)) {
        errors.push(
          `question "${name}" loads its choices from ${origin}, which the survey page may not contact${at([...path, "choicesByUrl", "url"])}: ` +
            `add ${origin} to QUORUM_CHOICES_HOSTS, or copy the list into the file`,
        );
      }
    }
  });
  walkExpressions(definition, [], "the questionnaire", (expression, path, owner) => {
    const problem = expressionProblem(expression);
    if (problem) errors.push(`the expression "${expression}" of ${owner} cannot be read${at(path)}: ${problem}`);
  });
  return errors;
}

const LOCALIZABLE = new Set([
  "title",
  "description",
  "text",
  "placeholder",
  "otherText",
  "noneText",
  "labelTrue",
  "labelFalse",
  "html",
  "completedHtml",
  "requiredErrorText",
  "minRateDescription",
  "maxRateDescription",
  "otherPlaceholder",
  "commentText",
  "selectAllText",
  "refuseText",
  "dontKnowText",
  "completeText",
  "pageNextText",
  "pagePrevText",
]);
const LOCALE_KEY = /^(default|[a-z]{2}(-[a-z]{2,4})?)$/;

/** Every text a respondent reads, with its path: a plain string, or its translations ({"default": …, "es": …}). */
function walkTexts(value: unknown, path: Path, visit: (texts: Record<string, string>, path: Path) => void): void {
  if (Array.isArray(value)) return value.forEach((v, i) => walkTexts(v, [...path, i], visit));
  if (!isObject(value)) return;
  for (const [key, v] of Object.entries(value)) {
    if (LOCALIZABLE.has(key) && typeof v === "string" && v.trim()) visit({ default: v }, [...path, key]);
    else if (
      LOCALIZABLE.has(key) &&
      isObject(v) &&
      Object.keys(v).length &&
      Object.keys(v).every((k) => LOCALE_KEY.test(k))
    )
      visit(v as Record<string, string>, [...path, key]);
    else walkTexts(v, [...path, key], visit);
  }
}

/** The languages of a questionnaire and, for each besides its own, the texts it has no translation of. */
function languagesOf(
  definition: Json,
  text: string,
  tree: JsonNode | undefined,
): { languages: string[]; missing: Record<string, string[]> } {
  const primary = typeof definition.locale === "string" && definition.locale ? definition.locale : "en";
  const texts: { texts: Record<string, string>; path: Path }[] = [];
  walkTexts(definition, [], (t, path) => texts.push({ texts: t, path }));
  const languages = [
    primary,
    ...new Set(texts.flatMap((t) => Object.keys(t.texts)).filter((k) => k !== "default" && k !== primary)),
  ];
  const missing: Record<string, string[]> = {};
  for (const language of languages.slice(1)) {
    const lacking = texts.filter((t) => !t.texts[language]?.trim());
    if (lacking.length === 0) continue;
    missing[language] = lacking.map((t) => {
      const node = tree ? findNodeAtLocation(tree, t.path) : undefined;
      const line = node ? text.slice(0, node.offset).split("\n").length : 0;
      const key = t.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
      return `line ${line}: ${key}`;
    });
  }
  return { languages, missing };
}

/** Per language besides the questionnaire's own, how many of its texts have no translation (a complete language is not listed). */
export function untranslated(definition: object): Record<string, number> {
  const { missing } = languagesOf(definition as Json, "", undefined);
  return Object.fromEntries(Object.entries(missing).map(([language, list]) => [language, list.length]));
}

/** Questions nobody can answer although they are required (or have no choices to pick from). */
function unanswerable(survey: Model): string[] {
  const errors: string[] = [];
  for (const q of survey.getAllQuestions(false, false, false) as (Question & Json)[]) {
    const type = q.getType();
    const required = q.isRequired || Boolean(q.requiredIf) || q.eachRowRequired === true || q.isAllRowRequired === true;
    if (CHOICE_TYPES.has(type)) {
      const sourced =
        Boolean((q.choicesByUrl as { url?: string } | undefined)?.url) ||
        Boolean(q.choicesFromQuestion) ||
        q.allowCustomChoices === true;
      const generated = type === "dropdown" && Number(q.choicesMax) > Number(q.choicesMin ?? 0);
      if (!sourced && !generated && (q.choices as unknown[]).length === 0)
        errors.push(`the ${type} question "${q.name}" has no choices`);
    }
    const count = (key: string) => ((q[key] as unknown[] | undefined) ?? []).length;
    if (type === "matrix" && (count("rows") === 0 || count("columns") === 0) && required) {
      errors.push(
        `the required matrix "${q.name}" has no ${count("rows") === 0 ? "rows" : "columns"}: nobody can answer it`,
      );
    }
    if (type === "matrixdropdown" && (count("rows") === 0 || count("columns") === 0) && required) {
      errors.push(
        `the required matrix "${q.name}" has no ${count("rows") === 0 ? "rows" : "columns"}: nobody can answer it`,
      );
    }
    if (type === "matrixdynamic" && count("columns") === 0 && required)
      errors.push(`the required matrix "${q.name}" has no columns: nobody can answer it`);
    if (type === "multipletext" && count("items") === 0 && required)
      errors.push(`the required question "${q.name}" has no items: nobody can answer it`);
  }
  return errors;
}

/**
 * Checks a SurveyJS questionnaire file: JSON syntax (with line and column), element types that
 * survey-core knows, unique question names, expressions survey-core can read, choice lists the page
 * may load, required questions someone can answer, and that survey-core loads it; positions are
 * given as line and column. Also says whether completions take the compiled check or survey-core's Model.
 */
export function checkDefinition(text: string, options: CheckOptions = {}): DefinitionCheck {
  const parsed = parseJsonWithPosition(text);
  if (!parsed.ok) return { ok: false, errors: [`invalid JSON at ${parsed.message}`] };
  if (!isObject(parsed.value)) {
    return { ok: false, errors: ["the file must hold a JSON object (a SurveyJS survey), not an array or a value"] };
  }
  const definition = parsed.value;
  const tree = parseTree(text);
  const errors = structureErrors(definition, locator(text, tree), options);
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
  errors.push(...unanswerable(survey));
  if (errors.length > 0) return { ok: false, errors };

  const compiled = compileSurvey(definition);
  const { languages, missing } = languagesOf(definition, text, tree);
  return {
    ok: true,
    errors: [],
    definition,
    title: survey.title || undefined,
    questionCount: answerable.length,
    slowBecause: compiled.ok ? undefined : compiled.reason,
    languages,
    missingStrings: missing,
  };
}
