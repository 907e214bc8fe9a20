// The counters a questionnaire version's results are made of, in a fixed order: one vector of numbers
// per group of respondents. Vectors of disjoint groups add up, which is what lets results be rolled up
// as responses arrive and any profile breakdown be read off the same cells.
import type { CountRow, RawQuestion } from "~/results/question-counts";
import type { QuestionSpec } from "~/results/questions";

export type Counter =
  /** Respondents who answered the question (or the matrix row). */
  | { kind: "base"; q: number; row: string | null }
  /** Respondents who chose this value (in this matrix row); for rankings, who ranked it first. */
  | { kind: "count"; q: number; row: string | null; value: string }
  /** Ratings: sum of numeric answers (value "mean"); rankings: sum of the positions given to an option. */
  | { kind: "sum"; q: number; value: string }
  /** How many answers the sum above adds. */
  | { kind: "sumN"; q: number; value: string };

/** Counter 0 is always the number of respondents. */
export const RESPONDENTS = 0;

export function counterLayout(specs: QuestionSpec[]): Counter[] {
  const out: Counter[] = [{ kind: "base", q: -1, row: null }];
  specs.forEach((spec, q) => {
    out.push({ kind: "base", q, row: null });
    switch (spec.kind) {
      case "single":
      case "multi":
        for (const o of spec.options) out.push({ kind: "count", q, row: null, value: o.value });
        break;
      case "rating":
        for (const o of spec.options) out.push({ kind: "count", q, row: null, value: o.value });
        out.push({ kind: "sum", q, value: "mean" }, { kind: "sumN", q, value: "mean" });
        break;
      case "matrix":
        for (const r of spec.rows) {
          out.push({ kind: "base", q, row: r.value });
          for (const o of spec.options) out.push({ kind: "count", q, row: r.value, value: o.value });
        }
        break;
      case "ranking":
        for (const o of spec.options) {
          out.push({ kind: "count", q, row: null, value: o.value });
          out.push({ kind: "sum", q, value: o.value }, { kind: "sumN", q, value: o.value });
        }
        break;
      case "text":
        break;
    }
  });
  return out;
}

/** A stable fingerprint of a layout: roll-ups made with another layout are recounted. */
export function layoutKey(specs: QuestionSpec[]): string {
  const text = JSON.stringify(counterLayout(specs).map((c) => [c.kind, specs[c.q]?.name ?? "", "row" in c ? c.row : null, "value" in c ? c.value : null]));
  let h = 0x811c9dc5; // FNV-1a, 32 bits, twice with different seeds
  let g = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    g = Math.imul(g ^ text.charCodeAt(i), 0x811c9dc5);
  }
  return `${text.length}:${(h >>> 0).toString(36)}${(g >>> 0).toString(36)}`;
}

export function addInto(target: number[], source: readonly number[]): number[] {
  for (let i = 0; i < source.length; i++) target[i] = (target[i] ?? 0) + (source[i] ?? 0);
  return target;
}

/** A cell of respondents: their profile values ('' when unknown) and their counters. */
export interface Cell {
  region: string;
  organisationType: string;
  roleCategory: string;
  counters: number[];
}

export type ProfileDimension = "region" | "organisationType" | "roleCategory";

/** Sums cells into one vector per value of a profile field ('Unknown' for ''), and the total. */
export function groupCells(cells: Cell[], dimension: ProfileDimension, size: number): { total: number[]; groups: Map<string, number[]> } {
  const total = new Array<number>(size).fill(0);
  const groups = new Map<string, number[]>();
  for (const cell of cells) {
    addInto(total, cell.counters);
    const key = cell[dimension] || "Unknown";
    const vector = groups.get(key) ?? new Array<number>(size).fill(0);
    groups.set(key, addInto(vector, cell.counters));
  }
  return { total, groups };
}

/** The per-question figures `shapeResults` reads, from the total and per-group vectors. */
export function toRawQuestions(specs: QuestionSpec[], layout: Counter[], total: number[], groups: Map<string, number[]>): RawQuestion[] {
  const raw: RawQuestion[] = specs.map((spec) => ({ spec, bases: [], counts: [], sums: [] }));
  const emit = (group: string | null, vector: number[]) => {
    const pending = new Map<string, number>(); // sum waiting for its sumN
    layout.forEach((c, i) => {
      const n = vector[i] ?? 0;
      const q = raw[c.q];
      if (!q) return;
      // A group that did not answer is not a group of this question (as in counting with GROUP BY).
      if (c.kind === "base") {
        if (n > 0 || group === null) q.bases.push({ group, row: c.row, n });
      } else if (c.kind === "count") {
        if (n > 0) q.counts.push({ group, row: c.row, value: c.value, n } satisfies CountRow);
      } else if (c.kind === "sum") {
        pending.set(`${c.q}\u0000${c.value}`, n);
      } else if (n > 0) {
        q.sums.push({ group, value: c.value, sum: pending.get(`${c.q}\u0000${c.value}`) ?? 0, n });
      }
    });
  };
  emit(null, total);
  for (const [group, vector] of groups) emit(group, vector);
  return raw;
}
