// The counters a questionnaire version's results are made of, in a fixed order: one vector of numbers
// per group of respondents. Vectors of disjoint groups add up, which is what lets results be rolled up
// as responses arrive and any profile breakdown be read off the same cells.
import type { QuestionSpec } from "~/results/questions";
import { needsAtoms } from "./conditions";

export type Counter =
  /** Respondents who answered the question (or the matrix row). */
  | { kind: "base"; q: number; row: string | null }
  /** Respondents who chose this value (in this matrix row); for rankings, who ranked it first. */
  | { kind: "count"; q: number; row: string | null; value: string }
  /** Ratings: sum of numeric answers (value "mean"); rankings: sum of the positions given to an option. */
  | { kind: "sum"; q: number; value: string }
  /** How many answers the sum above adds. */
  | { kind: "sumN"; q: number; value: string }
  /** Rankings: respondents who put this option at this position (2 and below; first place is its "count"). */
  | { kind: "position"; q: number; value: string; position: number }
  /** A conditional question: respondents whose answers to what its condition reads fall in combination `value` (an index). */
  | { kind: "atom"; q: number; value: string };

/** The counters of a questionnaire's questions; counter 0 is always the number of respondents. */
export function counterLayout(specs: QuestionSpec[]): Counter[] {
  const out: Counter[] = [{ kind: "base", q: -1, row: null }];
  specs.forEach((spec, q) => {
    out.push({ kind: "base", q, row: null });
    const when = spec.shownWhen;
    if (when && "combos" in when && needsAtoms(when, specs))
      when.combos.forEach((_, i) => out.push({ kind: "atom", q, value: String(i) }));
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
          for (let p = 2; p <= spec.options.length; p++) out.push({ kind: "position", q, value: o.value, position: p });
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
  const text = JSON.stringify(
    counterLayout(specs).map((c) => [
      c.kind,
      specs[c.q]?.name ?? "",
      "row" in c ? c.row : null,
      "value" in c ? c.value : null,
      "position" in c ? c.position : null,
    ]),
  );
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

/** A cell of respondents: their profile values ('' when unknown), whether they are verified (a personal invitation), and their counters. */
export interface Cell {
  region: string;
  organisationType: string;
  roleCategory: string;
  verified: boolean;
  counters: number[];
}

export type ProfileDimension = "region" | "organisationType" | "roleCategory";
