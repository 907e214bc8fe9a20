// The last word on a protection: a reader who solves linear programs. Every withheld or never-shown
// count is an unknown (0 or more; a change since an earlier publication may be negative); every
// equation of the book, with the shown counts put in, is a constraint; and for each unknown that
// describes 1..k-1 people (or a whole group giving one answer), the least and the greatest value it
// can take are solved for (simplex, javascript-lp-solver: well under a millisecond for these small
// problems, where HiGHS's WebAssembly build costs 12–180 ms a call and branch and bound ran away on
// signed changes). The relaxation's optimum, rounded inwards, bounds the whole-number one from
// outside, so a cell pinned here is pinned for an integer-programming reader too; the converse (a gap
// between the two) is left to the independent attacker of `npm run test:disclosure`, which solves
// integer programs. It is disclosed when both bounds lie within 1..k-1 (or both equal the group).
// The engine's own rules (line rule, algebra, bounds) find most of what must be hidden, fast; this
// finds what they cannot: relations that follow only by combining several equations with every
// count's being 0 or more (issue 21's "or" condition, say).
import solver from "javascript-lp-solver";
import type { System } from "./engine";

/** What the audit is told of one cell it must guard. */
interface Target {
  cell: number;
  /** The group's size, when the cell equals it (a whole group giving one answer). */
  whole?: boolean;
}

/**
 * The guarded cells a reader can pin (null when the deadline passed first): unknowns whose least and greatest possible values both lie in
 * 1..k-1 (or, for a whole group's answer, are both the group).
 */
export function disclosedCells(
  system: System,
  isHidden: (c: number) => boolean,
  targets: Target[],
  k: number,
  deadline = Infinity,
): number[] | null {
  const { cells, equations } = system;
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
  type Row = { terms: [number, number][]; rhs: number };
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
  // The simplex has no time limit of its own: a system too large to solve quickly is not audited but
  // withheld by the caller (null), which is safe.
  const sizes = new Map<number, number>();
  for (const c of parent.keys()) sizes.set(find(c), (sizes.get(find(c)) ?? 0) + 1);
  if ([...sizes.values()].some((n) => n > MAX_UNKNOWNS)) return null;
  /** The rows a linear expression of unknowns is solved over: those of every component it touches. */
  const rowsFor = (terms: [number, number][]) => {
    const roots = new Set(terms.filter(([c]) => parent.has(c)).map(([c]) => find(c)));
    return [...roots].flatMap((r) => byComponent.get(r) ?? []);
  };
  // Many at once: one solution with the sum of the guarded counts as small as it goes shows every
  // one of them that can be 0 (so is not pinned within 1..k-1), and leaves few to solve one by one.
  const certified = new Set<number>();
  const plain = wanted.filter(
    (t) => !t.whole && !cells[t.cell]!.signed && cells[t.cell]!.value > 0 && parent.has(t.cell),
  );
  const byRoot = new Map<number, number[]>();
  for (const t of plain) byRoot.set(find(t.cell), [...(byRoot.get(find(t.cell)) ?? []), t.cell]);
  for (const [root, list] of byRoot) {
    let remaining = list;
    for (let pass = 0; pass < 6 && remaining.length > 1; pass++) {
      if (performance.now() > deadline) return null;
      const zero = zeroable(byComponent.get(root) ?? [], remaining);
      if (!zero.size) break;
      for (const c of zero) certified.add(c);
      remaining = remaining.filter((c) => !zero.has(c));
    }
  }
  const out: number[] = [];
  for (const target of wanted) {
    if (certified.has(target.cell)) continue;
    if (performance.now() > deadline) return null; // out of time: the caller withholds the system
    const value = cells[target.cell]!.value;
    // What is optimised: the cell itself, or for a change, the expression that defines it.
    let objective: [number, number][] = [[target.cell, 1]];
    let constant = 0;
    if (cells[target.cell]!.signed) {
      const def = definition.get(target.cell);
      if (!def) continue; // a change tied by no equation: nothing bounds it
      const a = def.terms.find(([c]) => c === target.cell)![1];
      // a·Δ + Σ others = rhs  ⇒  Δ = (rhs − Σ others) / a
      objective = def.terms.filter(([c]) => c !== target.cell).map(([c, b]) => [c, -b / a]);
      constant = def.rhs / a;
    } else if (!parent.has(target.cell)) continue; // in no equation: a reader knows nothing of it
    const over = rowsFor(objective);
    const bound = (sense: "Minimize" | "Maximize") => constant + solve(over, objective, sense, value - constant);
    const lo = bound("Minimize");
    if (target.whole) {
      if (lo >= value && bound("Maximize") <= value) out.push(target.cell);
      continue;
    }
    if (value > 0) {
      if (lo >= 1 && bound("Maximize") <= k - 1) out.push(target.cell);
    } else if (value < 0) {
      if (lo >= -(k - 1) && bound("Maximize") <= -1) out.push(target.cell);
    }
  }
  return out;
}

const name = (c: number) => `x${c}`;

/** The cells of `list` that are 0 in a solution minimising their sum (each can be 0: not pinned above it). */
function zeroable(rows: { terms: [number, number][]; rhs: number }[], list: number[]): Set<number> {
  const variables: Record<string, Record<string, number>> = {};
  const constraints: Record<string, { equal?: number }> = {};
  rows.forEach((r, i) => {
    constraints[`c${i}`] = { equal: r.rhs };
    for (const [c, a] of r.terms) (variables[name(c)] ??= {})[`c${i}`] = a;
  });
  for (const c of list) (variables[name(c)] ??= {}).objective = 1;
  const result = solver.Solve({
    optimize: "objective",
    opType: "min",
    constraints,
    variables,
    options: { timeout: 1000 },
  });
  if (!result.feasible) return new Set();
  return new Set(list.filter((c) => Math.abs(Number(result[name(c)] ?? 0)) < 1e-9));
}
/** The most unknowns one linear program may have (the demo's largest has 216). */
const MAX_UNKNOWNS = 600;

/**
 * The least or greatest value of a linear expression of unknowns (each 0 or more) under the rows,
 * rounded inwards to a whole number (±Infinity when unbounded; `unsolved` when the solver gives up,
 * which the caller's true value makes the worst case).
 */
function solve(
  rows: { terms: [number, number][]; rhs: number }[],
  objective: [number, number][],
  sense: "Minimize" | "Maximize",
  unsolved: number,
): number {
  const variables: Record<string, Record<string, number>> = {};
  const constraints: Record<string, { equal?: number }> = {};
  rows.forEach((r, i) => {
    constraints[`c${i}`] = { equal: r.rhs };
    for (const [c, a] of r.terms) (variables[name(c)] ??= {})[`c${i}`] = a;
  });
  for (const [c, a] of objective) (variables[name(c)] ??= {}).objective = a;
  const result = solver.Solve({
    optimize: "objective",
    opType: sense === "Minimize" ? "min" : "max",
    constraints,
    variables,
    options: { timeout: 1000 },
  });
  if (!result.feasible) return unsolved;
  if (result.bounded === false || !Number.isFinite(result.result)) return sense === "Maximize" ? Infinity : -Infinity;
  // The relaxation's optimum bounds the whole-number one from outside: round inwards.
  return sense === "Minimize" ? Math.ceil(result.result - 1e-6) : Math.floor(result.result + 1e-6);
}
