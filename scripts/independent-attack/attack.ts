// The attack: for each clique of a reader's knowledge, integer programming (HiGHS) over its atoms,
// bounding every cell, atom, marginal and sum of cells within one table whose true value is 1..k-1
// (or a withheld cell, for an exact value). A disclosure is a quantity whose minimum and maximum
// both lie within 1..k-1 (or min = max ≠ 0 for a withheld cell). Each disclosure is classified by
// taking away one kind of relation at a time and seeing whether it still holds.
import loadHighs from "highs";
import { ConditionRunner } from "survey-core";
import type { ConditionKind, Figure, Quantity, Reader, Source, Values } from "./reader";

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type Model = ReturnType<Highs["createModel"]>;

export const KINDS = [
  "region minus named countries",
  "rank averages",
  "folded-answer condition",
  "or condition",
  "negated condition",
  "conditional quote",
  "group all/none through a condition",
  "one answer in a condition's group",
  "one answer in a group",
  "optional question answered by none",
  "other",
] as const;
export type Kind = (typeof KINDS)[number];

/**
 * The group kinds: a count proved to be 0 while the group it is part of is not, so that every member
 * of a group shares something a reader was not told of anyone (the methodology: "a figure where every
 * member of a group gave the same answer reads withheld"). Being shown a conditional question splits
 * a group in two (its condition true or false): a group whose base is its size, or 0 while it is not
 * empty. Those shown a conditional question are a group of their own: all of them gave one answer (a
 * zero cell beside a withheld one); so are the members of a published group who answered any question.
 * An optional question: none of a group answered it.
 */
export const GROUP_KINDS: Kind[] = [
  "group all/none through a condition",
  "one answer in a condition's group",
  "one answer in a group",
  "optional question answered by none",
];

export interface Disclosure {
  id: string;
  kind: Kind;
  truth: number;
  min: number;
  max: number;
  what: Quantity["what"];
  /** The publication's minimum group size. */
  k: number;
}

export interface Outcome {
  attacks: number;
  /** Attacks by what was attacked: a published or withheld cell, a sum within a table, an atom, a marginal. */
  attacksByWhat: Record<Quantity["what"], number>;
  disclosures: Disclosure[];
  /**
   * Withheld counts of k or more (not a whole group's answer) a reader proves exactly anyway: no
   * disclosure, but figures withheld for nothing.
   */
  needless: Disclosure[];
  /** Facts the true data breaks: the reader misread what was published (a bug here, not a leak). */
  misreadings: string[];
  skipped: string[];
}

/** Relations an ablation takes away, in the order a disclosure is classified by them. */
const FEATURES: { kind: Kind; source?: Source; condition?: ConditionKind }[] = [
  { kind: "conditional quote", source: "quote" },
  { kind: "rank averages", source: "rank" },
  { kind: "folded-answer condition", condition: "folded" },
  { kind: "or condition", condition: "or" },
  { kind: "negated condition", condition: "negated" },
  { kind: "region minus named countries", source: "profile-table" },
];

const MAX_ATOMS = 20000;
const WARM_UP = 8;

const stats = { solves: 0, solveMs: 0, buildMs: 0 };

let highsPromise: Promise<Highs> | undefined;
function highs(): Promise<Highs> {
  highsPromise ??= loadHighs();
  return highsPromise;
}

/** What a variant of a clique leaves out: one source of figures, one kind of condition, or every source but these. */
interface Drop {
  source?: Source;
  condition?: ConditionKind;
  only?: Source[];
}

/** Relations that may pin a count on their own, with only group sizes and bases beside them. */
const ALONE: { kind: Kind; source: Source }[] = [
  { kind: "conditional quote", source: "quote" },
  { kind: "rank averages", source: "rank" },
];

interface Clique {
  vars: string[];
  atoms: Values[];
  model: Model;
  truth: number[];
  pool: Float64Array[];
  n: number;
}

class Attack {
  private readonly conditions = new Map<string, ConditionRunner>();
  private readonly memo = new Map<string, boolean>();
  readonly outcome: Outcome = {
    attacks: 0,
    attacksByWhat: { cell: 0, withheld: 0, sum: 0, atom: 0, marginal: 0, allnone: 0 },
    disclosures: [],
    needless: [],
    misreadings: [],
    skipped: [],
  };
  private readonly disclosed = new Set<string>();
  private readonly attempted = new Set<string>();
  private readonly k: number;

  constructor(
    private readonly solver: Highs,
    private readonly reader: Reader,
    private readonly respondents: Values[],
  ) {
    this.k = reader.k;
  }

  private visible(name: string, values: Values): boolean {
    const v = this.reader.vars.get(name)!;
    const key = `${name}:${v.reads.map((r) => JSON.stringify(this.readValues(r, values))).join(",")}`;
    let hit = this.memo.get(key);
    if (hit === undefined) {
      let runner = this.conditions.get(name);
      if (!runner) this.conditions.set(name, (runner = new ConditionRunner(v.visibleIf!)));
      hit = runner.runValues(this.reader.surveyValues(values)) === true;
      this.memo.set(key, hit);
    }
    return hit;
  }

  private readValues(question: string, values: Values): string[] {
    if (question in values) return [values[question]!];
    return Object.keys(values)
      .filter((k) => k.startsWith(`${question}.`))
      .map((k) => values[k]!);
  }

  /** The respondent types of a clique a reader cannot rule out, conditions of dropped kinds ignored. */
  private atoms(vars: string[], drop: ConditionKind | undefined): Values[] | undefined {
    const domains = vars.map((name) => this.reader.vars.get(name)!.domain);
    const size = domains.reduce((s, d) => s * d.length, 1);
    if (size > MAX_ATOMS * 4) return undefined;
    const checks = vars.filter((name) => {
      const v = this.reader.vars.get(name)!;
      if (!v.visibleIf || v.conditionKind === drop) return false;
      // Only conditions whose every variable is in the clique can be checked here.
      return v.reads.every((r) => vars.includes(r) || vars.some((x) => x.startsWith(`${r}.`)));
    });
    const out: Values[] = [];
    const current: Values = {};
    const walk = (i: number) => {
      if (i === vars.length) {
        if (!this.reader.consistent(current)) return;
        for (const name of checks) {
          const v = this.reader.vars.get(name)!;
          const shown = this.visible(name, current);
          if (!shown && current[name] !== "") return;
          if (shown && v.required && current[name] === "") return;
        }
        out.push({ ...current });
        return;
      }
      for (const d of domains[i]!) {
        current[vars[i]!] = d;
        walk(i + 1);
      }
    };
    walk(0);
    return out.length > MAX_ATOMS ? undefined : out;
  }

  private build(vars: string[], drop: Drop): Clique | undefined {
    const t0 = performance.now();
    try {
      return this.buildCore(vars, drop);
    } finally {
      stats.buildMs += performance.now() - t0;
    }
  }

  private buildCore(vars: string[], drop: Drop): Clique | undefined {
    const atoms = this.atoms(vars, drop.condition);
    if (!atoms) return undefined;
    const index = new Map(atoms.map((a, i) => [vars.map((v) => a[v]).join("\u0000"), i]));
    const truth = new Array<number>(atoms.length).fill(0);
    for (const r of this.respondents) {
      const i = index.get(vars.map((v) => r[v]).join("\u0000"));
      if (i === undefined) {
        if (!drop.source && !drop.condition && !drop.only)
          this.outcome.misreadings.push(
            `a respondent's answers (${vars.map((v) => `${v}=${r[v] || "—"}`).join(", ")}) break the conditions as read`,
          );
        continue;
      }
      truth[i]!++;
    }
    const set = new Set(vars);
    const figures = this.reader
      .figuresFor(set)
      .filter((f) => f.source !== drop.source && (!drop.only || drop.only.includes(f.source)));
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const lower: number[] = [];
    const upper: number[] = [];
    const inf = this.solver.infinity;
    const get = (a: Values) => (key: string) => a[key] ?? "";
    const getters = atoms.map(get);
    for (const f of figures) {
      const row: [number, number][] = [];
      for (let i = 0; i < atoms.length; i++) {
        const w = f.weight(getters[i]!);
        if (w !== 0) row.push([i, w]);
      }
      const atTruth = row.reduce((s, [i, w]) => s + w * truth[i]!, 0);
      if (!drop.source && !drop.condition && !drop.only && (atTruth < f.lo - 1e-6 || atTruth > f.hi + 1e-6))
        this.outcome.misreadings.push(`${f.id}: ${atTruth} at the true data, published ${f.lo}..${f.hi}`);
      if (row.length === 0) continue;
      for (const [i, w] of row) {
        indices.push(i);
        values.push(w);
      }
      starts.push(indices.length);
      lower.push(Number.isFinite(f.lo) ? f.lo : -inf);
      upper.push(Number.isFinite(f.hi) ? f.hi : inf);
    }
    const n = this.respondents.length;
    const model = this.solver.createModel({
      numCols: atoms.length,
      numRows: lower.length,
      colCost: new Array(atoms.length).fill(0),
      colLower: new Array(atoms.length).fill(0),
      colUpper: new Array(atoms.length).fill(n),
      rowLower: lower,
      rowUpper: upper,
      matrix: { format: "csr", numRows: lower.length, numCols: atoms.length, starts, indices, values },
      integrality: new Array(atoms.length).fill(this.solver.constants.variableType.integer),
    });
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5 });
    const clique = { vars, atoms, model, truth, pool: [Float64Array.from(truth)], n };
    // Solutions far from the truth first: most quantities that are not pinned move in one of them.
    let seed = 1 + atoms.length;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < WARM_UP; i++)
      this.optimise(
        clique,
        atoms.map(() => random() - 0.5),
        i % 2 ? "max" : "min",
      );
    return clique;
  }

  /** Minimum or maximum of Σ weight · x over a clique's integer solutions. */
  private optimise(c: Clique, weights: number[], sense: "min" | "max"): number | undefined {
    const m = c.model;
    m.changeColsCost({ kind: "range", from: 0, to: c.atoms.length - 1 }, weights);
    m.changeObjectiveSense(
      sense === "min" ? this.solver.constants.objectiveSense.minimize : this.solver.constants.objectiveSense.maximize,
    );
    const t0 = performance.now();
    m.run();
    stats.solves++;
    stats.solveMs += performance.now() - t0;
    if (m.getModelStatus() !== this.solver.constants.modelStatus.optimal) return undefined;
    const x = Float64Array.from(m.getSolution().colValue, (v) => Math.round(v));
    c.pool.push(x);
    return Math.round(m.getObjectiveValue());
  }

  /** Is the quantity pinned within 1..k-1 (or exactly, for a withheld cell)? Returns the bounds if so. */
  private pinned(c: Clique, q: Quantity, exact: boolean): { min: number; max: number } | undefined {
    const weights = c.atoms.map((a) => q.weight((key) => a[key] ?? ""));
    const nz: number[] = [];
    weights.forEach((w, i) => w !== 0 && nz.push(i));
    const value = (x: Float64Array) => nz.reduce((s, i) => s + weights[i]! * x[i]!, 0);
    if (q.what === "allnone") {
      // Pinned when no solution has any of these respondents (the weights are 0 or 1).
      if (c.pool.some((x) => value(x) > 0.5)) return undefined;
      const max = this.optimise(c, weights, "max");
      return max === 0 ? { min: 0, max: 0 } : undefined;
    }
    const t = value(c.pool[0]!);
    for (const x of c.pool) {
      const v = value(x);
      if (exact ? Math.abs(v - t) > 0.5 : v < 0.5 || v > this.k - 0.5) return undefined;
    }
    const min = this.optimise(c, weights, "min");
    if (min === undefined) return undefined;
    if (exact ? min !== t : min < 1) return undefined;
    const max = this.optimise(c, weights, "max");
    if (max === undefined) return undefined;
    if (exact ? max !== t : max > this.k - 1) return undefined;
    return { min, max };
  }

  /** Every quantity of a clique a reader might pin. */
  private quantities(c: Clique): Quantity[] {
    const set = new Set(c.vars);
    const out: Quantity[] = [...this.reader.quantitiesFor(set)];
    const label = (a: Values, vars: string[]) => vars.map((v) => `${v}=${a[v] || "—"}`).join(" ∧ ");
    // Atoms, and marginals over one or two variables.
    for (const a of c.atoms) {
      const vars = c.vars;
      out.push({
        id: `atom ${label(a, vars)}`,
        what: "atom",
        keys: vars,
        weight: (get) => (vars.every((v) => get(v) === a[v]) ? 1 : 0),
      });
    }
    // Coarse predicates (a group of a breakdown, the answers folded into "Other") also pair with each
    // other on one variable: a region's respondents whose country is folded.
    const preds: { id: string; key: string; test: (x: string) => boolean; coarse?: boolean }[] = [];
    for (const name of c.vars) {
      const v = this.reader.vars.get(name)!;
      for (const d of v.domain.length <= 40 ? v.domain : [])
        preds.push({ id: `${name}=${d || "—"}`, key: name, test: (x) => x === d });
      if (v.kind === "multi") {
        const items = v.items!;
        items.forEach((a, i) => {
          preds.push({ id: `${name}∋${a}`, key: name, test: (x) => x.split("|").includes(a) });
          for (const b of items.slice(i + 1))
            preds.push({
              id: `${name}∋${a}&${b}`,
              key: name,
              test: (x) => x.split("|").includes(a) && x.split("|").includes(b),
            });
        });
      }
      if (v.kind === "ranking")
        v.items!.forEach((a) =>
          v.items!.forEach((_, p) =>
            preds.push({ id: `${name}:${a}@${p + 1}`, key: name, test: (x) => x.split(">")[p] === a }),
          ),
        );
      for (const [family, groups] of this.reader.groups)
        if (this.reader.familyKeys(family).includes(name))
          groups.forEach((g, gi) =>
            preds.push({
              id: `${family}=${g.id}`,
              key: name,
              test: (x) => this.reader.inGroup(family, gi, name, x),
              coarse: true,
            }),
          );
      // The answers folded together into "Other" where the question is published.
      const folded = this.reader.folded.get(name);
      if (folded)
        preds.push({ id: `${name}∈folded`, key: name, test: (x) => x !== "" && !folded.has(x), coarse: true });
    }
    out.push(...this.groupQuantities(c));
    for (let i = 0; i < preds.length; i++) {
      const p = preds[i]!;
      out.push({ id: p.id, what: "marginal", keys: [p.key], weight: (get) => (p.test(get(p.key)) ? 1 : 0) });
      for (const r of preds.slice(i + 1)) {
        if (r.key === p.key && !(p.coarse && r.coarse)) continue;
        out.push({
          id: [p.id, r.id].sort().join(" ∧ "),
          what: "marginal",
          keys: [p.key, r.key],
          weight: (get) => (p.test(get(p.key)) && r.test(get(r.key)) ? 1 : 0),
        });
      }
    }
    return out;
  }

  /**
   * The group kinds' counts in a clique: for each published group (and everyone, for the answers of
   * those shown a question), the members on the other side of a split a reader knows of, each a
   * count that must not be proved 0 while its group is not empty.
   */
  private groupQuantities(c: Clique): Quantity[] {
    const out: Quantity[] = [];
    const groups: {
      id: string;
      family?: string;
      keys: string[];
      test: (get: (key: string) => string) => boolean;
    }[] = [];
    for (const [family, list] of this.reader.groups)
      for (const key of this.reader.familyKeys(family))
        if (c.vars.includes(key))
          list.forEach((g, gi) =>
            groups.push({
              id: `${family}=${g.id}`,
              family,
              keys: [key],
              test: (get) => this.reader.inGroup(family, gi, key, get(key)),
            }),
          );
    const values = (get: (key: string) => string): Values => Object.fromEntries(c.vars.map((v) => [v, get(v)]));
    for (const name of c.vars) {
      const v = this.reader.vars.get(name)!;
      if (v.kind === "family" || v.kind === "text") continue;
      const conditional =
        !!v.visibleIf && v.reads.every((r) => c.vars.includes(r) || c.vars.some((x) => x.startsWith(`${r}.`)));
      const keys = [...c.vars];
      const shown = (get: (key: string) => string) => this.visible(name, values(get));
      if (conditional) {
        const how = v.conditionKind ? ` (${v.conditionKind} condition)` : "";
        // Not when the condition reads only the question that sets the group (a Kenya-only question in
        // the Sub-Saharan Africa column, an "Other"-only one in an organisation type's): no news.
        const own = (g: { family?: string }) =>
          !!g.family && v.reads.every((r) => this.reader.setsFamily(r, g.family!));
        for (const g of groups.filter((g) => !own(g))) {
          out.push({
            id: `${g.id}: all shown ${name}${how}`,
            what: "allnone",
            kind: "group all/none through a condition",
            keys,
            weight: (get) => (g.test(get) && !shown(get) ? 1 : 0),
            whole: (get) => (g.test(get) ? 1 : 0),
          });
          out.push({
            id: `${g.id}: none shown ${name}${how}`,
            what: "allnone",
            kind: "group all/none through a condition",
            keys,
            weight: (get) => (g.test(get) && shown(get) ? 1 : 0),
            whole: (get) => (g.test(get) ? 1 : 0),
          });
        }
      }
      // One answer: every answerer in a group (or, for a conditional question, among everyone shown
      // it) gave the same answer (the ranking: the same first place); the other answers sum to 0.
      const answer = this.answerOf(v.kind);
      if (answer && (conditional || !v.visibleIf)) {
        const everyone = conditional ? [{ id: "everyone", keys: [], test: () => true }] : [];
        const values = v.kind === "ranking" ? v.items! : v.domain.filter((d) => d !== "");
        // Not the question that sets a group, in that group ("no public university answered Other").
        for (const g of [...everyone, ...groups.filter((g) => !g.family || !this.reader.setsFamily(name, g.family))])
          for (const a of values)
            out.push({
              id: `${g.id}: all ${conditional ? "shown" : "answering"} ${name} answered ${a}${conditional ? ` (${v.conditionKind} condition)` : ""}`,
              what: "allnone",
              kind: conditional ? "one answer in a condition's group" : "one answer in a group",
              keys,
              weight: (get) => (g.test(get) && get(name) !== "" && answer(get(name)) !== a ? 1 : 0),
              whole: (get) => (g.test(get) && get(name) !== "" ? 1 : 0),
            });
      }
      if (!v.visibleIf && v.domain.includes("")) {
        // Only "none of a group answered" (D.11): that every member of a group answered an optional
        // question is no news worth withholding (the demo's 2024 report: every region answered its
        // optional matrix).
        for (const g of groups) {
          out.push({
            id: `${g.id}: none answered ${name}`,
            what: "allnone",
            kind: "optional question answered by none",
            keys,
            weight: (get) => (g.test(get) && get(name) !== "" ? 1 : 0),
            whole: (get) => (g.test(get) ? 1 : 0),
          });
        }
      }
    }
    return out;
  }

  /** The one answer of a question a respondent gives, for the "one answer" kinds (none for a multiple choice). */
  private answerOf(kind: string): ((x: string) => string) | undefined {
    if (kind === "ranking") return (x) => x.split(">")[0]!;
    if (kind === "single" || kind === "boolean" || kind === "rating" || kind === "row") return (x) => x;
    return undefined;
  }

  /** Attacks one clique: every quantity, then each disclosure classified. */
  run(vars: string[]) {
    const c = this.build(vars, {});
    if (!c) {
      this.outcome.skipped.push(vars.join(","));
      return;
    }
    const ablated = new Map<string, Clique | null>();
    try {
      const seen = new Set<string>();
      const shapes = new Map<string, Disclosure | null>();
      for (const q of this.quantities(c)) {
        if (this.disclosed.has(q.id) || seen.has(q.id)) continue;
        seen.add(q.id);
        // Quantities that select the same atoms are the same count: attack it once.
        const shape =
          (q.what === "allnone" ? "allnone:" : "") + c.atoms.map((a) => q.weight((key) => a[key] ?? "")).join(",");
        if (shapes.has(shape)) {
          const same = shapes.get(shape);
          if (same) {
            this.disclosed.add(q.id);
            // The same count: needless when it was (its truth is k or more and not a whole group's).
            (this.outcome.needless.includes(same) ? this.outcome.needless : this.outcome.disclosures).push({
              ...same,
              id: q.id,
              what: q.what,
            });
          }
          continue;
        }
        shapes.set(shape, null);
        const t = c.atoms.reduce((s, a, i) => s + q.weight((key) => a[key] ?? "") * c.truth[i]!, 0);
        if (q.what === "allnone") {
          // Attacked when true (none on that side) and the group is not empty; no atom on that side: the
          // questionnaire itself says so, no news.
          const whole = c.atoms.reduce((s, a, i) => s + q.whole!((key) => a[key] ?? "") * c.truth[i]!, 0);
          if (t !== 0 || whole === 0 || !shape.includes("1")) continue;
          // The same fact is tried in every clique that can say it (a count once).
          if (!this.attempted.has(q.id)) {
            this.attempted.add(q.id);
            this.outcome.attacks++;
            this.outcome.attacksByWhat.allnone++;
          }
          const bounds = this.pinned(c, q, false);
          if (!bounds) continue;
          this.disclosed.add(q.id);
          const found: Disclosure = {
            id: q.id,
            kind: q.kind as Kind,
            truth: whole,
            what: q.what,
            k: this.k,
            ...bounds,
          };
          shapes.set(shape, found);
          this.outcome.disclosures.push(found);
          continue;
        }
        const small = t >= 1 && t <= this.k - 1;
        const exact = !small && q.what === "withheld" && t !== 0;
        if (!small && !exact) continue;
        this.outcome.attacks++;
        this.outcome.attacksByWhat[q.what]++;
        const bounds = this.pinned(c, q, exact);
        if (!bounds) continue;
        this.disclosed.add(q.id);
        if (this.isNeedless(c, q, t)) {
          const found: Disclosure = { id: q.id, kind: "other", truth: t, what: q.what, k: this.k, ...bounds };
          shapes.set(shape, found);
          this.outcome.needless.push(found);
          continue;
        }
        // The kind: the first relation without which it no longer holds; when several routes lead
        // to it, the first relation that pins it alone (with group sizes and bases).
        let kind: Kind | undefined;
        for (const f of FEATURES) {
          const key = f.source ?? `condition:${f.condition}`;
          if (!this.has(c, f)) continue;
          if (!ablated.has(key)) ablated.set(key, this.build(vars, f) ?? null);
          const without = ablated.get(key);
          if (without && !this.pinned(without, q, exact)) {
            kind = f.kind;
            break;
          }
        }
        for (const f of kind ? [] : ALONE) {
          const key = `alone:${f.source}`;
          if (!this.has(c, f)) continue;
          if (!ablated.has(key)) ablated.set(key, this.build(vars, { only: ["size", "base", f.source] }) ?? null);
          const alone = ablated.get(key);
          if (alone && this.pinned(alone, q, exact)) {
            kind = f.kind;
            break;
          }
        }
        kind ??= "other";
        const found: Disclosure = { id: q.id, kind, truth: t, what: q.what, k: this.k, ...bounds };
        shapes.set(shape, found);
        this.outcome.disclosures.push(found);
      }
    } finally {
      c.model.dispose();
      for (const a of ablated.values()) a?.model.dispose();
    }
  }

  /**
   * A withheld count of k or more a reader pins exactly discloses nothing, unless it is the whole of
   * those who answered its table (every one of a group giving that answer).
   */
  private isNeedless(c: Clique, q: Quantity, truth: number): boolean {
    if (q.what !== "withheld" || truth < this.k) return false;
    if (!q.whole) return true;
    const whole = c.atoms.reduce((s, a, i) => s + q.whole!((key) => a[key] ?? "") * c.truth[i]!, 0);
    return whole !== truth;
  }

  private has(c: Clique, f: { source?: Source; condition?: ConditionKind }): boolean {
    if (f.source) return this.reader.figuresFor(new Set(c.vars)).some((x: Figure) => x.source === f.source);
    return c.vars.some((name) => this.reader.vars.get(name)!.conditionKind === f.condition);
  }
}

/** Attacks a publication: every clique of the reader's knowledge. */
export async function attackPublication(reader: Reader, respondents: Values[]): Promise<Outcome> {
  const attack = new Attack(await highs(), reader, respondents);
  for (const vars of reader.cliques()) attack.run(vars);
  return attack.outcome;
}
