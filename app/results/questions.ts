import { ConditionRunner, Model, Serializer, type Question } from "survey-core";
import "~/lib/survey/offline"; // survey-core never fetches a choice list on the server (issue 23, item 11)
import { profileQuestions } from "~/lib/survey";
import { conditionAtoms, type ConditionAtoms, type Unmodelled } from "./conditions";

// A questionnaire may mark a question as identifying ("identifying": true): its small answers are
// folded into "other" when published. Registered once, so survey-core keeps the property.
if (!Serializer.findProperty("question", "identifying"))
  Serializer.addProperty("question", { name: "identifying:boolean", category: "general" });
// How the report lists a question's answers: "share" (most chosen first) or "asked" (as in the
// questionnaire, for a scale). Unset, the report decides (see results/presentation.ts).
if (!Serializer.findProperty("question", "resultsOrder"))
  Serializer.addProperty("question", { name: "resultsOrder", category: "general", choices: ["share", "asked"] });

type QuestionKind = "single" | "multi" | "rating" | "matrix" | "ranking" | "text";

export interface Option {
  value: string;
  label: string;
  /** The value as answers store it (a number, a boolean or text). */
  raw?: unknown;
  /** The choice has a comment of its own (showCommentArea): chosen, it is stored as `{value, comment}`. */
  comment?: boolean;
}

/**
 * A conditional question's base as a sum of another question's answers: a reader who knows the
 * questionnaire knows that those who answered it are exactly those who gave one of these answers.
 */
interface AskedWhen {
  question: string;
  values: string[];
}

/** What the aggregation needs to know of one question. */
export interface QuestionSpec {
  name: string;
  title: string;
  type: string;
  kind: QuestionKind;
  options: Option[];
  rows: Option[];
  /** The two values that count as "agree or strongly agree": a matrix's last two columns, a rating's top two points (4 or more points). */
  topTwo: string[];
  /** Answered by everyone who completes: required, and shown to everyone (no condition on it, its panel or its page). */
  alwaysAnswered: boolean;
  /** Places a person (country, organisation, or marked "identifying"): its small answers are folded into "other". */
  identifying: boolean;
  /** Set when its base follows from another question's answers (see AskedWhen). */
  askedWhen?: AskedWhen;
  /** A multiple choice that allows one tick at most (maxSelectedChoices 1): its answers add up to its base. */
  oneTick?: boolean;
  /** Required (an answer is needed whenever it is shown). */
  required?: boolean;
  /** The breakdown its answer sets (a response counts under what it answered: country → region, …). */
  sets?: "region" | "organisationType" | "roleCategory";
  /** Shown only under conditions: the combinations of answers that show it, or why they cannot be followed. */
  shownWhen?: ConditionAtoms | Unmodelled;
}

const IDENTIFYING_NAMES =
  /^(country|countries|nationality|organi[sz]ation|organi[sz]ationname|institution|institutionname|employer|company|city|email|name|fullname|jobtitle)$/i;

type AnyQuestion = Question & Record<string, unknown>;
type Item = { value: unknown; text?: string; locText?: { renderedHtml?: string }; showCommentArea?: boolean };

const label = (item: Item) => String(item.text ?? item.value);
const options = (items: Item[]): Option[] =>
  items.map((c) => ({
    value: String(c.value),
    label: label(c),
    raw: c.value,
    ...(c.showCommentArea === true ? { comment: true } : {}),
  }));

function choiceOptions(q: AnyQuestion): Option[] {
  const out = options(q.choices as Item[]);
  for (const [flag, item] of [
    ["showOtherItem", "otherItem"],
    ["showNoneItem", "noneItem"],
    ["showRefuseItem", "refuseItem"],
    ["showDontKnowItem", "dontKnowItem"],
  ] as const) {
    const special = q[item] as Item | undefined;
    if (q[flag] && special) out.push({ value: String(special.value), label: label(special), raw: special.value });
  }
  return out;
}

const specsOf = new WeakMap<object, QuestionSpec[]>();

/**
 * The countable questions of a questionnaire, in order, with their options as stored in answers: worked
 * out once per definition object (a cached questionnaire version's is the same object each time):
 * building them runs survey-core over every condition, 15–60 ms, and the admin's wave page, exports and
 * publishing ask on the request's thread.
 * Callers only read the list.
 */
export function questionSpecs(definition: object): QuestionSpec[] {
  let specs = specsOf.get(definition);
  if (!specs) {
    specs = buildQuestionSpecs(definition);
    specsOf.set(definition, specs);
  }
  return specs;
}

/** Answer types with no figures that are not free text (free text is never published but as approved quotes). */
const NO_VALUE = new Set(["html", "image", "empty"]);
const WRITTEN_INPUTS = new Set(["", "text", "email", "tel", "url", "password"]);

/**
 * The questions a report gives no figures for although they are answered (numbers, dates, lists of fields,
 * tables of cells, dynamic panels, files, signatures, computed expressions), in the questionnaire's order:
 * the report names them, so that no reader takes their absence for an oversight or a withheld figure.
 */
export function uncountedQuestions(definition: object): { name: string; title: string }[] {
  const counted = new Set(questionSpecs(definition).map((s) => s.name));
  const survey = new Model(definition);
  const out: { name: string; title: string }[] = [];
  for (const q of survey.getAllQuestions(false, false, false) as AnyQuestion[]) {
    const type = q.getType();
    if (NO_VALUE.has(type)) continue;
    const written =
      type === "comment" || (type === "text" && WRITTEN_INPUTS.has(String(q.inputType ?? "text").toLowerCase()));
    if (written) continue;
    const name = q.getValueName();
    if (type !== "text" && type !== "multipletext" && counted.has(name)) continue;
    if (!out.some((o) => o.name === name)) out.push({ name, title: q.title || q.name });
  }
  return out;
}

function buildQuestionSpecs(definition: object): QuestionSpec[] {
  const survey = new Model(definition);
  const specs: QuestionSpec[] = [];
  const pending: { spec: QuestionSpec; conditions: string[]; required: boolean }[] = [];
  const choiceBound: QuestionSpec[] = [];
  const fixedTicks: QuestionSpec[] = [];
  const setting = new Map<string, QuestionSpec["sets"]>();
  for (const p of profileQuestions(definition as Record<string, unknown>)) {
    if (p.field === "country") setting.set(p.key, "region");
    if (p.field === "organisationType" || p.field === "roleCategory") setting.set(p.key, p.field);
  }
  // A complete trigger ends the questionnaire early (round 3's methodologist, M3-3). It acts when the
  // respondent leaves the page where it can first be true (the last page of the questions it reads), so
  // the questions up to that page are answered as before (M3-10); a question on a later page is shown only
  // to those for whom it was false: it gets the condition "!(expression)", and the conditional-question
  // machinery follows it (shown / not shown per group, "all" and "none" guarded, required answered by all
  // shown it). A trigger that reads what no page asks acts from the first page (its condition then reads
  // an answer that is not counted, and the questions after it are not published, with the reason).
  // A skip trigger jumps, on the page where it can first be true, to its target question's page: the pages in
  // between are shown only to those for whom it was false, as the respondent's page does (and the server's check
  // follows it: test/unit/trigger-conditions).
  const reachedWhen = triggerConditions(survey, definition);
  for (const q of survey.getAllQuestions(false, false, false) as AnyQuestion[]) {
    const page = survey.pages.indexOf(q.page as never);
    const conditions = [...visibilityConditions(q), ...reachedWhen(page)];
    // (A read-only question is never answered by the respondent, required or not.)
    const mayBeUnanswered = q.readOnly === true;
    const base = {
      name: q.getValueName(),
      title: q.title || q.name,
      type: q.getType(),
      rows: [] as Option[],
      topTwo: [] as string[],
      alwaysAnswered:
        Boolean(q.isRequired) && !q.requiredIf && conditions.length === 0 && q.visible !== false && !mayBeUnanswered,
      identifying: q.identifying === true || IDENTIFYING_NAMES.test(q.getValueName()),
    };
    switch (q.getType()) {
      case "radiogroup":
      case "dropdown":
        specs.push({ ...base, kind: "single", options: choiceOptions(q) });
        break;
      case "imagepicker":
        specs.push({ ...base, kind: q.multiSelect ? "multi" : "single", options: choiceOptions(q) });
        break;
      case "boolean":
        specs.push({
          ...base,
          kind: "single",
          options: [
            { value: String(q.valueTrue ?? true), label: String(q.labelTrue || "Yes"), raw: q.valueTrue ?? true },
            { value: String(q.valueFalse ?? false), label: String(q.labelFalse || "No"), raw: q.valueFalse ?? false },
          ],
        });
        break;
      case "checkbox":
      case "tagbox": {
        // At most one tick: its answers add up to those who answered, like a single choice's (M3-7).
        const most = Number(q.maxSelectedChoices) || 0;
        const least = Number(q.minSelectedChoices) || 0;
        specs.push({ ...base, kind: "multi", options: choiceOptions(q), ...(most === 1 ? { oneTick: true } : {}) });
        // Exactly m ticks: its answers add up to m times those who answered, a relation the tables cannot carry.
        if (most > 1 && least === most) fixedTicks.push(specs.at(-1)!);
        break;
      }
      case "rating": {
        const rateValues = q.rateValues as Item[];
        const scale = rateValues.length
          ? options(rateValues)
          : Array.from(
              { length: Math.floor((Number(q.rateMax) - Number(q.rateMin)) / (Number(q.rateStep) || 1)) + 1 },
              (_, i) => {
                const n = Number(q.rateMin) + i * (Number(q.rateStep) || 1);
                return { value: String(n), label: String(n), raw: n };
              },
            );
        specs.push({
          ...base,
          kind: "rating",
          options: scale,
          topTwo: scale.length >= 4 ? scale.slice(-2).map((o) => o.value) : [],
        });
        break;
      }
      case "matrix": {
        const columns = options(q.columns as Item[]);
        specs.push({
          ...base,
          kind: "matrix",
          options: columns,
          rows: options(q.rows as Item[]),
          topTwo: columns.slice(-2).map((c) => c.value),
        });
        break;
      }
      case "ranking":
        specs.push({ ...base, kind: "ranking", options: choiceOptions(q) });
        break;
      case "text":
      case "comment":
      case "multipletext":
        specs.push({ ...base, kind: "text", options: [] });
        break;
      default:
        break; // dynamic panels, files, signatures, expressions: not counted
    }
    const spec = specs.at(-1);
    if (spec && spec.name === q.getValueName()) {
      spec.required = Boolean(q.isRequired) && !q.requiredIf && !mayBeUnanswered;
      const sets = setting.get(spec.name);
      if (sets && spec.kind === "single") spec.sets = sets;
    }
    if (spec && spec.name === q.getValueName() && conditions.length)
      pending.push({ spec, conditions, required: Boolean(spec.required) });
    // Choices shown or enabled by other answers tie this question's answers to theirs in ways the atoms do
    // not follow (the biggest barrier is one of the barriers named, M3-2): not published, and the report says why.
    if (spec && spec.name === q.getValueName() && choicesDependOnAnswers(q)) choiceBound.push(spec);
  }
  for (const p of pending) {
    const link = askedWhen(p.conditions, p.required, specs);
    if (link) p.spec.askedWhen = link;
    p.spec.shownWhen = conditionAtoms(p.conditions, specs);
  }
  for (const spec of choiceBound) spec.shownWhen = { unmodelled: "the choices it offers depend on other answers" };
  for (const spec of fixedTicks) spec.shownWhen = { unmodelled: "everyone ticks the same number of its choices" };
  return specs;
}

/**
 * The conditions "!(expression)" a page is reached under, from the questionnaire's complete and skip triggers.
 * A trigger acts on the page where it can first be true (the last page of the questions it reads; the first
 * page when it reads what no page asks): a complete trigger keeps the respondent from every later page, a skip
 * trigger from the pages between that one and its target question's. Shared with what a quote tells of its
 * author (./quote-condition.ts).
 */
export function triggerConditions(survey: Model, definition: object): (page: number) => string[] {
  const pageOf = new Map<string, number>();
  survey.pages.forEach((page, i) => {
    for (const q of page.questions as AnyQuestion[]) pageOf.set(q.getValueName(), i);
  });
  type Json = { type?: string; expression?: string; gotoName?: string };
  const gaps = ((definition as { triggers?: Json[] }).triggers ?? []).flatMap((t) => {
    const expression = String(t?.expression ?? "");
    const type = String(t?.type);
    if (expression.trim() === "" || (type !== "complete" && !(type === "skip" && t.gotoName))) return [];
    const read = [...expression.matchAll(/\{([^}]+)\}/g)].map((m) => pageOf.get(m[1]!.trim().split(/[.[]/)[0]!) ?? -1);
    const firesOn = read.length && !read.includes(-1) ? Math.max(...read) : -1;
    if (type === "complete") return [{ expression, firesOn, upTo: Infinity }];
    const target = survey.getQuestionByName(String(t.gotoName)) as AnyQuestion | null;
    const upTo = target ? survey.pages.indexOf(target.page as never) : -1;
    return upTo > firesOn + 1 ? [{ expression, firesOn, upTo }] : [];
  });
  return (page) => gaps.filter((t) => page < 0 || (page > t.firesOn && page < t.upTo)).map((t) => `!(${t.expression})`);
}

/**
 * The conditions a question can be answered under: the visibleIf and enableIf of it, its panels and its
 * page (a disabled question is not answered, even when required: round 3's methodologist, M3-1).
 */
function visibilityConditions(q: AnyQuestion): string[] {
  const out: string[] = [];
  type Node = { visibleIf?: string; enableIf?: string; parent?: unknown };
  for (let node: Node | undefined = q; node; node = node.parent as Node | undefined) {
    for (const condition of [node.visibleIf, node.enableIf])
      if (typeof condition === "string" && condition.trim() && !out.includes(condition)) out.push(condition);
  }
  const page = (q as unknown as { page?: { visibleIf?: string } }).page;
  if (page?.visibleIf && !out.includes(page.visibleIf)) out.push(page.visibleIf);
  return out;
}

/** Whether a question's choices are shown, enabled or taken from elsewhere by other answers. */
function choicesDependOnAnswers(q: AnyQuestion): boolean {
  const set = (x: unknown) => typeof x === "string" && x.trim() !== "";
  if (set(q.choicesVisibleIf) || set(q.choicesEnableIf) || set(q.choicesFromQuestion)) return true;
  if (set(q.rowsVisibleIf) || set(q.columnsVisibleIf)) return true;
  // A comment's "rows" is its height, not a list.
  const list = (x: unknown) => (Array.isArray(x) ? (x as unknown[]) : []);
  const items = [...list(q.choices), ...list(q.rows), ...list(q.columns)];
  return items.some((item) => {
    const i = item as { visibleIf?: unknown; enableIf?: unknown } | null;
    return Boolean(i) && (set(i!.visibleIf) || set(i!.enableIf));
  });
}

/**
 * When a required question is shown only under conditions on one other question's answer, those
 * who answered it are exactly those who gave certain answers to that question: found by trying
 * each answer (a choice list's, or for a multiple choice, each option alone).
 */
function askedWhen(conditions: string[], required: boolean, specs: QuestionSpec[]): AskedWhen | undefined {
  if (!required) return undefined;
  const runner = new ConditionRunner(conditions.map((c) => `(${c})`).join(" and "));
  const names = new Set(runner.getVariables().map((v) => v.split(/[.[]/)[0] as string));
  if (names.size !== 1) return undefined;
  const [name] = [...names] as [string];
  const source = specs.find((s) => s.name === name);
  if (!source) return undefined;
  const shown = (value: unknown) => runner.runValues({ [name]: value }) === true;
  if (shown(undefined)) return undefined; // shown to those who skipped it too: not a sum of answers
  if (source.kind === "single" || source.kind === "rating") {
    return { question: name, values: source.options.filter((o) => shown(o.raw ?? o.value)).map((o) => o.value) };
  }
  if (source.kind === "multi") {
    const alone = source.options.filter((o) => shown([o.raw ?? o.value]));
    if (alone.length !== 1) return undefined;
    const only = alone[0] as Option;
    const all = source.options.map((o) => o.raw ?? o.value);
    const without = source.options.filter((o) => o !== only).map((o) => o.raw ?? o.value);
    return shown(all) && !shown(without) ? { question: name, values: [only.value] } : undefined;
  }
  return undefined;
}
