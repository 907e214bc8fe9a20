import { fill } from "~/lib/format";
import { cachedDefinition } from "~/models/questionnaire.server";
import { getSeriesBySlug, publicationsById, seriesWaves, type SeriesWave } from "~/models/series.server";
import { formatFor } from "./format";
import { presentationOf } from "./presentation";
import { reportLanguage } from "./report-language.server";
import type { ViewContext } from "./report-view";
import { seriesTrends, type SamePeople, type SeriesTrends, type TrendWave } from "./series";
import type { Snapshot } from "./snapshot";
import { trendView, waveLabels, type TrendView } from "./trend-view";

/** A series as its page, JSON and CSV show it: the published waves a reader may read, oldest first, and every question's line. */
export interface SeriesData {
  slug: string;
  name: string;
  waves: (TrendWave & { title: string })[];
  trends: SeriesTrends;
  /** The latest wave's questions (their titles and answers), to label the lines. */
  latest: Snapshot;
  definitionVersion: number;
}

/**
 * The series' published waves that `mayRead` lets this reader see, and the lines of every question
 * the latest of them shares with earlier ones, from each wave's own publication (as on a wave's
 * report, the latest change marked with the same test). Undefined: no such series, or nothing the
 * reader may see.
 */
export async function seriesData(
  slug: string | undefined,
  mayRead: (wave: SeriesWave) => Promise<boolean>,
): Promise<SeriesData | undefined> {
  const series = slug ? await getSeriesBySlug(slug) : undefined;
  if (!series) return undefined;
  const all = (await seriesWaves(series.id)).filter((w) => w.publicationId !== null);
  const readable: SeriesWave[] = [];
  for (const w of all) if (await mayRead(w)) readable.push(w);
  const publications = await publicationsById<Snapshot>(readable.map((w) => w.publicationId as number));
  const shown = readable.flatMap((w) => {
    const p = publications.get(w.publicationId as number);
    if (!p || p.snapshot.suppressed) return [];
    const wave: TrendWave & { title: string } = {
      slug: w.slug,
      title: p.snapshot.title,
      opensAt: new Date(w.opensAt).toISOString(),
      closesAt: w.closesAt ? new Date(w.closesAt).toISOString() : null,
      publishedAt: p.snapshot.publishedAt,
      respondents: p.snapshot.respondents,
      segment: w.segment,
    };
    return [{ wave, snapshot: p.snapshot, versionId: w.questionnaireVersionId }];
  });
  const last = shown.at(-1);
  if (!last) return undefined;
  // The latest change among the same people is the one the latest wave's own publication shows.
  const same: Record<string, SamePeople> = {};
  for (const q of last.snapshot.series?.questions ?? []) if (q.same) same[q.name] = q.same;
  const trends = seriesTrends({
    series,
    earlier: shown.slice(0, -1).map((s) => ({ wave: s.wave, figures: s.snapshot })),
    current: { wave: last.wave, figures: last.snapshot },
    same,
  });
  return {
    slug: series.slug,
    name: series.name,
    waves: shown.map((s) => s.wave),
    trends,
    latest: last.snapshot,
    definitionVersion: last.versionId,
  };
}

/** The series page in the reader's language: the waves, their dates and sizes, and each question's line. */
export async function seriesPage(data: SeriesData, asked: string | null, browser: readonly string[]) {
  const definition = await cachedDefinition(data.definitionVersion);
  const lang = reportLanguage(definition, asked, browser);
  const { language, text, profile } = lang;
  const format = formatFor(language);
  const figures = data.latest;
  const ctx: ViewContext = {
    figures,
    text,
    profile,
    format,
    presentation: presentationOf(definition),
    mine: {},
    breakdown: null,
    findings: {},
  };
  const titles = lang.labels.titles as Record<string, string>;
  const lines: { id: string; title: string; trend: TrendView }[] = [];
  for (const q of figures.questions) {
    const trend = trendView(ctx, data.trends, q);
    if (trend && trend.rows.length) lines.push({ id: `q-${q.name}`, title: titles[q.name] ?? q.title, trend });
  }
  const labels = waveLabels(language, data.waves);
  return {
    language,
    dir: lang.dir,
    title: data.name,
    wavesHeading: text.seriesWaves,
    waves: data.waves.map((w) => ({
      label: labels.get(w.slug) ?? w.slug,
      title: w.title,
      href: `/results/${w.slug}`,
      detail: fill(text.seriesWave, {
        from: lang.date(w.opensAt),
        to: w.closesAt ? lang.date(w.closesAt) : "",
        n: w.respondents === null ? "–" : format.count(w.respondents),
      }),
    })),
    lines,
    none: lines.length ? null : text.seriesNothing,
    method: fill(text.trendMethod, { k: figures.minGroupSize }),
    methodHeading: text.methodology,
    words: {
      answer: text.answer,
      withheld: fill(text.hidden, { k: figures.minGroupSize }),
      up: text.trendUp,
      down: text.trendDown,
    },
    formats: {
      json: { label: "JSON", href: `/results/series/${data.slug}.json` },
      csv: { label: text.csv, href: `/results/series/${data.slug}.csv` },
    },
  };
}

/** The series' lines as CSV rows: question, row, answer, wave, base, count, percent; and the same people's pairs. */
export function seriesRows(data: SeriesData): { header: string[]; rows: (string | number | null)[][] } {
  const header = ["question", "row", "answer", "wave", "opens", "base", "count", "percent"];
  const hidden = `fewer than ${data.latest.minGroupSize} or withheld`;
  const num = (v: number | null | undefined) => (v === null || v === undefined ? hidden : v);
  const rows: (string | number | null)[][] = [];
  for (const t of data.trends.questions) {
    const q = data.latest.questions.find((x) => x.name === t.name);
    if (!q || t.waves.length < 2) continue;
    for (const item of t.items) {
      const rowLabel = q.items.find((it) => (it.row?.value ?? null) === item.row)?.row?.label ?? "";
      q.options.forEach((o, i) =>
        item.whole.points.forEach((p, w) => {
          const wave = data.waves.find((x) => x.slug === t.waves[w]);
          rows.push([
            q.title,
            rowLabel,
            o.label,
            t.waves[w] ?? "",
            wave?.opensAt.slice(0, 10) ?? "",
            num(p.base),
            num(p.cells[i]?.count),
            num(p.cells[i]?.percent),
          ]);
        }),
      );
    }
    if (t.same)
      for (const e of t.same.entries) {
        const label = (v: string) => q.options.find((o) => o.value === v)?.label ?? v;
        rows.push([
          q.title,
          "",
          `${label(e.from)} → ${label(e.to)}`,
          `same people ${t.same.from} → ${t.same.to}`,
          "",
          num(t.same.answeredBoth),
          num(e.count),
          "",
        ]);
      }
  }
  return { header, rows };
}
