// A series wave's trends as one reader sees them (issue 28): per question, the earlier waves' figures
// beside this wave's, the change since the wave before (as the difference of the whole percentages
// shown, so the page's arithmetic holds), its mark, notes on wording, broken lines and segments, a
// small chart across three or more waves, and the change among the same people. Pure.
import { fill } from "~/lib/format";
import type { QuestionFigures } from "./figure-types";
import { normalSegment, type QuestionTrend, type SeriesTrends, type TrendTable, type TrendWave } from "./series";
import type { ViewContext } from "./report-view";
import { groupName } from "./report-view";

export interface TrendCellView {
  text: string;
  withheld: boolean;
}

export interface TrendView {
  heading: string;
  caption: string;
  columns: { label: string; n: string }[];
  changeHeading: string;
  rows: { label: string; cells: TrendCellView[]; change: TrendCellView & { mark: "up" | "down" | null } }[];
  legend: string;
  notes: string[];
  /** Three or more waves: each answer's percentage across them (null: withheld). */
  chart: { label: string; waves: string[]; lines: { label: string; points: (number | null)[] }[] } | null;
  /** The chosen breakdown's groups: each answer's change since the wave before, per group. */
  groups: {
    caption: string;
    columns: string[];
    rows: { label: string; cells: (TrendCellView & { mark: "up" | "down" | null })[] }[];
  } | null;
  same: SameView | null;
}

interface SameView {
  heading: string;
  intro: string;
  /** Single choice: answers then (rows) by answers now (columns), with row and column totals. */
  table: {
    caption: string;
    corner: string;
    columns: string[];
    rows: { label: string; cells: TrendCellView[] }[];
  } | null;
  /** Scales: kept, moved up, moved down. */
  moves: { label: string; value: TrendCellView }[];
}

/**
 * How each wave is named on the page: its month and year of fieldwork; where two waves share a month,
 * the day as well, and where they share a day, the wave's title before it (two waves both called
 * "Dec 2026" made "answered in both Dec 2026 and Dec 2026" and "Change since Dec 2026" say nothing true).
 */
export function waveLabels(language: string, waves: TrendWave[]): Map<string, string> {
  const format = (options: Intl.DateTimeFormatOptions) => {
    const f = new Intl.DateTimeFormat(language, { ...options, timeZone: "UTC" });
    return (w: TrendWave) => f.format(new Date(w.opensAt));
  };
  const day = format({ day: "numeric", month: "short", year: "numeric" });
  const ways: ((w: TrendWave) => string)[] = [
    format({ month: "short", year: "numeric" }),
    day,
    (w) => `${w.title} (${day(w)})`,
    (w) => `${w.title} (${day(w)}, ${w.slug})`,
  ];
  const out = new Map<string, string>();
  for (const w of waves) {
    for (const [i, way] of ways.entries()) {
      const label = way(w);
      if (i === ways.length - 1 || waves.filter((o) => way(o) === label).length === 1) {
        out.set(w.slug, label);
        break;
      }
    }
  }
  return out;
}

const rounded = (p: number | null) => (p === null ? null : Math.round(p));

function changeText(ctx: ViewContext, before: number | null, after: number | null) {
  const a = rounded(before);
  const b = rounded(after);
  if (a === null || b === null) return { text: "–", withheld: true };
  const d = b - a;
  const sign = d > 0 ? "+" : d < 0 ? "−" : "";
  return { text: ctx.format.plural(ctx.text.trendPoints, Math.abs(d), { sign }), withheld: false };
}

function cellText(ctx: ViewContext, percent: number | null): TrendCellView {
  return percent === null ? { text: "–", withheld: true } : { text: ctx.format.percent(percent), withheld: false };
}

/** The segment of a wave in the page's language ("the whole panel", or the regions, roles … it was sent to). */
function segmentText(ctx: ViewContext, segment: Record<string, unknown>): string {
  const list = (key: string) => (Array.isArray(segment[key]) ? (segment[key] as unknown[]).map(String) : []);
  const parts = [
    ...list("region").map((r) => groupName(ctx, "region", r)),
    ...list("country").map(
      (c) => new Intl.DisplayNames([ctx.format.language], { type: "region", fallback: "code" }).of(c) ?? c,
    ),
    ...list("organisationType").map((o) => groupName(ctx, "organisationType", o)),
    ...list("roleCategory").map((r) => groupName(ctx, "roleCategory", r)),
  ];
  const attributes = segment.attributes && typeof segment.attributes === "object" ? segment.attributes : {};
  for (const [k, v] of Object.entries(attributes as Record<string, unknown>))
    if (Array.isArray(v) && v.length) parts.push(`${k}: ${v.map(String).join(", ")}`);
  return parts.length ? ctx.format.list(parts) : ctx.text.trendWholePanel;
}

/** The rows a trend shows: a scale as asked, a list most chosen now first; answers nobody chose in any wave left out. */
function answerRows(ctx: ViewContext, q: QuestionFigures, t: TrendTable): number[] {
  const rows = q.options.map((_, i) => i).filter((i) => t.points.some((p) => (p.cells[i]?.count ?? 1) !== 0));
  const asked = ctx.presentation[q.name]?.order === "asked" || q.kind === "rating";
  if (asked) return rows;
  return rows.sort(
    (a, b) => (t.points.at(-1)!.cells[b]?.count ?? -1) - (t.points.at(-1)!.cells[a]?.count ?? -1) || a - b,
  );
}

/** The trend section of one question, or null when it has no earlier wave to compare with. */
export function trendView(ctx: ViewContext, series: SeriesTrends, q: QuestionFigures): TrendView | null {
  const trend: QuestionTrend | undefined = series.questions.find((t) => t.name === q.name);
  const { text, format } = ctx;
  if (!trend) return null;
  const byWave = new Map(series.waves.map((w) => [w.slug, w]));
  const labels = waveLabels(format.language, series.waves);
  const label = (slug: string) => labels.get(slug) ?? slug;
  const notes: string[] = [];
  if (trend.brokenAt) notes.push(fill(text.trendBroken, { wave: label(trend.brokenAt) }));
  for (const r of trend.reworded) notes.push(fill(text.trendReworded, { wave: label(r.wave), title: r.title }));
  const lineWaves = trend.waves.map((s) => byWave.get(s)).filter((w): w is TrendWave => Boolean(w));
  const segments = new Set(lineWaves.map((w) => JSON.stringify(normalSegment(w.segment ?? {}))));
  if (segments.size > 1)
    notes.push(
      fill(text.trendSegments, {
        list: format.list(lineWaves.map((w) => `${label(w.slug)}: ${segmentText(ctx, w.segment ?? {})}`)),
      }),
    );
  if (trend.waves.length < 2) {
    return {
      heading: text.trendHeading,
      caption: "",
      columns: [],
      changeHeading: "",
      rows: [],
      legend: "",
      notes,
      chart: null,
      groups: null,
      same: null,
    };
  }
  const item = trend.items[0]!;
  const whole = item.whole;
  const previous = label(trend.waves[trend.waves.length - 2]!);
  const order = answerRows(ctx, q, whole);
  const rows = order.map((i) => {
    const points = whole.points.map((p) => p.cells[i]?.percent ?? null);
    const change = changeText(ctx, points[points.length - 2] ?? null, points[points.length - 1] ?? null);
    return {
      label: q.options[i]!.label,
      cells: points.map((p) => cellText(ctx, p)),
      change: { ...change, mark: change.withheld ? null : (whole.change[i]?.mark ?? null) },
    };
  });
  const chart =
    trend.waves.length >= 3
      ? {
          label: text.trendChart,
          waves: trend.waves.map(label),
          lines: order.slice(0, 6).map((i) => ({
            label: q.options[i]!.label,
            points: whole.points.map((p) => p.cells[i]?.percent ?? null),
          })),
        }
      : null;
  const family = ctx.breakdown;
  const groupList = family ? (item.groups[family] ?? []) : [];
  const groups =
    family && groupList.length
      ? {
          caption: fill(text.trendByGroup, {
            group: ((text.family as Record<string, string>)[family] ?? family).toLowerCase(),
            wave: previous,
          }),
          columns: groupList.map((g) => groupName(ctx, family, g.id)),
          rows: order.map((i) => ({
            label: q.options[i]!.label,
            cells: groupList.map((g) => {
              const pts = g.table.points;
              const c = changeText(ctx, pts.at(-2)?.cells[i]?.percent ?? null, pts.at(-1)?.cells[i]?.percent ?? null);
              return { ...c, mark: c.withheld ? null : (g.table.change[i]?.mark ?? null) };
            }),
          })),
        }
      : null;
  return {
    heading: text.trendHeading,
    caption: text.trendCaption,
    columns: trend.waves.map((s, w) => ({
      label: label(s),
      n:
        whole.points[w]?.base === null || whole.points[w]?.base === undefined
          ? "–"
          : fill(text.groupSize, { count: format.count(whole.points[w]!.base!) }),
    })),
    changeHeading: fill(text.trendChange, { wave: previous }),
    rows,
    legend: text.trendLegend,
    notes,
    chart,
    groups,
    same: sameView(ctx, trend, q, label),
  };
}

function sameView(
  ctx: ViewContext,
  trend: QuestionTrend,
  q: QuestionFigures,
  label: (slug: string) => string,
): SameView | null {
  const same = trend.same;
  const { text, format } = ctx;
  if (!same || same.answeredBoth === null) return null;
  const values = { from: label(same.from), to: label(same.to) };
  const intro = format.plural(text.sameIntro, same.answeredBoth, values);
  const optionLabel = (v: string) => q.options.find((o) => o.value === v)?.label ?? v;
  const num = (n: number | null): TrendCellView =>
    n === null ? { text: "–", withheld: true } : { text: format.count(n), withheld: false };
  if (same.kind === "rating") {
    const m = same.moves ?? { stayed: null, up: null, down: null };
    return {
      heading: text.sameHeading,
      intro,
      table: null,
      moves: [
        { label: text.sameStayed, value: num(m.stayed) },
        { label: text.sameUp, value: num(m.up) },
        { label: text.sameDown, value: num(m.down) },
      ],
    };
  }
  // Answers anybody gave, in either wave, in this wave's order of the question's options.
  const used = q.options
    .map((o) => o.value)
    .filter(
      (v) => same.before.find((b) => b.value === v)?.count !== 0 || same.after.find((a) => a.value === v)?.count !== 0,
    );
  return {
    heading: text.sameHeading,
    intro,
    table: {
      caption: fill(text.sameCaption, values),
      corner: fill(text.sameCorner, values),
      columns: [...used.map(optionLabel), text.sameTotal],
      rows: [
        ...used.map((from) => ({
          label: optionLabel(from),
          cells: [
            ...used.map((to) => num(same.entries.find((e) => e.from === from && e.to === to)?.count ?? null)),
            num(same.before.find((b) => b.value === from)?.count ?? null),
          ],
        })),
        {
          label: text.sameTotal,
          cells: [
            ...used.map((to) => num(same.after.find((a) => a.value === to)?.count ?? null)),
            num(same.answeredBoth),
          ],
        },
      ],
    },
    moves: [],
  };
}
