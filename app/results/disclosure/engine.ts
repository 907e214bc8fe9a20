// Cell suppression over linked tables. The published figures of a wave are cells (counts of sets
// of respondents) tied by equations a reader knows: a table's categories add up to its base, a
// column of groups adds up to the whole wave, a delta between two publications adds up like the
// figures do. The engine decides which cells to hide so that no hidden cell that describes fewer
// than k people — or every member of a group giving the same answer — can be worked out, by any
// linear combination of what is shown (decision 007).
import { disclosedCells } from "./audit";
import { determinedUnknowns } from "./linear";
import { safeCount } from "./safe-count";
import { SYSTEM_WORK, Work } from "./work";

/** A count the engine may show or hide. */
export interface Cell {
  /** Respondents counted, and how many of them are verified (answered through a personal invitation). */
  value: number;
  verified: number;
  /**
   * false: never shown on its own (a "did not choose" or "no answer" count, a change since an
   * earlier publication, a count an earlier publication hid): it is only ever worked out, if at all.
   */
  showable: boolean;
  /** Shown no matter what (a fact the reader has anyway, such as a group's size). */
  fixed?: boolean;
  /** May be below 0 (a change since an earlier publication): a reader cannot bound it by 0. */
  signed?: boolean;
}

/** Σ plus − Σ minus = 0, known to the reader. */
export interface Equation {
  plus: number[];
  minus: number[];
}

/** A total and the parts it splits into by answer: a part equal to the total is a group disclosure. */
export interface Partition {
  total: number;
  parts: number[];
  /** The parts checked for it (all when absent): a multiple choice's "did not choose" is not an answer. */
  checked?: number[];
}

export interface System {
  cells: Cell[];
  equations: Equation[];
  /** Answer partitions, checked for group disclosure (columns and profile mixes are not). */
  partitions: Partition[];
}

export interface Protection {
  /** Cells hidden from readers (showable ones only; unshowable cells are never shown). */
  hidden: Set<number>;
  /** Hidden or unshowable cells a reader can still work out exactly (all of them safe). */
  derivable: Set<number>;
}

export { safeCount };

/** The cells whose being known would disclose: 1..k-1 people, or a whole group giving one answer. */
function disclosiveParts(system: System): Set<number> {
  return new Set(wholeGroupAnswers(system).map((x) => x.part));
}

/** Each part of an answer partition that is its whole group (all, or all verified), with that group's total. */
function wholeGroupAnswers(system: System): { part: number; total: number }[] {
  const out: { part: number; total: number }[] = [];
  for (const p of system.partitions) {
    const t = system.cells[p.total] as Cell;
    for (const part of p.checked ?? p.parts) {
      const c = system.cells[part] as Cell;
      const all = t.value > 0 && c.value === t.value;
      const verified = t.verified > 0 && c.verified === t.verified;
      if ((all || verified) && p.parts.length > 1) out.push({ part, total: p.total });
    }
  }
  return out;
}

/**
 * Systems up to this many cells get the full rules (which also keep sums of withheld figures in a line safe)
 * after the audit's rounds; larger ones keep what the audit passed. 4,000 until round 4: a question after a
 * complete trigger adds its atoms to the system, the attacker's trigger probe grew wave 1 and wave 4 past it,
 * and 10 sums withheld together (and 2 region-less-countries) came out; with the full rules, none of them.
 */
const FULL_RULES_CELLS = 12_000;

/**
 * Protects a system: the rules below hide what they find must be hidden, then an integer-programming
 * reader (./audit.ts) tries every unknown; what it pins gets a neighbour hidden and the rules run
 * again, until it pins nothing. Should that not come (a cap of rounds, or of time), every showable cell that is
 * not a fact the reader has anyway is hidden: a table withheld, never a count given away.
 */
export function protect(
  system: System,
  k: number,
  primaryOnly = false,
  publication: Work = new Work(Infinity),
  farther = false,
): Protection {
  if (primaryOnly) return protectByRules(system, k, true, new Set());
  const inherent = new Set<number>();
  let targets: { cell: number; whole?: boolean; total?: number }[] = [
    ...wholeGroupAnswers(system).map(({ part, total }) => ({ cell: part, whole: true, total })),
    ...system.cells.flatMap((cell, c) => (!safeCount(cell.value, cell.verified, k) ? [{ cell: c }] : [])),
  ];
  const seed = new Set<number>();
  const hideable = (c: number, isHidden: (c: number) => boolean) =>
    !isHidden(c) && !seed.has(c) && Boolean(system.cells[c]?.showable) && !system.cells[c]?.fixed;
  // Rounds with the line rule alone and the audit (fast), then the full rules once (they also keep
  // sums of withheld figures in a line safe once what a reader works out is taken away), audited again.
  let full = false;
  const work = new Work(SYSTEM_WORK, publication);
  // The audit's solutions, kept from round to round (most targets are shown free by one of them).
  const pool: Float64Array[] = [];
  let equationsOf: Map<number, Equation[]> | undefined;
  /**
   * A pinned cell's nearest shown count beyond its own equations and theirs: outward through the
   * unknowns it is tied to (a reader's bounds travel only through them), the smallest of the first ring
   * that has one (issue 21, round 4: "answered both" of a question less everyone who answered both was
   * bounded by another question's "answered both" three equations away, and taken as pinned by the
   * wave's size alone). "later" when every such count is already picked this round (the next audit
   * says whether that was enough); undefined when no shown count is tied to it at all.
   */
  const beyond = (
    c: number,
    isHidden: (c: number) => boolean,
    smallest: (list: number[]) => number | undefined,
  ): number | "later" | undefined => {
    if (!equationsOf) {
      equationsOf = new Map();
      for (const eq of system.equations)
        for (const t of [...eq.plus, ...eq.minus]) {
          const list = equationsOf.get(t);
          if (list) list.push(eq);
          else equationsOf.set(t, [eq]);
        }
    }
    const seen = new Set<number>([c]);
    const crossed = new Set<Equation>();
    let picked = false;
    for (let frontier = [c]; frontier.length;) {
      const next: number[] = [];
      const shown: number[] = [];
      for (const x of frontier)
        for (const eq of equationsOf.get(x) ?? []) {
          if (crossed.has(eq)) continue;
          crossed.add(eq);
          for (const t of [...eq.plus, ...eq.minus]) {
            if (seen.has(t)) continue;
            seen.add(t);
            if (!isHidden(t) && seed.has(t)) picked = true;
            (isHidden(t) || seed.has(t) ? next : shown).push(t);
          }
        }
      const pick = smallest(shown);
      if (pick !== undefined) return pick;
      frontier = next;
    }
    return picked ? "later" : undefined;
  };
  // The targets a reader pins with every count but the facts shown anyway (group sizes, counts known to be
  // 0) withheld: hiding cannot help them. Worked out once, when a pinned cell has nothing near it to hide.
  // Out of work, every such cell is taken as pinned anyway (as before round 4).
  let anyway: Set<number> | null | undefined;
  const pinnedAnyway = (c: number) => {
    if (anyway === undefined) {
      const pinned = disclosedCells(system, (x) => !system.cells[x]!.fixed, targets, k, work);
      anyway = pinned && new Set(pinned);
    }
    return anyway === null || anyway.has(c);
  };
  for (let round = 0; round < 60 && !work.exhausted; round++) {
    const result = protectByRules(system, k, false, seed, !full);
    const isHidden = (c: number) => !system.cells[c]!.showable || result.hidden.has(c);
    const disclosed = disclosedCells(system, isHidden, targets, k, work, pool);
    if (disclosed === null) break;
    // No work left (or too large a system) for the full pass: what the audit passed stands.
    if (!disclosed.length && !full && (work.exhausted || system.cells.length > FULL_RULES_CELLS))
      return revealKnown(system, result.hidden, k);
    if (!disclosed.length && !full) {
      full = true;
      for (const c of result.hidden) if (system.cells[c]!.showable) seed.add(c);
      continue;
    }
    if (!disclosed.length) return revealKnown(system, result.hidden, k);
    let added = false;
    for (const c of disclosed) {
      const touching = system.equations.filter((eq) => eq.plus.includes(c) || eq.minus.includes(c));
      const ring = touching.flatMap((eq) => [...eq.plus, ...eq.minus]);
      const around = system.equations
        .filter((eq) => [...eq.plus, ...eq.minus].some((t) => ring.includes(t)))
        .flatMap((eq) => [...eq.plus, ...eq.minus]);
      const smallest = (list: number[]) =>
        list.filter((x) => hideable(x, isHidden)).sort((a, b) => system.cells[a]!.value - system.cells[b]!.value)[0];
      const pick =
        smallest(ring) ?? smallest(around) ?? (farther && !pinnedAnyway(c) ? beyond(c, isHidden, smallest) : undefined);
      if (pick === "later") {
        added = true;
      } else if (pick !== undefined) {
        seed.add(pick);
        added = true;
      } else {
        // Nothing near it left to hide (`farther`: nothing shown tied to it through what a reader does not
        // know, or pinned with everything withheld): pinned by what a reader has anyway (group sizes, counts
        // known to be 0), which hiding cannot change; recorded as such rather than withholding the whole system.
        inherent.add(c);
        added = true;
      }
    }
    targets = targets.filter((t) => !inherent.has(t.cell));
    if (!added) break;
  }
  // Withheld whole, but for what a reader works out from the facts shown anyway (group sizes, counts
  // known to be 0): hiding those protects nobody.
  return revealKnown(system, new Set(system.cells.flatMap((cell, c) => (cell.showable && !cell.fixed ? [c] : []))), k);
}

/**
 * A protection with every hidden count a reader works out exactly anyway (by algebra, or by bounds
 * since no count is below 0) shown, when it is safe to read: showing it changes nothing a reader can
 * prove (the same solutions remain), so the audit's verdict stands. Such counts stay in `derivable`
 * (later publications treat them as known).
 */
function revealKnown(system: System, hidden: Set<number>, k: number): Protection {
  const isHidden = (c: number) => !system.cells[c]!.showable || hidden.has(c);
  const derivable = derivableCells(system, isHidden);
  for (const c of boundedCells(system, isHidden).keys()) derivable.add(c);
  const disclosive = disclosiveParts(system);
  const shown = new Set(
    [...hidden].filter((c) => {
      const cell = system.cells[c]!;
      return !(derivable.has(c) && cell.showable && safeCount(cell.value, cell.verified, k) && !disclosive.has(c));
    }),
  );
  return { hidden: shown, derivable };
}

function protectByRules(system: System, k: number, primaryOnly: boolean, seed: Set<number>, quick = false): Protection {
  const { cells, equations } = system;
  const hidden = new Set<number>(seed);
  const isHidden = (c: number) => !cells[c]?.showable || hidden.has(c);
  const hideable = (c: number) => !hidden.has(c) && Boolean(cells[c]?.showable) && !cells[c]?.fixed;

  // A cell is sensitive when knowing it would describe 1..k-1 people or a whole group's answer.
  const disclosive = disclosiveParts(system);
  const sensitive = (c: number) => !safeCount(cells[c]!.value, cells[c]!.verified, k) || disclosive.has(c);

  for (let c = 0; c < cells.length; c++) if (cells[c]!.showable && !cells[c]!.fixed && sensitive(c)) hidden.add(c);
  if (primaryOnly) return { hidden, derivable: new Set() };

  // Hidden cells a reader can still work out (by linear algebra, or by bounds since no count is
  // below 0): the line rule counts them as shown, so what a line hides apart from them stays safe.
  let workedOut = new Set<number>();
  const unknownToReader = (c: number) => isHidden(c) && !workedOut.has(c);

  /** Hides one more term of an equation, preferring a part over a total, and the smallest that makes the hidden sum safe. */
  const hideAnother = (eq: Equation): boolean => {
    const hiddenSum = (side: number[]): [number, number] =>
      side
        .filter(unknownToReader)
        .reduce<[number, number]>((s, c) => [s[0] + cells[c]!.value, s[1] + cells[c]!.verified], [0, 0]);
    // The side with more terms holds the parts; the other holds the total.
    const [parts, totals] = eq.plus.length >= eq.minus.length ? [eq.plus, eq.minus] : [eq.minus, eq.plus];
    const [sv, sw] = hiddenSum(parts);
    const candidates = parts.filter(hideable).sort((a, b) => cells[a]!.value - cells[b]!.value);
    const enough = candidates.find(
      (c) => safeCount(sv + cells[c]!.value, sw + cells[c]!.verified, k) && sv + cells[c]!.value > 0,
    );
    const pick = enough ?? candidates.at(-1) ?? totals.find(hideable);
    if (pick === undefined) return false;
    hidden.add(pick);
    return true;
  };

  /**
   * The line rule: in every equation, the hidden terms are none, or several whose sum is safe; and
   * so are those of them the reader cannot work out (what is left once the others are subtracted).
   */
  const lineViolation = (eq: Equation): boolean => violates(eq, isHidden) || violates(eq, unknownToReader);
  const violates = (eq: Equation, unknown: (c: number) => boolean): boolean => {
    const terms = [...eq.plus, ...eq.minus];
    const h = terms.filter(unknown);
    if (h.length === 0) return false;
    if (h.length === 1) return sensitive(h[0]!);
    const plus = eq.plus.filter(unknown);
    const minus = eq.minus.filter(unknown);
    if (plus.length > 0 && minus.length > 0) return false; // a relation among unknowns, not a count
    const side = plus.length > 0 ? plus : minus;
    const v = side.reduce((s, c) => s + cells[c]!.value, 0);
    const w = side.reduce((s, c) => s + cells[c]!.verified, 0);
    return !safeCount(v, w, k);
  };

  const lineRule = (): boolean => {
    let changed = false;
    for (const eq of equations) {
      while (lineViolation(eq)) {
        if (hideAnother(eq)) {
          changed = true;
          continue;
        }
        // Nothing left to hide here, but the reader works some hidden terms out: hide more in their
        // other equations so that one is unknown again (what is worked out is recomputed next round).
        const solved = [...eq.plus, ...eq.minus].filter((c) => isHidden(c) && workedOut.has(c));
        const others = equations.filter(
          (e) => e !== eq && solved.some((c) => e.plus.includes(c) || e.minus.includes(c)),
        );
        const nearest = others
          .flatMap((e) => [...e.plus, ...e.minus])
          .filter(hideable)
          .sort((a, b) => cells[a]!.value - cells[b]!.value)[0];
        if (nearest !== undefined) {
          hidden.add(nearest);
          changed = true;
        }
        break;
      }
    }
    return changed;
  };

  const withheld = (derivable: Set<number>) => revealWorkedOut(cells, hidden, derivable, sensitive);
  // Under the audit (see protect), the line rule alone: the audit finds what algebra and bounds would.
  if (quick) {
    for (let round = 0; round < 100 && lineRule(); round++);
    return { hidden, derivable: new Set() };
  }

  for (let round = 0; round < cells.length + 1; round++) {
    let changed = lineRule();
    // What the line rule misses (a cell worked out through several equations): exact algebra, and
    // the bounds every count's being 0 or more puts on the others.
    const derivable = derivableCells(system, isHidden);
    workedOut = new Set([...derivable, ...boundedCells(system, isHidden).keys()]);
    if (lineRule()) changed = true;
    for (const c of workedOut) {
      if (!sensitive(c)) continue;
      const touching = equations.filter((eq) => eq.plus.includes(c) || eq.minus.includes(c));
      touching.sort(
        (a, b) => [...a.plus, ...a.minus].filter(isHidden).length - [...b.plus, ...b.minus].filter(isHidden).length,
      );
      if (touching.some((eq) => hideAnother(eq))) {
        changed = true;
        break; // recompute what can be worked out
      }
      // No equation of its own can hide more: hide the smallest shown cell in its neighbourhood, the
      // equations it is in first, then theirs; anywhere only as a last resort (hiding far away costs
      // readers figures without protecting this one).
      const termsOf = (list: Equation[]) => list.flatMap((eq) => [...eq.plus, ...eq.minus]);
      const nextRing = new Set(termsOf(touching));
      const around = equations.filter((eq) => [...eq.plus, ...eq.minus].some((t) => nextRing.has(t)));
      const smallest = (list: number[]) => list.filter(hideable).sort((a, b) => cells[a]!.value - cells[b]!.value)[0];
      const near = smallest(termsOf(touching)) ?? smallest(termsOf(around)) ?? smallest(termsOf(equations));
      if (near !== undefined) {
        hidden.add(near);
        changed = true;
        break;
      }
    }
    if (!changed) return withheld(workedOut);
  }
  return withheld(derivableCells(system, isHidden));
}

/**
 * A hidden figure the reader works out anyway protects nobody and only makes the report read worse
 * ("withheld" beside a figure of 898 that is 488 + 410): once nothing sensitive can be worked out,
 * such figures are shown. They stay in `derivable` (with those pinned by bounds), so later
 * publications treat them as known.
 */
function revealWorkedOut(
  cells: Cell[],
  hidden: Set<number>,
  derivable: Set<number>,
  sensitive: (c: number) => boolean,
): Protection {
  const shown = new Set([...hidden].filter((c) => !(derivable.has(c) && cells[c]!.showable && !sensitive(c))));
  return { hidden: shown, derivable };
}

/**
 * The hidden (or unshowable) cells a reader pins to one value by bounds: a count is 0 or more, so
 * each equation bounds each of its unknowns by what the others can be, and bounds tighten each
 * other (how an integer-programming reader pins figures that linear algebra leaves open). A change
 * since an earlier publication may be below 0 and is bounded only by its equations.
 */
function boundedCells(system: System, isHidden: (c: number) => boolean): Map<number, number> {
  const lo = system.cells.map((cell, c) => (!isHidden(c) ? cell.value : cell.signed ? -Infinity : 0));
  const hi = system.cells.map((cell, c) => (isHidden(c) ? Infinity : cell.value));
  const involved = system.equations.filter((eq) => [...eq.plus, ...eq.minus].some(isHidden));
  const equationsOf = new Map<number, Equation[]>();
  for (const eq of involved)
    for (const c of [...eq.plus, ...eq.minus]) if (isHidden(c)) equationsOf.set(c, [...(equationsOf.get(c) ?? []), eq]);
  /** The sum of a side's bounds, and that sum without one term (infinite when another term is). */
  const summed = (side: readonly number[], of: number[], infinity: number) => {
    let finite = 0;
    let infinite = 0;
    for (const c of side) {
      if (Number.isFinite(of[c])) finite += of[c] as number;
      else infinite += 1;
    }
    return (without?: number) => {
      const own = without !== undefined && !Number.isFinite(of[without]);
      if (infinite - (own ? 1 : 0) > 0) return infinity;
      return finite - (without !== undefined && !own ? (of[without] as number) : 0);
    };
  };
  // Revisit an equation only when a bound of one of its terms tightened (a cap guards against slow creep).
  const queue = new Set(involved);
  let budget = 50 * involved.length;
  while (queue.size && budget-- > 0) {
    const eq = queue.values().next().value as Equation;
    queue.delete(eq);
    for (const [side, other] of [
      [eq.plus, eq.minus],
      [eq.minus, eq.plus],
    ] as const) {
      // Each term of `side` is what `other` adds up to, less the rest of `side`.
      const [otherLo, otherHi] = [summed(other, lo, -Infinity)(), summed(other, hi, Infinity)()];
      const [restLo, restHi] = [summed(side, lo, -Infinity), summed(side, hi, Infinity)];
      for (const t of side) {
        if (!isHidden(t)) continue;
        const rh = restHi(t);
        const rl = restLo(t);
        const newLo = otherLo === -Infinity || rh === Infinity ? -Infinity : otherLo - rh;
        const newHi = otherHi === Infinity || rl === -Infinity ? Infinity : otherHi - rl;
        let tightened = false;
        if (newLo > (lo[t] as number)) {
          lo[t] = newLo;
          tightened = true;
        }
        if (newHi < (hi[t] as number)) {
          hi[t] = newHi;
          tightened = true;
        }
        if (tightened) for (const e of equationsOf.get(t) ?? []) if (e !== eq) queue.add(e);
      }
    }
  }
  const out = new Map<number, number>();
  system.cells.forEach((_, c) => {
    if (isHidden(c) && lo[c] === hi[c]) out.set(c, lo[c] as number);
  });
  return out;
}

/** The hidden (or unshowable) cells whose value follows exactly from the shown ones. */
export function derivableCells(system: System, isHidden: (c: number) => boolean): Set<number> {
  const rows: [number, number][][] = [];
  for (const eq of system.equations) {
    const terms: [number, number][] = [];
    for (const c of eq.plus) if (isHidden(c)) terms.push([c, 1]);
    for (const c of eq.minus) if (isHidden(c)) terms.push([c, -1]);
    if (terms.length) rows.push(terms);
  }
  return determinedUnknowns(rows);
}
