// Trends across the waves of a series (issue 28), from published figures only: each earlier wave's
// own publication gives its figures, a figure withheld in either wave is a dash, and a change is
// marked where it is larger than chance would explain. Pure: plain snapshots in, plain trends out.
import type { FigureCell, QuestionFigures, ResultFigures, TableFigures } from "./figure-types";
import { Z_95 } from "~/lib/format";
import { OTHER } from "./groups";

/** One wave of a series as its trends describe it. */
export interface TrendWave {
  slug: string;
  title: string;
  opensAt: string;
  closesAt: string | null;
  publishedAt: string;
  respondents: number | null;
  /** Whom the wave was sent to ({} = the whole panel): trends join waves whose segments match, else the page says how they differ. */
  segment: Record<string, unknown>;
}

/** One table (whole wave, or one group) across the waves of a question's line, oldest first. */
export interface TrendTable {
  /** Per wave of the line: the base and, per option of this wave (its order), the published count and percent. */
  points: { base: number | null; cells: FigureCell[] }[];
  /** Per option: the change in percentage points from the wave before to this one (null when either is withheld), and its mark. */
  change: { pp: number | null; mark: "up" | "down" | null }[];
}

/** Change among the same people: panelists who answered both of two consecutive waves (only shown cells). */
export interface SamePeople {
  from: string;
  to: string;
  kind: "single" | "rating";
  /** How many answered the question in both waves (null: withheld). */
  answeredBoth: number | null;
  /** Single choice: every from → to pair (count null: withheld). */
  entries: { from: string; to: string; count: number | null }[];
  /** The both group's answers in the earlier wave and in this one (the table's row and column sums). */
  before: { value: string; count: number | null }[];
  after: { value: string; count: number | null }[];
  /** Scales: kept the same point, moved up, moved down. */
  moves?: { stayed: number | null; up: number | null; down: number | null };
}

export interface QuestionTrend {
  name: string;
  /** The waves of the line, oldest first (this wave last). */
  waves: string[];
  /** An earlier wave whose answer values differ: the line starts after it (the page says so). */
  brokenAt: string | null;
  /** Waves of the line whose wording of the question differs from this wave's (a footnote). */
  reworded: { wave: string; title: string }[];
  items: {
    row: string | null;
    whole: TrendTable;
    /** Per breakdown, the groups shown on their own in this wave, with the same group of earlier waves. */
    groups: Record<string, { id: string; table: TrendTable }[]>;
  }[];
  /** How the change was tested: "overlap" (the same-people table was shown) or "independent". */
  test: "overlap" | "independent";
  same: SamePeople | null;
}

/** What a series wave's publication adds to its snapshot. */
export interface SeriesTrends {
  slug: string;
  name: string;
  /** The waves compared, oldest first, this one last. */
  waves: TrendWave[];
  /** Whether the waves' segments differ (the page says how). */
  segmentsDiffer: boolean;
  questions: QuestionTrend[];
}

/** The kinds a trend follows (a ranking's and a text's have no share to follow). */
const TRENDED = new Set(["single", "multi", "rating", "matrix"]);

/** Whether two waves ask the same question: same name (given), kind, answer values and rows. */
function sameAnswers(a: QuestionFigures, b: QuestionFigures): boolean {
  if (a.kind !== b.kind) return false;
  const values = (q: QuestionFigures) =>
    q.options
      .map((o) => o.value)
      .sort()
      .join("\u0000");
  const rows = (q: QuestionFigures) =>
    q.items
      .map((it) => it.row?.value ?? "")
      .sort()
      .join("\u0000");
  return values(a) === values(b) && rows(a) === rows(b);
}

/**
 * A z-test of p2 − p1 for two samples that may share respondents: the variance of the difference is
 * the two variances less twice their covariance, estimated from the people who answered both (n12 of
 * them, x12 of whom gave the answer both times). With no overlap it is the unpooled two-proportion test.
 * No verdict when a side has fewer than five expected answers either way.
 */
export function overlapZ(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  overlap: { n12: number; x12: number } | null = null,
): number | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  for (const [n, p] of [
    [n1, p1],
    [n2, p2],
  ] as const)
    if (n * p < 5 || n * (1 - p) < 5) return null;
  let variance = (p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2;
  if (overlap && overlap.n12 > 0) {
    const p12 = overlap.x12 / overlap.n12;
    variance -= (2 * overlap.n12 * (p12 - p1 * p2)) / (n1 * n2);
  }
  if (!(variance > 0)) return null;
  return (p2 - p1) / Math.sqrt(variance);
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function trendTable(
  points: { base: number | null; cells: FigureCell[] }[],
  overlapOf: (option: number) => { n12: number; x12: number } | null,
): TrendTable {
  const last = points[points.length - 1]!;
  const before = points[points.length - 2];
  const change = last.cells.map((cell, i) => {
    const prev = before?.cells[i];
    if (!prev || cell.percent === null || prev.percent === null) return { pp: null, mark: null };
    const pp = round1(cell.percent - prev.percent);
    let mark: "up" | "down" | null = null;
    if (cell.count !== null && prev.count !== null && last.base && before.base) {
      const z = overlapZ(prev.count, before.base, cell.count, last.base, overlapOf(i));
      if (z !== null && Math.abs(z) >= Z_95) mark = z > 0 ? "up" : "down";
    }
    return { pp, mark };
  });
  return { points, change };
}

/** A table's figures in the option order of this wave's question (an option the earlier wave lacks: withheld). */
function inOrder(
  q: QuestionFigures,
  t: TableFigures | undefined,
  order: string[],
): { base: number | null; cells: FigureCell[] } {
  if (!t) return { base: null, cells: order.map(() => ({ count: null, percent: null })) };
  return {
    base: t.base,
    cells: order.map((v) => {
      const i = q.options.findIndex((o) => o.value === v);
      return i >= 0 ? (t.cells[i] ?? { count: null, percent: null }) : { count: null, percent: null };
    }),
  };
}

/** A group's table in a wave: only a group shown on its own (never "other … together", whose members differ). */
function groupTable(figures: ResultFigures, q: QuestionFigures, row: number, family: string, id: string) {
  const breakdown = figures.breakdowns.find((b) => b.family === family);
  const index = breakdown?.groups.findIndex((g) => g.id === id && !g.other) ?? -1;
  if (index < 0) return undefined;
  return q.items[row]?.groups[family]?.[index];
}

/**
 * The trends of this wave's figures against the earlier published waves of its series (oldest first):
 * per question this wave publishes, the waves that ask it with the same answers (a change of answer
 * values breaks the line), the figures of each, the change since the wave before, and its mark.
 * `same` gives the change among the same people per question (from the disclosure engine), used by
 * the test where it is shown.
 */
export function seriesTrends(input: {
  series: { slug: string; name: string };
  earlier: { wave: TrendWave; figures: ResultFigures }[];
  current: { wave: TrendWave; figures: ResultFigures };
  same: Record<string, SamePeople>;
}): SeriesTrends {
  const all = [...input.earlier, input.current];
  const questions: QuestionTrend[] = [];
  const now = input.current.figures;
  for (const q of now.questions) {
    if (!TRENDED.has(q.kind) || q.identifying) continue;
    // Walk back while the earlier waves ask the same question with the same answers.
    const line: { wave: TrendWave; figures: ResultFigures; q: QuestionFigures }[] = [];
    let brokenAt: string | null = null;
    for (const e of [...input.earlier].reverse()) {
      const theirs = e.figures.questions.find((x) => x.name === q.name);
      if (!theirs) continue;
      if (!sameAnswers(theirs, q)) {
        brokenAt = e.wave.slug;
        break;
      }
      line.unshift({ ...e, q: theirs });
    }
    if (!line.length && !brokenAt) continue;
    line.push({ ...input.current, q });
    const order = q.options.map((o) => o.value);
    const same = input.same[q.name] ?? null;
    const prevSlug = line.length > 1 ? line[line.length - 2]!.wave.slug : null;
    const sameShown = same && same.from === prevSlug && same.answeredBoth !== null ? same : null;
    // The overlap of an answer: how many of those who answered both gave it both times (shown cells only).
    const overlapOf = (i: number) => {
      if (!sameShown || sameShown.answeredBoth === null) return null;
      const v = order[i]!;
      if (sameShown.kind === "single") {
        const cell = sameShown.entries.find((e) => e.from === v && e.to === v);
        return cell && cell.count !== null ? { n12: sameShown.answeredBoth, x12: cell.count } : null;
      }
      return null;
    };
    const usesOverlap = Boolean(sameShown && sameShown.kind === "single");
    const items = q.items.map((item, r) => {
      const whole = trendTable(
        line.map((l) => inOrder(l.q, l.q.items[r]?.whole, order)),
        overlapOf,
      );
      const groups: QuestionTrend["items"][number]["groups"] = {};
      for (const b of now.breakdowns) {
        for (const g of b.groups) {
          if (g.id === OTHER || g.other) continue;
          const points = line.map((l) => inOrder(l.q, groupTable(l.figures, l.q, r, b.family, g.id), order));
          if (points.slice(0, -1).every((p) => p.base === null)) continue;
          (groups[b.family] ??= []).push({ id: g.id, table: trendTable(points, () => null) });
        }
      }
      return { row: item.row?.value ?? null, whole, groups };
    });
    questions.push({
      name: q.name,
      waves: line.map((l) => l.wave.slug),
      brokenAt,
      reworded: line
        .slice(0, -1)
        .filter((l) => l.q.title !== q.title)
        .map((l) => ({ wave: l.wave.slug, title: l.q.title })),
      items,
      test: usesOverlap ? "overlap" : "independent",
      same: sameShown,
    });
  }
  const segments = all.map((w) => JSON.stringify(normalSegment(w.wave.segment)));
  return {
    slug: input.series.slug,
    name: input.series.name,
    waves: all.map((w) => w.wave),
    segmentsDiffer: new Set(segments).size > 1,
    questions,
  };
}

/** A segment with its empty filters left out and lists sorted, so equal segments compare equal. */
export function normalSegment(segment: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(segment).sort()) {
    const v = segment[key];
    if (Array.isArray(v)) {
      if (v.length) out[key] = [...v].map(String).sort();
    } else if (v && typeof v === "object") {
      const inner = normalSegment(v as Record<string, unknown>);
      if (Object.keys(inner).length) out[key] = inner;
    } else if (v !== undefined && v !== null && v !== "") out[key] = v;
  }
  return out;
}
