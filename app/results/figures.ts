import type { Headline, RawQuestion } from "~/results/question-counts";
import type { Option } from "~/results/questions";
import { percent, suppressedGroups } from "~/results/suppress";

export interface OptionFigure {
  value: string;
  label: string;
  count: number | null;
  percent: number | null;
}

export interface GroupFigures {
  group: string;
  base: number | null;
  suppressed: boolean;
  options: OptionFigure[];
  mean?: number | null;
  rows?: RowFigures[];
}

export interface RowFigures {
  value: string;
  label: string;
  base: number | null;
  options: OptionFigure[];
  topTwoPercent: number | null;
}

export interface QuestionFigures {
  name: string;
  title: string;
  type: string;
  kind: string;
  base: number | null;
  suppressed: boolean;
  options: OptionFigure[];
  mean?: number | null;
  rows?: RowFigures[];
  ranks?: { value: string; label: string; meanRank: number | null; firstPercent: number | null }[];
  groups: GroupFigures[];
}

export interface ResultFigures {
  minGroupSize: number;
  suppressed: boolean;
  respondents: number | null;
  organisations: number | null;
  countries: number | null;
  responseRate: number | null;
  regions: { region: string; count: number | null; percent: number | null; suppressed: boolean }[];
  dimension: string;
  questions: QuestionFigures[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function optionFigures(options: Option[], counts: Map<string, number>, base: number, hidden: boolean): OptionFigure[] {
  return options.map((o) => {
    const count = counts.get(o.value) ?? 0;
    return { value: o.value, label: o.label, count: hidden ? null : count, percent: hidden ? null : percent(count, base) };
  });
}

function countsFor(raw: RawQuestion, group: string | null, row: string | null = null): Map<string, number> {
  return new Map(raw.counts.filter((c) => c.group === group && c.row === row).map((c) => [c.value, c.n]));
}

function shapeQuestion(raw: RawQuestion, k: number): QuestionFigures {
  const { spec } = raw;
  const base = raw.bases.find((b) => b.group === null && b.row === null)?.n ?? 0;
  const hiddenAll = base < k;
  const groupBases = raw.bases.filter((b) => b.group !== null && b.row === null).map((b) => ({ key: b.group as string, base: b.n }));
  const hiddenGroups = suppressedGroups(groupBases, k);

  const mean = (group: string | null) => {
    const s = raw.sums.find((x) => x.group === group && x.value === "mean");
    return s && s.n ? round1(s.sum / s.n) : null;
  };
  const rows = (group: string | null, hidden: boolean): RowFigures[] =>
    spec.rows.map((r) => {
      const rowBase = raw.bases.find((b) => b.group === group && b.row === r.value)?.n ?? 0;
      const counts = countsFor(raw, group, r.value);
      const rowHidden = hidden || rowBase < k;
      const agree = spec.topTwo.reduce((s, v) => s + (counts.get(v) ?? 0), 0);
      return {
        value: r.value,
        label: r.label,
        base: rowHidden ? null : rowBase,
        options: optionFigures(spec.options, counts, rowBase, rowHidden),
        topTwoPercent: rowHidden ? null : percent(agree, rowBase),
      };
    });

  const figures: QuestionFigures = {
    name: spec.name,
    title: spec.title,
    type: spec.type,
    kind: spec.kind,
    base: hiddenAll ? null : base,
    suppressed: hiddenAll,
    options: spec.kind === "matrix" || spec.kind === "text" ? [] : optionFigures(spec.options, countsFor(raw, null), base, hiddenAll),
    groups: groupBases
      .sort((a, b) => b.base - a.base || a.key.localeCompare(b.key))
      .map(({ key, base: gBase }) => {
        const hidden = hiddenAll || hiddenGroups.has(key);
        return {
          group: key,
          base: hidden ? null : gBase,
          suppressed: hidden,
          options: spec.kind === "matrix" || spec.kind === "text" ? [] : optionFigures(spec.options, countsFor(raw, key), gBase, hidden),
          ...(spec.kind === "rating" ? { mean: hidden ? null : mean(key) } : {}),
          ...(spec.kind === "matrix" ? { rows: rows(key, hidden) } : {}),
        };
      }),
  };
  if (spec.kind === "rating") figures.mean = hiddenAll ? null : mean(null);
  if (spec.kind === "matrix") figures.rows = rows(null, hiddenAll);
  if (spec.kind === "ranking") {
    const first = countsFor(raw, null);
    figures.ranks = spec.options.map((o) => {
      const s = raw.sums.find((x) => x.group === null && x.value === o.value);
      return {
        value: o.value,
        label: o.label,
        meanRank: hiddenAll || !s?.n ? null : round1(s.sum / s.n),
        firstPercent: hiddenAll ? null : percent(first.get(o.value) ?? 0, base),
      };
    });
  }
  return figures;
}

/**
 * The results as readers may see them: headline, region mix and every question, with every group
 * under k (and its complement) hidden, and nothing at all when the wave has fewer than k respondents.
 */
export function shapeResults(head: Headline, raw: RawQuestion[], k: number, dimension: string): ResultFigures {
  if (head.respondents < k) {
    return { minGroupSize: k, suppressed: true, respondents: null, organisations: null, countries: null, responseRate: null, regions: [], dimension, questions: [] };
  }
  const hiddenRegions = suppressedGroups(head.regions.map((r) => ({ key: r.region, base: r.count })), k);
  return {
    minGroupSize: k,
    suppressed: false,
    respondents: head.respondents,
    organisations: head.organisations,
    countries: head.countries,
    responseRate: head.invited ? percent(head.respondents, head.invited) : null,
    regions: head.regions.map((r) => {
      const hidden = hiddenRegions.has(r.region);
      return { region: r.region, count: hidden ? null : r.count, percent: hidden ? null : percent(r.count, head.respondents), suppressed: hidden };
    }),
    dimension,
    questions: raw.map((q) => shapeQuestion(q, k)),
  };
}
