// Relations a reader knows from the questionnaire itself, added to the book of a publication
// (issue 21). They are not a list of tricks: each says that one set of respondents is the disjoint
// union of others, with the sets taken from the questionnaire's own logic.
// - Conditions: those who saw a conditional question are the atoms (combinations of the answers its
//   condition reads, see ../conditions.ts) that show it; the atoms add up to each answer they read.
// - Breakdowns set by answers: a region is the countries answered in it (and those who gave none).
// - Rankings: each option's positions add up to those who ranked, and so does each position.
// Folded answers get a cell of their own (never shown) wherever a relation reads them.
import { regionOf } from "~/lib/panel";
import { needsAtoms, type AnswerState, type ConditionAtoms } from "../conditions";
import type { Counter } from "../counters";
import type { FamilyKey, Vectors } from "../figure-types";
import type { MergedGroup } from "../groups";
import type { Option, QuestionSpec } from "../questions";
import { cellKey, type CellBook } from "./book";

export interface Table {
  family: FamilyKey;
  group: string;
  v: Vectors;
}

/** A category of a table: the counters it sums (several for a folded "other"). */
export interface Category {
  key: string;
  option: Option;
  counters: number[];
}

interface BuiltTable {
  t: Table;
  base: number;
  cats: number[];
  agree?: number;
  /** Rankings: per option, its cells by position (1 = its category cell). */
  positions?: number[][];
}

export interface Built {
  spec: QuestionSpec;
  q: number;
  categories: Category[];
  items: { row: Option | null; tables: BuiltTable[] }[];
}

export interface RelationContext {
  book: CellBook;
  specs: QuestionSpec[];
  at: (
    kind: Counter["kind"],
    q: number,
    row: string | null,
    value?: string,
    position?: number | "",
  ) => number | undefined;
  built: Built[];
  whole: Table;
  groupTables: Map<FamilyKey, Table[]>;
  merged: Map<FamilyKey, MergedGroup[]>;
  /** A table's size cell (always shown). */
  sizeCell: (t: Table) => number;
}

const sumOf = (book: CellBook, cells: number[]) => cells.reduce((s, c) => s + book.cells[c]!.value, 0);
const verifiedOf = (book: CellBook, cells: number[]) => cells.reduce((s, c) => s + book.cells[c]!.verified, 0);

/** A cell for what no reader is told but every reader knows is there: 0 and known, or unknown. */
function restCell(ctx: RelationContext, key: string, value: number, verified: number, knownZero: boolean): number {
  return ctx.book.cell(key, value, verified, value === 0 && knownZero ? { fixed: true } : { showable: false });
}

/** Every group table of a family, and the whole: the same set of respondents split two ways. */
function linkAcrossGroups(ctx: RelationContext, cellIn: (t: Table) => number | undefined): void {
  const whole = cellIn(ctx.whole);
  if (whole === undefined) return;
  for (const [, tables] of ctx.groupTables) {
    if (!tables.length) continue;
    const parts = tables.map(cellIn);
    if (parts.every((p): p is number => p !== undefined)) ctx.book.sum(whole, parts);
  }
}

const count = (t: Table, i: number | undefined) =>
  [i === undefined ? 0 : (t.v.all[i] ?? 0), i === undefined ? 0 : (t.v.verified[i] ?? 0)] as const;

/**
 * The cells of a question's answers in a table, one per answer (never shown when the table does not
 * show them: a folded answer, a table the question has none of), linked to what is shown.
 */
class AnswerCells {
  private readonly done = new Set<string>();
  constructor(private readonly ctx: RelationContext) {}

  private spec(name: string) {
    const q = this.ctx.specs.findIndex((s) => s.name === name);
    return { q, spec: this.ctx.specs[q]! };
  }

  private key(name: string, t: Table, category: string) {
    return cellKey(name, "", t.family, t.group, category);
  }

  /** Makes sure a question has a cell for each answer in a table, the folded and unshown ones included. */
  private ensure(name: string, t: Table): void {
    const tag = `${name}\u0000${t.family}\u0000${t.group}`;
    if (this.done.has(tag)) return;
    this.done.add(tag);
    const { book, at } = this.ctx;
    const { q, spec } = this.spec(name);
    const built = this.ctx.built.find((b) => b.spec.name === name);
    const own = built?.items[0]?.tables.find((x) => x.t.family === t.family && x.t.group === t.group);
    const [ba, bv] = count(t, at("base", q, null));
    if (spec.kind === "text") {
      const answered = book.cell(this.key(name, t, "o:answered"), ba, bv, { showable: false });
      const na = book.cell(this.key(name, t, "na"), (t.v.all[0] ?? 0) - ba, (t.v.verified[0] ?? 0) - bv, {
        showable: false,
      });
      book.sum(this.ctx.sizeCell(t), [answered, na]);
      return;
    }
    if (own && built) {
      // Folded answers (and answers nobody gave, which a reader cannot tell from folded ones when there
      // is an "other"): each its own cell, adding up to the "other" that is shown.
      const counterOf = (o: Option) => at("count", q, null, o.value) as number;
      const listed = new Set(built.categories.flatMap((c) => (c.key === `o:${c.option.value}` ? c.counters : [])));
      const other = built.categories.findIndex((c) => c.key !== `o:${c.option.value}`);
      const unlisted = spec.options.filter((o) => !listed.has(counterOf(o)));
      const cells = unlisted.map((o) => {
        const [a, v] = count(t, counterOf(o));
        return book.cell(
          this.key(name, t, `o:${o.value}`),
          a,
          v,
          other < 0 && a === 0 ? { fixed: true } : { showable: false },
        );
      });
      if (other >= 0) book.sum(own.cats[other]!, cells);
      return;
    }
    // No table of its own here: every answer is an unknown, and together they are the table's size.
    const cells = spec.options.map((o) => {
      const [a, v] = count(t, at("count", q, null, o.value));
      return book.cell(this.key(name, t, `o:${o.value}`), a, v, { showable: false });
    });
    const na = book.cell(this.key(name, t, "na"), (t.v.all[0] ?? 0) - ba, (t.v.verified[0] ?? 0) - bv, {
      showable: false,
    });
    if (spec.kind === "multi") {
      const base = book.cell(this.key(name, t, "base"), ba, bv, { showable: false });
      book.sum(this.ctx.sizeCell(t), [base, na]);
      spec.options.forEach((o, i) => {
        const [a, v] = count(t, at("count", q, null, o.value));
        const not = book.cell(this.key(name, t, `not:${o.value}`), ba - a, bv - v, { showable: false });
        book.sum(base, [cells[i]!, not]);
      });
    } else {
      book.sum(this.ctx.sizeCell(t), [...cells, na]);
    }
  }

  /** The cell of one answer (or of "no answer") of a question in a table. */
  cell(name: string, t: Table, category: string): number {
    this.ensure(name, t);
    const found = this.ctx.book.find(this.key(name, t, category));
    if (found === undefined) throw new Error(`no cell ${category} of ${name} in ${t.family}/${t.group}`);
    return found;
  }

  /** Links a question's answer cells of every group to the whole (once). */
  linkGroups(name: string, categories: string[]): void {
    for (const category of categories)
      linkAcrossGroups(this.ctx, (t) => this.ctx.book.find(this.key(name, t, category)));
  }
}

/** Conditional questions: their base is the atoms that show them, and atoms add up to the answers they read. */
function addConditions(ctx: RelationContext, answers: AnswerCells): void {
  const { book, at, specs } = ctx;
  for (const b of ctx.built) {
    const when = b.spec.shownWhen;
    if (!when || !("combos" in when)) continue;
    const tables = b.items[0]?.tables ?? [];
    const atoms = needsAtoms(when, specs);
    const atomCells = new Map<Table, number[]>();
    for (const x of tables) {
      const t = x.t;
      let shows: number[];
      if (!atoms) {
        const v = when.variables[0]!;
        shows = when.combos
          .filter((c) => c.shows)
          .map((c) => stateCategory(v.states[c.at[0]!]!))
          .map((category) => answers.cell(v.name, t, category));
      } else {
        const cells = when.combos.map((_, i) => {
          const [a, w] = count(t, at("atom", b.q, null, String(i)));
          return book.cell(cellKey(b.spec.name, "", t.family, t.group, `atom:${i}`), a, w, { showable: false });
        });
        atomCells.set(t, cells);
        marginals(ctx, answers, when, t, cells);
        overlaps(ctx, b.spec.name, when, t, cells);
        shows = cells.filter((_, i) => when.combos[i]!.shows);
      }
      // Those shown it and not answering (an optional question): unknown, or 0 when it is required.
      const rest = sumOf(book, shows) - book.cells[x.base]!.value;
      const restVerified = verifiedOf(book, shows) - book.cells[x.base]!.verified;
      if (rest < 0 || restVerified < 0) continue; // answers from before the condition changed: no such relation
      const skipped = restCell(
        ctx,
        cellKey(b.spec.name, "", t.family, t.group, "skipped"),
        rest,
        restVerified,
        Boolean(b.spec.required),
      );
      const base = book.cells[x.base]!;
      const shown = book.cell(
        cellKey(b.spec.name, "", t.family, t.group, "shown"),
        rest + base.value,
        restVerified + base.verified,
        shows.length ? { showable: false } : { fixed: true },
      );
      book.sum(shown, [x.base, skipped]);
      book.sum(shown, shows);
      // Being shown it is a function of answers: the group splits into those shown it and those not, an
      // answer partition like any other (all of a group shown it = all of them answered so).
      if (!splitIsNoNews(ctx, when, t)) {
        const size = ctx.sizeCell(t);
        const notShown = book.cell(
          cellKey(b.spec.name, "", t.family, t.group, "notShown"),
          book.cells[size]!.value - book.cells[shown]!.value,
          book.cells[size]!.verified - book.cells[shown]!.verified,
          { showable: false },
        );
        book.sum(size, [shown, notShown], true);
      }
    }
    if (atoms)
      when.combos.forEach((_, i) =>
        linkAcrossGroups(ctx, (t) => book.find(cellKey(b.spec.name, "", t.family, t.group, `atom:${i}`))),
      );
    for (const v of when.variables) {
      const spec = specs.find((s) => s.name === v.name)!;
      const categories = [
        "na",
        ...spec.options.map((o) => `o:${o.value}`),
        ...(spec.kind === "multi" ? spec.options.map((o) => `not:${o.value}`) : []),
        ...(spec.kind === "text" ? ["o:answered"] : []),
      ];
      answers.linkGroups(v.name, categories);
    }
    linkAcrossGroups(ctx, (t) => book.find(cellKey(b.spec.name, "", t.family, t.group, "shown")));
    linkAcrossGroups(ctx, (t) => book.find(cellKey(b.spec.name, "", t.family, t.group, "skipped")));
  }
}

/**
 * Whether the questionnaire itself tells a reader whether a table's members were shown a question: the
 * states its answers can be in (an answer everyone must give is never empty; in a breakdown set by the
 * answer the condition reads, only the answers placing people in the group) all show it, or none does.
 * A Kenya-only question in the Kenya column, or one shown to all who answered a required question, is no news.
 */
function splitIsNoNews(ctx: RelationContext, when: ConditionAtoms, t: Table): boolean {
  const group = t.family === "*" ? undefined : ctx.merged.get(t.family)?.find((g) => g.id === t.group);
  const possible = (variable: ConditionAtoms["variables"][number], state: AnswerState): boolean => {
    const spec = ctx.specs.find((s) => s.name === variable.name)!;
    if ("empty" in state) return !spec.alwaysAnswered;
    if (group && spec.sets === t.family && "value" in state) {
      const place = spec.sets === "region" ? regionOf(state.value) : state.value;
      return place !== undefined && group.members.includes(place);
    }
    return true;
  };
  const outcomes = new Set(
    when.combos.filter((c) => when.variables.every((v, j) => possible(v, v.states[c.at[j]!]!))).map((c) => c.shows),
  );
  return outcomes.size < 2;
}

/** The category a single answer's state is counted under. */
function stateCategory(state: AnswerState): string {
  if ("empty" in state) return "na";
  if ("answered" in state) return "o:answered";
  if ("value" in state) return `o:${state.value}`;
  throw new Error("a multiple choice state has no single category");
}

/** Each answer an atom reads is the sum of the atoms in which it is given. */
function marginals(ctx: RelationContext, answers: AnswerCells, when: ConditionAtoms, t: Table, cells: number[]): void {
  when.variables.forEach((v, j) => {
    const spec = ctx.specs.find((s) => s.name === v.name)!;
    const atomsWhere = (test: (s: AnswerState) => boolean) =>
      cells.filter((_, i) => test(v.states[when.combos[i]!.at[j]!]!));
    if (spec.kind !== "multi") {
      v.states.forEach((state) => {
        const category = stateCategory(state);
        ctx.book.sum(
          answers.cell(v.name, t, category),
          atomsWhere((s) => stateCategory(s) === category),
        );
      });
      return;
    }
    ctx.book.sum(
      answers.cell(v.name, t, "na"),
      atomsWhere((s) => "empty" in s),
    );
    const named = v.states.find((s): s is { chosen: string[]; named: string[] } => "named" in s)?.named ?? [];
    for (const o of named) {
      ctx.book.sum(
        answers.cell(v.name, t, `o:${o}`),
        atomsWhere((s) => "chosen" in s && s.chosen.includes(o)),
      );
      ctx.book.sum(
        answers.cell(v.name, t, `not:${o}`),
        atomsWhere((s) => "chosen" in s && !s.chosen.includes(o)),
      );
    }
  });
}

/**
 * Those who gave two answers a condition reads at once (chose both "cost" and "time"; answered "no"
 * to one question and "yes" to another) are a sum of atoms a reader can bound like any count: issue
 * 21's "or" condition publishes how many chose both, cost + time − those shown the question. Each
 * such overlap is a cell of its own (never shown), so the audit guards it.
 */
function overlaps(ctx: RelationContext, name: string, when: ConditionAtoms, t: Table, cells: number[]): void {
  type Predicate = { id: string; holds: (combo: number[]) => boolean };
  const predicates: Predicate[][] = when.variables.map((v, j) => {
    const spec = ctx.specs.find((s) => s.name === v.name)!;
    const state = (combo: number[]) => v.states[combo[j]!]!;
    if (spec.kind !== "multi")
      return [...new Set(v.states.map(stateCategory))].map((category) => ({
        id: `${v.name}=${category}`,
        holds: (combo: number[]) => stateCategory(state(combo)) === category,
      }));
    const named = v.states.find((s): s is { chosen: string[]; named: string[] } => "named" in s)?.named ?? [];
    return named.map((o) => ({
      id: `${v.name}∋${o}`,
      holds: (combo: number[]) => {
        const s = state(combo);
        return "chosen" in s && s.chosen.includes(o);
      },
    }));
  });
  const seen = new Set<string>();
  const add = (id: string, members: number[]) => {
    // One atom is the atom's own cell; all of a predicate's atoms, the answer's own cell.
    if (members.length < 2) return;
    const key = members.join(",");
    if (seen.has(key)) return;
    seen.add(key);
    const [a, v] = [
      sumOf(
        ctx.book,
        members.map((i) => cells[i]!),
      ),
      verifiedOf(
        ctx.book,
        members.map((i) => cells[i]!),
      ),
    ];
    const cell = ctx.book.cell(cellKey(name, "", t.family, t.group, `both:${id}`), a, v, { showable: false });
    ctx.book.sum(
      cell,
      members.map((i) => cells[i]!),
    );
  };
  const single = new Set(
    predicates.flat().map((p) => when.combos.flatMap((c, i) => (p.holds(c.at) ? [i] : [])).join(",")),
  );
  for (let j = 0; j < predicates.length; j++)
    for (let jj = j; jj < predicates.length; jj++)
      for (const [x, p] of predicates[j]!.entries())
        for (const q of predicates[jj]!.slice(j === jj ? x + 1 : 0)) {
          if (j === jj && ctx.specs.find((s) => s.name === when.variables[j]!.name)?.kind !== "multi") continue;
          const members = when.combos.flatMap((c, i) => (p.holds(c.at) && q.holds(c.at) ? [i] : []));
          if (single.has(members.join(","))) continue;
          add(`${p.id}&${q.id}`, members);
        }
}

/** A breakdown set by an answer: each group is the answers that place people in it, and those who gave none. */
function addBreakdownsSetByAnswers(ctx: RelationContext, answers: AnswerCells): void {
  const { book, specs } = ctx;
  for (const spec of specs) {
    const family = spec.sets;
    const groups = family && ctx.merged.get(family);
    if (!family || !groups?.length) continue;
    const place = (value: string) => (family === "region" ? regionOf(value) : value);
    const tables = ctx.groupTables.get(family) ?? [];
    groups.forEach((g, i) => {
      const t = tables[i];
      if (!t) return;
      const inGroup = spec.options.filter((o) => {
        const p = place(o.value);
        return p !== undefined && g.members.includes(p);
      });
      const cells = inGroup.map((o) => answers.cell(spec.name, ctx.whole, `o:${o.value}`));
      const size = ctx.sizeCell(t);
      const rest = book.cells[size]!.value - sumOf(book, cells);
      const restVerified = book.cells[size]!.verified - verifiedOf(book, cells);
      if (rest < 0 || restVerified < 0) return;
      const others = restCell(
        ctx,
        cellKey(spec.name, "", family, g.id, "unplaced"),
        rest,
        restVerified,
        Boolean(spec.alwaysAnswered),
      );
      book.sum(size, [...cells, others]);
    });
  }
}

/** Rankings: every position of every option is a cell; an option's positions and a position's options add up. */
function addRankings(ctx: RelationContext): void {
  const { book, at } = ctx;
  for (const b of ctx.built) {
    if (b.spec.kind !== "ranking") continue;
    const n = b.categories.length;
    for (const x of b.items[0]?.tables ?? []) {
      const t = x.t;
      const key = (category: string) => cellKey(b.spec.name, "", t.family, t.group, category);
      const positions = b.categories.map((c, i) => [
        x.cats[i]!,
        ...Array.from({ length: n - 1 }, (_, p) => {
          const [a, v] = count(t, at("position", b.q, null, c.option.value, p + 2));
          return book.cell(key(`p${p + 2}:${c.option.value}`), a, v);
        }),
      ]);
      x.positions = positions;
      const base = book.cells[x.base]!;
      positions.forEach((cells, i) => {
        const option = b.categories[i]!.option.value;
        const rest = restCell(
          ctx,
          key(`unranked:${option}`),
          base.value - sumOf(book, cells),
          base.verified - verifiedOf(book, cells),
          true,
        );
        book.sum(x.base, [...cells, rest], cells);
      });
      for (let p = 0; p < n; p++) {
        const cells = positions.map((list) => list[p]!);
        const rest = restCell(
          ctx,
          key(`short:${p + 1}`),
          base.value - sumOf(book, cells),
          base.verified - verifiedOf(book, cells),
          true,
        );
        book.sum(x.base, [...cells, rest]);
      }
    }
    for (const c of b.categories) {
      for (let p = 2; p <= n; p++)
        linkAcrossGroups(ctx, (t) => book.find(cellKey(b.spec.name, "", t.family, t.group, `p${p}:${c.option.value}`)));
      linkAcrossGroups(ctx, (t) =>
        book.find(cellKey(b.spec.name, "", t.family, t.group, `unranked:${c.option.value}`)),
      );
    }
    for (let p = 1; p <= n; p++)
      linkAcrossGroups(ctx, (t) => book.find(cellKey(b.spec.name, "", t.family, t.group, `short:${p}`)));
  }
}

/** Adds every relation the questionnaire gives a reader (see the top of this file). */
export function addQuestionnaireRelations(ctx: RelationContext): void {
  const answers = new AnswerCells(ctx);
  addRankings(ctx);
  addConditions(ctx, answers);
  addBreakdownsSetByAnswers(ctx, answers);
}
