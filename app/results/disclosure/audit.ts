// The last word on a protection: a reader who solves linear programs. Every withheld or never-shown
// count is an unknown (0 or more; a change since an earlier publication may be negative); every
// equation of the book, with the shown counts put in, is a constraint; and for each unknown that
// describes 1..k-1 people (or a whole group giving one answer), the least and the greatest value it
// can take are solved for. The relaxation's optimum, rounded inwards, bounds the whole-number one
// from outside, so a cell pinned here is pinned for an integer-programming reader too; the converse
// (a gap between the two) is left to the independent attacker of `npm run test:disclosure`, which
// solves integer programs. It is disclosed when both bounds lie within 1..k-1 (or both equal the group).
// The engine's own rules (line rule, algebra, bounds) find most of what must be hidden, fast; this
// finds what they cannot: relations that follow only by combining several equations with every
// count's being 0 or more (issue 21's "or" condition, say).
//
// The solver is HiGHS (its WebAssembly build, the `highs` package): one model per system, kept while
// only the objective changes, so each solve starts from the last one's basis, and a time limit of its
// own. javascript-lp-solver, used before, has no limit on its simplex's first phase, which cycled
// for minutes on a degenerate system of the attacker's first wave (issue 21, round 2).
import loadHighs from "highs";
import type { System } from "./engine";
import { Work } from "./work";

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type Model = ReturnType<Highs["createModel"]>;

// Loaded once per thread; every importer of the engine waits for it (top-level await).
const highs: Highs = await loadHighs();

/** What the audit is told of one cell it must guard. */
interface Target {
  cell: number;
  /**
   * The cell is a whole group's answer: it equals `total`, the group (a table's base, a group's size).
   * What is guarded is then the relation, not the value: a reader must not prove total − cell = 0,
   * whether or not the group's size is known (everyone who answered "Other" said yes, while how many
   * answered "Other" is withheld).
   */
  whole?: boolean;
  total?: number;
}

type Row = { terms: [number, number][]; rhs: number };

/** The most unknowns one linear program may have; a larger system is not audited (the caller decides). */
const MAX_UNKNOWNS = 6000;

/** Values within this of a bound count as at it (HiGHS's feasibility tolerance is 1e-7). */
const EPS = 1e-6;

/**
 * The guarded cells a reader can pin (null when the work budget ran out first, or a system is too
 * large): unknowns whose least and greatest possible values both lie in 1..k-1 (or, for a whole
 * group's answer, are both the group).
 */
export function disclosedCells(
  system: System,
  isHidden: (c: number) => boolean,
  targets: Target[],
  k: number,
  work: Work = new Work(Infinity),
  pool: Float64Array[] = [],
): number[] | null {
  const { cells, equations } = system;
  // Solutions of earlier rounds (every count, shown ones at their true values) that still agree with
  // what is shown now are solutions now: a goal free at one of them needs no solve.
  const truth = Float64Array.from(cells, (c) => c.value);
  const valid = pool.filter((x) => cells.every((c, i) => isHidden(i) || x[i] === c.value));
  const wanted = targets.filter((t) => isHidden(t.cell));
  if (!wanted.length) return [];
  // Components of unknowns tied by equations: each solved apart (shown counts are constants).
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const rows: Row[] = [];
  // A change since an earlier publication (signed, unknown) is defined by one equation, now − then:
  // it is solved for as that expression, and its equations are left out (they bind nothing else).
  const definition = new Map<number, Row>();
  for (const eq of equations) {
    const terms = new Map<number, number>();
    let rhs = 0;
    for (const [list, sign] of [
      [eq.plus, 1],
      [eq.minus, -1],
    ] as const) {
      for (const c of list) {
        if (isHidden(c)) terms.set(c, (terms.get(c) ?? 0) + sign);
        else rhs -= sign * cells[c]!.value;
      }
    }
    const list = [...terms].filter(([, a]) => a !== 0);
    if (!list.length) continue;
    const signed = list.filter(([c]) => cells[c]!.signed);
    if (signed.length) {
      if (signed.length === 1 && !definition.has(signed[0]![0])) definition.set(signed[0]![0], { terms: list, rhs });
      continue;
    }
    rows.push({ terms: list, rhs });
    for (const [c] of list) if (!parent.has(c)) parent.set(c, c);
    for (const [c] of list.slice(1)) parent.set(find(c), find(list[0]![0]));
  }
  const byComponent = new Map<number, Row[]>();
  for (const row of rows) {
    const root = find(row.terms[0]![0]);
    byComponent.set(root, [...(byComponent.get(root) ?? []), row]);
  }

  // What is solved for each target: the cell itself, or for a change, the expression that defines it.
  type Goal = { target: Target; value: number; objective: [number, number][]; constant: number; roots: number[] };
  const goals: Goal[] = [];
  /** cell·coefficient as unknowns and a constant (a shown cell is a constant; a change, its definition); null when unbounded. */
  const expand = (cell: number, coefficient: number): { terms: [number, number][]; constant: number } | null => {
    if (!isHidden(cell)) return { terms: [], constant: coefficient * cells[cell]!.value };
    if (!cells[cell]!.signed) return { terms: [[cell, coefficient]], constant: 0 };
    const def = definition.get(cell);
    if (!def) return null; // a change tied by no equation: nothing bounds it
    const a = def.terms.find(([c]) => c === cell)![1];
    // a·Δ + Σ others = rhs  ⇒  Δ = (rhs − Σ others) / a
    return {
      terms: def.terms.filter(([c]) => c !== cell).map(([c, b]) => [c, (-b / a) * coefficient]),
      constant: (def.rhs / a) * coefficient,
    };
  };
  for (const target of wanted) {
    const whole = target.whole && target.total !== undefined;
    // A whole group's answer: total − cell, which is 0 (the true value); otherwise the cell itself.
    const value = whole ? 0 : cells[target.cell]!.value;
    if (!target.whole && value === 0) continue;
    const parts = whole ? [expand(target.total!, 1), expand(target.cell, -1)] : [expand(target.cell, 1)];
    if (parts.some((p) => p === null)) continue;
    const merged = new Map<number, number>();
    for (const p of parts) for (const [c, a] of p!.terms) merged.set(c, (merged.get(c) ?? 0) + a);
    const objective = [...merged].filter(([, a]) => Math.abs(a) > 1e-12);
    const constant = parts.reduce((s, p) => s + p!.constant, 0);
    // A term in no equation is any count from 0 up: the goal is unbounded one way, so not pinned.
    if (!objective.length || objective.some(([c]) => !parent.has(c))) continue;
    const roots = [...new Set(objective.map(([c]) => find(c)))].sort((x, y) => x - y);
    goals.push({ target, value, objective, constant, roots });
  }

  // The LPs, one per set of components a goal spans (almost always one component).
  const groups = new Map<string, Goal[]>();
  for (const g of goals) {
    const key = g.roots.join(",");
    groups.set(key, [...(groups.get(key) ?? []), g]);
  }
  const out: number[] = [];
  for (const list of groups.values()) {
    const lp = new ComponentLp(
      list[0]!.roots.flatMap((r) => byComponent.get(r) ?? []),
      work,
    );
    if (lp.size > MAX_UNKNOWNS) {
      lp.dispose();
      return null;
    }
    try {
      const found = auditGoals(lp, list, k, valid, truth);
      if (found === null) return null;
      out.push(...found);
    } finally {
      lp.dispose();
    }
  }
  // Keep the most recent solutions for the next round.
  pool.splice(0, pool.length, ...valid.slice(-POOL));
  return out;
}

/** How many solutions are carried from one round to the next. */
const POOL = 40;

/**
 * Whether a solution shows a goal not pinned: its value there is outside 1..k-1 (or off the group),
 * so one bound lies outside too, whatever the other is.
 */
function freeAt(goal: { value: number; target: Target }, at: number, k: number): boolean {
  if (goal.target.whole) return at <= goal.value - 1 + EPS || at >= goal.value + 1 - EPS;
  if (goal.value > 0) return at <= EPS || at >= k - EPS;
  return at >= -EPS || at <= -k + EPS;
}

/** The goals of one LP a reader pins (null when out of work). */
function auditGoals(
  lp: ComponentLp,
  goals: { target: Target; value: number; objective: [number, number][]; constant: number }[],
  k: number,
  pool: Float64Array[],
  truth: Float64Array,
): number[] | null {
  let open = goals;
  // Solutions as every count's value (the true one for those this LP does not read).
  const valueAt = (g: (typeof goals)[number], x: Float64Array) =>
    g.constant + g.objective.reduce((s, [c, a]) => s + a * x[c]!, 0);
  const sweep = (x: Float64Array) => {
    open = open.filter((g) => !freeAt(g, valueAt(g, x), k));
  };
  for (const x of pool) sweep(x);
  const full = (x: Float64Array) => {
    const out = Float64Array.from(truth);
    lp.each((cell, j) => (out[cell] = x[j]!));
    pool.push(out);
    return out;
  };
  // Many at once: solutions with the guarded counts as small, then as large, as they go show most
  // of them free (one at 0, another at k or more), and leave few to solve one by one.
  for (const sense of ["min", "max"] as const) {
    if (!open.length) break;
    const weights = new Map<number, number>();
    for (const g of open)
      for (const [c, a] of g.objective) weights.set(c, (weights.get(c) ?? 0) + a * (g.value < 0 ? -1 : 1));
    const solved = lp.solve([...weights], sense);
    if (solved === "timeout") return null;
    if (solved.x) sweep(full(solved.x));
  }
  const out: number[] = [];
  for (const g of [...open]) {
    if (!open.includes(g)) continue; // freed by an earlier goal's solution
    const bound = (sense: "min" | "max") => {
      const solved = lp.solve(g.objective, sense);
      if (solved === "timeout") return null;
      if (solved.x) sweep(full(solved.x));
      // Unsolved (the solver gave up, which should not happen: the true counts are a solution): the
      // true value, the worst case.
      if (solved.objective === undefined) return g.value;
      const v = g.constant + solved.objective;
      return sense === "min" ? Math.ceil(v - EPS) : Math.floor(v + EPS);
    };
    const lo = bound("min");
    if (lo === null) return null;
    if (!open.includes(g)) continue;
    const hi = bound("max");
    if (hi === null) return null;
    const pinned = g.target.whole
      ? lo >= g.value && hi <= g.value
      : g.value > 0
        ? lo >= 1 && hi <= k - 1
        : lo >= -(k - 1) && hi <= -1;
    if (pinned) out.push(g.target.cell);
    open = open.filter((x) => x !== g);
  }
  return out;
}

/** One linear program over a set of unknowns (each 0 or more), solved again and again for other objectives. */
class ComponentLp {
  private readonly columns = new Map<number, number>();
  private model: Model | undefined;

  constructor(
    rows: Row[],
    private readonly work: Work,
  ) {
    for (const r of rows) for (const [c] of r.terms) if (!this.columns.has(c)) this.columns.set(c, this.columns.size);
    this.rows = rows;
  }

  private readonly rows: Row[];

  get size(): number {
    return this.columns.size;
  }

  /** Every unknown with its column. */
  each(visit: (cell: number, column: number) => void): void {
    for (const [cell, j] of this.columns) visit(cell, j);
  }

  private build(): Model {
    const n = this.columns.size;
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const bounds: number[] = [];
    for (const r of this.rows) {
      for (const [c, a] of r.terms) {
        indices.push(this.columns.get(c)!);
        values.push(a);
      }
      starts.push(indices.length);
      bounds.push(r.rhs);
    }
    const model = highs.createModel({
      numCols: n,
      numRows: bounds.length,
      colCost: new Array<number>(n).fill(0),
      colLower: new Array<number>(n).fill(0),
      colUpper: new Array<number>(n).fill(highs.infinity),
      rowLower: bounds,
      rowUpper: bounds,
      matrix: { format: "csr", numRows: bounds.length, numCols: n, starts, indices, values },
    });
    // No presolve: every solve after the first starts from the last basis, which presolve would throw away.
    model.options.set({ output_flag: false, presolve: "off" });
    return model;
  }

  /** The least or greatest Σ a·x (undefined objective when unbounded or unsolved), and the solution found. */
  solve(
    objective: [number, number][],
    sense: "min" | "max",
  ): { objective?: number; x?: Float64Array; unbounded?: boolean } | "timeout" {
    const left = this.work.left;
    if (left <= 0) return "timeout";
    this.model ??= this.build();
    const m = this.model;
    const n = this.columns.size;
    const cost = new Array<number>(n).fill(0);
    for (const [c, a] of objective) {
      const j = this.columns.get(c);
      if (j !== undefined) cost[j] = (cost[j] ?? 0) + a;
    }
    m.changeColsCost({ kind: "range", from: 0, to: n - 1 }, cost);
    m.changeObjectiveSense(
      sense === "min" ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize,
    );
    // An iteration limit, not a time limit: the same solve stops at the same point on any machine.
    m.options.set({ simplex_iteration_limit: Math.min(left, 2 ** 31 - 1) });
    m.run();
    this.work.spend(1 + Number(m.info.get("simplex_iteration_count")));
    const status = m.getModelStatus();
    const s = highs.constants.modelStatus;
    if (status === s.iterationLimit || status === s.timeLimit) return "timeout";
    if (status === s.unbounded || status === s.unboundedOrInfeasible)
      return { objective: sense === "max" ? Infinity : -Infinity, unbounded: true };
    if (status !== s.optimal) return {};
    const x = Float64Array.from(m.getSolution().colValue);
    return { objective: m.getObjectiveValue(), x };
  }

  dispose(): void {
    this.model?.dispose();
    this.model = undefined;
  }
}
