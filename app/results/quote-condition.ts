import {
  BinaryOperand,
  ConditionRunner,
  ConditionsParser,
  Model,
  UnaryOperand,
  Variable,
  type Operand,
  type Question,
} from "survey-core";
import "~/lib/survey/offline"; // survey-core never fetches a choice list on the server (issue 23, item 11)
import { translator, type Translate } from "~/i18n";
import { triggerConditions } from "./questions";

/**
 * What a quote tells readers about its author beyond their words: a question shown (or enabled) only
 * for certain answers (its own visibleIf and enableIf, its panels' and its page's) says that whoever
 * answered it gave them.
 * The conditions are run by survey-core over every answer the questions they read can take, and the
 * set of answers that shows the question is put into words only where the words describe exactly
 * that set ("answered “No” to …", "chose “Cost” or “Time” in …"); anything else is said in general,
 * with the condition itself.
 */
export function quoteReveals(definition: object, question: string, language = "en"): string | null {
  let languages = memo.get(definition);
  if (!languages) memo.set(definition, (languages = new Map()));
  let known = languages.get(language);
  // One survey-core model per questionnaire and language (making one can take tens of milliseconds).
  if (!known) languages.set(language, (known = { context: new Context(definition, language), said: new Map() }));
  if (!known.said.has(question)) known.said.set(question, reveal(known.context, question));
  return known.said.get(question) ?? null;
}

const memo = new WeakMap<object, Map<string, { context: Context; said: Map<string, string | null> }>>();

/** Answers enumerated for one group of linked conditions at most (about 10 µs each). */
const MAX_RUNS = 2048;
/** Choices of a multiple-choice question whose every combination is tried, at most. */
const MAX_MULTI = 10;

/** One thing a condition reads: a question's answer (or a matrix row's), and every value it can take. */
interface Dimension {
  path: string[];
  label: string;
  multi: boolean;
  /** For a single answer: undefined (unanswered), then each value; for a multiple choice: undefined, then each non-empty combination by bitmask. */
  domain: unknown[];
  labels: string[];
}

/** Exact words: always or never true, or a text; a list (`joiner`) keeps its items so a list of the same kind can take them in. */
type Said =
  { kind: "always" } | { kind: "never" } | { kind: "text"; text: string; joiner?: "and" | "or"; items?: string[] };

type AnyElement = { visibleIf?: string; enableIf?: string; parent?: AnyElement | null };

function reveal(context: Context, question: string): string | null {
  const target = context.question(question);
  if (!target) return null;
  const conditions: string[] = [];
  const seen = new Set<unknown>();
  const page = (target as unknown as { page?: AnyElement }).page;
  for (const node of [...ancestry(target as unknown as AnyElement), ...(page ? [page] : [])]) {
    if (seen.has(node)) continue;
    seen.add(node);
    if (typeof node.visibleIf === "string" && node.visibleIf.trim()) conditions.push(node.visibleIf);
    // A question that can only be answered while enabled tells the same as one shown only then (round 3, M3-6).
    if (typeof node.enableIf === "string" && node.enableIf.trim()) conditions.push(node.enableIf);
  }
  // A question after the page where a complete trigger acts is reached only when the trigger was false (round 4).
  conditions.push(...context.endedEarlyUnless(target));
  const operands = conditions.flatMap((c) => {
    const parsed = new ConditionsParser().parseExpression(c);
    return parsed ? [parsed] : []; // survey-core shows an element whose condition does not parse
  });
  if (operands.length === 0) return null;
  const said: Extract<Said, { kind: "text" }>[] = [];
  const unsaid: Operand[] = [];
  for (const group of linked(operands.flatMap((o) => flatten(o, "and")))) {
    if (!group.some((o) => variables(o).length > 0)) continue; // reads no answer: tells nothing of its author
    const words = group.length > 1 ? context.describeGroup(group, "and") : context.describe(group[0] as Operand);
    if (words?.kind === "always") continue;
    if (words?.kind === "text") said.push(words);
    else unsaid.push(...group); // put into words in general, or never shown (then nobody's answer is quoted)
  }
  const facts = said.flatMap((s) =>
    s.joiner === "and" && s.items
      ? s.items
      : [s.joiner === "or" && said.length + unsaid.length > 1 ? context.either(s) : s.text],
  );
  if (unsaid.length) facts.push(context.t("quotes.general", { condition: context.plain(unsaid) }));
  return facts.length ? context.list(facts, "and") : null;
}

function* ancestry(node: AnyElement | null | undefined): Generator<AnyElement> {
  for (; node; node = node.parent) yield node;
}

const isJunction = (o: Operand, joiner: "and" | "or"): o is BinaryOperand =>
  o instanceof BinaryOperand && o.isConjunction && o.conjunction === joiner;

function flatten(o: Operand, joiner: "and" | "or"): Operand[] {
  return isJunction(o, joiner) ? [...flatten(o.leftOperand, joiner), ...flatten(o.rightOperand, joiner)] : [o];
}

function variables(o: Operand): string[] {
  return [...new Set(new ConditionRunner(o.toString()).getVariables())];
}

/** Splits clauses into groups that read no answer in common (each group can be put into words on its own). */
function linked(clauses: Operand[]): Operand[][] {
  const groups: { names: Set<string>; clauses: Operand[] }[] = [];
  for (const clause of clauses) {
    const names = new Set(variables(clause).map((v) => v.toLowerCase()));
    const touching = groups.filter((g) => [...names].some((n) => g.names.has(n)));
    const merged = {
      names: new Set([...names, ...touching.flatMap((g) => [...g.names])]),
      clauses: [...touching.flatMap((g) => g.clauses), clause],
    };
    for (const g of touching) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  return groups.map((g) => clauses.filter((c) => g.clauses.includes(c)));
}

class Context {
  readonly t: Translate;
  private readonly survey: Model;
  private readonly questions = new Map<string, Question>();

  constructor(
    private readonly definition: object,
    private readonly language: string,
  ) {
    this.t = translator(language);
    this.survey = new Model(definition);
    this.survey.locale = language;
    for (const q of this.survey.getAllQuestions(false, false, true) as Question[])
      this.questions.set(q.getValueName().toLowerCase(), q);
  }

  /** The conditions "!(expression)" of the complete and skip triggers that keep a respondent from a question's page. */
  endedEarlyUnless(q: Question): string[] {
    return triggerConditions(this.survey, this.definition)(this.survey.pages.indexOf(q.page as never));
  }

  question(name: string): Question | null {
    return (
      (this.survey.getQuestionByValueName(name) as Question | null) ?? (this.survey.getQuestionByName(name) as Question)
    );
  }

  /** Exact words for one clause: from its answers if it can, else from its and/or structure. */
  describe(o: Operand): Said | null {
    const direct = this.exactly([o], "and");
    if (direct) return direct;
    const joiner = isJunction(o, "and") ? "and" : isJunction(o, "or") ? "or" : null;
    if (!joiner) return null;
    const parts = linked(flatten(o, joiner)).map((group) =>
      group.length > 1 ? this.describeGroup(group, joiner) : this.describe(group[0] as Operand),
    );
    return this.combine(parts, joiner);
  }

  /** Exact words for clauses that read the same answers: from the answers together if it can, else clause by clause. */
  describeGroup(clauses: Operand[], joiner: "and" | "or"): Said | null {
    return (
      this.exactly(clauses, joiner) ??
      this.combine(
        clauses.map((c) => this.describe(c)),
        joiner,
      )
    );
  }

  /** Exact words joined by "and" or "or"; null when any part has none, or when the words could be read two ways. */
  private combine(parts: (Said | null)[], joiner: "and" | "or"): Said | null {
    if (parts.some((p) => p === null)) return null;
    const absorbing = joiner === "and" ? "never" : "always";
    if (parts.some((p) => p?.kind === absorbing)) return { kind: absorbing };
    const texts = parts.filter((p): p is Extract<Said, { kind: "text" }> => p?.kind === "text");
    if (texts.length === 0) return { kind: joiner === "and" ? "always" : "never" };
    if (texts.length === 1) return texts[0] as Said;
    // "A, or B and C" reads two ways: say it in general instead.
    if (joiner === "or" && texts.some((p) => p.joiner === "and")) return null;
    return this.joined(
      texts.flatMap((p) =>
        p.joiner === joiner && p.items ? p.items : [p.joiner === "or" && joiner === "and" ? this.either(p) : p.text],
      ),
      joiner,
    );
  }

  private joined(items: string[], joiner: "and" | "or"): Said {
    if (items.length === 1) return { kind: "text", text: items[0] as string };
    return { kind: "text", text: this.list(items, joiner), joiner, items };
  }

  /**
   * Runs the clauses (joined by `joiner`) over every combination of answers they read and puts the
   * combinations that show the question into words: one answer's set, a product of sets (this and
   * that) or a union of them (this or that). Null when no such words are exact.
   */
  exactly(clauses: Operand[], joiner: "and" | "or"): Said | null {
    const text = clauses.map((c) => `(${c.toString()})`).join(` ${joiner} `);
    const runner = new ConditionRunner(text);
    if (!runner.canRun()) return null;
    const dimensions: Dimension[] = [];
    const presence = onlyAskedIfAnswered(clauses);
    for (const name of [...new Set(runner.getVariables().map((v) => v.toLowerCase()))]) {
      const d = this.dimension(name, presence.has(name));
      if (!d) return null;
      dimensions.push(d);
    }
    const runs = dimensions.reduce((n, d) => n * d.domain.length, 1);
    if (runs > MAX_RUNS || dimensions.length === 0) return null;
    const shown: number[][] = [];
    const hidden: number[][] = [];
    for (let i = 0; i < runs; i++) {
      const at: number[] = [];
      const values: Record<string, unknown> = {};
      let rest = i;
      for (const d of dimensions) {
        const index = rest % d.domain.length;
        rest = Math.floor(rest / d.domain.length);
        at.push(index);
        put(values, d.path, d.domain[index]);
      }
      (runner.runValues(values) === true ? shown : hidden).push(at);
    }
    if (hidden.length === 0) return { kind: "always" };
    if (shown.length === 0) return { kind: "never" };
    const projection = (rows: number[][], i: number) => new Set(rows.map((r) => r[i] as number));
    const size = (sets: Set<number>[]) => sets.reduce((n, s) => n * s.size, 1);
    const shownSets = dimensions.map((_, i) => projection(shown, i));
    if (size(shownSets) === shown.length) {
      // This and that: every combination of the answers each question allows.
      const parts = dimensions.flatMap((d, i) =>
        (shownSets[i] as Set<number>).size === d.domain.length ? [] : [this.answers(d, shownSets[i] as Set<number>)],
      );
      if (parts.some((p) => p === null)) return null;
      return this.joined(parts as string[], "and");
    }
    const hiddenSets = dimensions.map((_, i) => projection(hidden, i));
    if (size(hiddenSets) === hidden.length) {
      // This or that: hidden exactly when no question has an answer that shows it.
      const parts = dimensions.flatMap((d, i) => {
        const showing = new Set(d.domain.map((_, j) => j).filter((j) => !(hiddenSets[i] as Set<number>).has(j)));
        return showing.size === 0 ? [] : [this.answers(d, showing)];
      });
      if (parts.some((p) => p === null)) return null;
      return this.joined(parts as string[], "or");
    }
    return null;
  }

  /** Words for a set of one question's answers (by index into its domain), or null. */
  private answers(d: Dimension, set: Set<number>): string | null {
    const t = this.t;
    const question = t("quotes.quoted", { text: d.label });
    const all = d.domain.length - 1;
    const unanswered = set.has(0);
    const given = [...set].filter((i) => i > 0);
    if (unanswered && given.length === 0) return t("quotes.skipped", { question });
    if (!unanswered && given.length === all) return t("quotes.answered", { question });
    const names = (indexes: number[], joiner: "and" | "or") =>
      this.list(
        indexes.map((i) => t("quotes.quoted", { text: d.labels[i] as string })),
        joiner,
      );
    if (!d.multi) {
      if (!unanswered) return t("quotes.answeredWith", { answers: names(given, "or"), question });
      const others = d.domain.map((_, i) => i).filter((i) => i > 0 && !set.has(i));
      return t("quotes.notAnsweredWith", { answers: names(others, "or"), question });
    }
    // A multiple choice: combinations by bitmask; choice i is bit i - 1, named d.labels[i].
    const masks = (pred: (m: number) => boolean) => Array.from({ length: all }, (_, j) => j + 1).filter(pred);
    const same = (a: number[], b: Set<number>) => a.length === b.size && a.every((m) => b.has(m));
    const choices = (mask: number) =>
      Array.from({ length: d.labels.length - 1 }, (_, j) => j).filter((j) => mask & (1 << j));
    const named = (mask: number, joiner: "and" | "or") =>
      names(
        choices(mask).map((j) => j + 1),
        joiner,
      );
    const givenSet = new Set(given);
    if (!unanswered) {
      const any = choices(all).reduce((m, j) => (givenSet.has(1 << j) ? m | (1 << j) : m), 0);
      if (
        any &&
        same(
          masks((m) => (m & any) !== 0),
          givenSet,
        )
      )
        return t("quotes.chose", { answers: named(any, "or"), question });
      const every = given.reduce((m, g) => m & g, all);
      if (
        every &&
        same(
          masks((m) => (m & every) === every),
          givenSet,
        )
      )
        return t("quotes.chose", { answers: named(every, "and"), question });
      const none = choices(all).reduce((m, j) => (givenSet.has(1 << j) ? m : m | (1 << j)), 0);
      if (
        none &&
        same(
          masks((m) => (m & none) === 0),
          givenSet,
        )
      )
        return t("quotes.answeredNotChose", { answers: named(none, "or"), question });
      return null;
    }
    const missing = new Set(masks((m) => !givenSet.has(m)));
    const any = choices(all).reduce((m, j) => (missing.has(1 << j) ? m | (1 << j) : m), 0);
    if (
      any &&
      same(
        masks((m) => (m & any) !== 0),
        missing,
      )
    )
      return t("quotes.notChose", { answers: named(any, "or"), question });
    return null;
  }

  /**
   * What a condition variable reads, with every value it can take; null for unknown names and free
   * answers (text, numbers), unless the conditions only ask whether it was answered (`answeredOnly`).
   */
  private dimension(name: string, answeredOnly: boolean): Dimension | null {
    const [head, row, ...deeper] = name.split(".");
    const q = this.questions.get(head as string) as (Question & Record<string, unknown>) | undefined;
    if (!q || deeper.length) return null;
    const type = q.getType();
    const title = plainTitle(q);
    if (row !== undefined) {
      if (type !== "matrix") return null;
      const found = (q.rows as Item[]).find((r) => String(r.value).toLowerCase() === row);
      if (!found) return null;
      return single(
        [q.getValueName(), String(found.value)],
        this.t("quotes.row", { question: title, row: text(found) }),
        q.columns as Item[],
      );
    }
    const path = [q.getValueName()];
    switch (type) {
      case "radiogroup":
      case "dropdown":
        return single(path, title, choiceItems(q));
      case "imagepicker":
        return q.multiSelect ? multiple(path, title, choiceItems(q)) : single(path, title, choiceItems(q));
      case "checkbox":
      case "tagbox":
        return multiple(path, title, choiceItems(q));
      case "boolean":
        return single(path, title, [
          { value: q.valueTrue ?? true, text: String(q.labelTrue) },
          { value: q.valueFalse ?? false, text: String(q.labelFalse) },
        ]);
      case "rating":
        return single(path, title, (q.visibleRateValues as Item[] | undefined) ?? []);
      default:
        // Any answer stands for all when only "empty" and "notempty" read it.
        return answeredOnly ? { path, label: title, multi: false, domain: [undefined, "…"], labels: ["", ""] } : null;
    }
  }

  list(items: string[], joiner: "and" | "or"): string {
    return new Intl.ListFormat(this.language, { type: joiner === "and" ? "conjunction" : "disjunction" }).format(items);
  }

  either(said: Extract<Said, { kind: "text" }>): string {
    return this.t("quotes.either", { choices: said.text });
  }

  /** The clauses as written, each answer they read named by its question's title. */
  plain(clauses: Operand[]): string {
    // survey-core writes an operand itself when the function gives it nothing (an empty string).
    const titled = (o: Operand): string => {
      if (!(o instanceof Variable)) return "";
      const [head, row] = o.variable.toLowerCase().split(".");
      const q = this.questions.get(head as string);
      if (!q) return "";
      const title = plainTitle(q);
      return this.t("quotes.quoted", { text: row ? this.t("quotes.row", { question: title, row }) : title });
    };
    // One clause loses its outer brackets; several keep theirs, or "A and (B or C)" would read "A and B or C".
    const written = clauses.map((c) => c.toString(titled));
    return written.length === 1 ? unwrap(written[0] as string) : written.join(" and ");
  }
}

/** The variables that the clauses read only through `empty` and `notempty`. */
function onlyAskedIfAnswered(clauses: Operand[]): Set<string> {
  const uses = new Map<string, number>();
  const presence = new Map<string, number>();
  const count = (map: Map<string, number>, name: string) => map.set(name, (map.get(name) ?? 0) + 1);
  for (const clause of clauses)
    clause.toString((o) => {
      if (o instanceof Variable) count(uses, o.variable.toLowerCase());
      else if (o instanceof UnaryOperand && /^(empty|notempty)$/i.test(o.operator) && o.expression instanceof Variable)
        count(presence, o.expression.variable.toLowerCase());
      return ""; // and survey-core goes on into the operand's parts
    });
  return new Set([...uses].filter(([name, n]) => presence.get(name) === n).map(([name]) => name));
}

type Item = { value: unknown; text?: string };

const text = (item: Item) => String(item.text ?? item.value);

function plainTitle(q: Question): string {
  return (q.title || q.name).replace(/\s+/g, " ").trim();
}

function choiceItems(q: Question & Record<string, unknown>): Item[] | null {
  if ((q as unknown as { choicesByUrl?: { url?: string } }).choicesByUrl?.url || q.choicesFromQuestion) return null;
  const items = [...(q.choices as Item[])];
  for (const [flag, item] of [
    ["showOtherItem", "otherItem"],
    ["showNoneItem", "noneItem"],
    ["showRefuseItem", "refuseItem"],
    ["showDontKnowItem", "dontKnowItem"],
  ] as const) {
    const special = q[item] as Item | undefined;
    if (q[flag] && special) items.push(special);
  }
  return items;
}

function single(path: string[], label: string, items: Item[] | null): Dimension | null {
  if (!items?.length) return null;
  return {
    path,
    label,
    multi: false,
    domain: [undefined, ...items.map((i) => i.value)],
    labels: ["", ...items.map(text)],
  };
}

function multiple(path: string[], label: string, items: Item[] | null): Dimension | null {
  if (!items?.length || items.length > MAX_MULTI) return null;
  const domain: unknown[] = [undefined];
  for (let mask = 1; mask < 1 << items.length; mask++)
    domain.push(items.filter((_, j) => mask & (1 << j)).map((i) => i.value));
  return { path, label, multi: true, domain, labels: ["", ...items.map(text)] };
}

function put(values: Record<string, unknown>, path: string[], value: unknown) {
  if (value === undefined) return;
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) values[head] = value;
  else put((values[head] ??= {}) as Record<string, unknown>, rest, value);
}

function unwrap(s: string): string {
  let out = s.trim();
  while (out.startsWith("(") && out.endsWith(")") && balanced(out.slice(1, -1))) out = out.slice(1, -1).trim();
  return out;
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    depth += ch === "(" ? 1 : ch === ")" ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}
