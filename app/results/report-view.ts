// The published report as one reader sees it: every sentence, label and number already in the
// page's language, in the order the page shows them. Pure: the route renders it as it is, and
// nothing of it is sent to the browser beyond the HTML (the page is not hydrated).
import type { Catalogue } from "~/i18n";
import { fill, differenceFromRest } from "~/lib/format";
import type { FigureCell, QuestionFigures, ResultFigures, TableFigures } from "./figure-types";
import type { Format } from "./format";
import { OTHER } from "./groups";
import type { Presentation } from "./presentation";
import type { TrendView } from "./trend-view";

/** The answer value the figures give an identifying question's small answers folded together. */
const FOLDED = "__other";
/** A list longer than this shows its largest answers and the rest together, expandable. */
const LONG_LIST = 10;
const SHOWN_OF_LONG = 8;

export interface BarView {
  label: string;
  value: string;
  /** 0–100, the bar's length. */
  width: number;
  withheld: boolean;
  mine: boolean;
}

export interface ListView {
  label: string;
  bars: BarView[];
  /** The rest of a long list, behind a summary that opens it (a <details>, so it works without JavaScript). */
  more: { summary: string; bars: BarView[] } | null;
}

export interface CellView {
  text: string;
  withheld: boolean;
  mark: "higher" | "lower" | null;
}

export interface TableView {
  caption: string;
  /** What opens the groups one by one on a phone ("By region: 7 groups"). */
  blocksSummary: string;
  answerHeading: string;
  columns: { label: string; n: string; withheld: boolean }[];
  rows: { label: string; cells: CellView[] }[];
  legend: string | null;
}

interface ChartView {
  hint: string | null;
  list: ListView | null;
  lines: string[];
  table: TableView | null;
}

export interface QuoteView {
  text: string;
  attribution: string;
}

export interface SectionView {
  id: string;
  title: string;
  /** The team's finding as safe HTML, figures filled in. */
  finding: string | null;
  note: string | null;
  charts: ChartView[];
  quotes: QuoteView[];
  /** A series wave: the question across the waves, and the change among the same people (issue 28). */
  trend?: TrendView | null;
}

type Text = Catalogue["results"];

export interface ViewContext {
  figures: ResultFigures;
  text: Text;
  profile: Catalogue["profile"];
  format: Format;
  presentation: Record<string, Presentation>;
  mine: Record<string, string[]>;
  /** The breakdown compared with all respondents, if any. */
  breakdown: string | null;
  /** The team's findings for this language, as safe HTML with figures filled in. */
  findings: Record<string, string>;
}

/** A group's name in the page's language (merged groups are never named one by one). */
export function groupName(ctx: Pick<ViewContext, "text" | "profile" | "figures">, family: string, id: string): string {
  const { text, profile } = ctx;
  if (id === OTHER) return (text.familyOther as Record<string, string>)[family] ?? text.other;
  if (family === "region") return (text.regions as Record<string, string>)[id] ?? id;
  if (family === "organisationType") return (profile.organisationTypes as Record<string, string>)[id] ?? id;
  if (family === "roleCategory") return (profile.roles as Record<string, string>)[id] ?? id;
  if (family.startsWith("answer:")) {
    const q = ctx.figures.questions.find((x) => x.name === family.slice(7));
    return q?.options.find((o) => o.value === id)?.label ?? id;
  }
  return id;
}

/**
 * The share a reader sees, from the count and its base when both are published: the figures carry one decimal, and
 * rounding that again to a whole number is wrong at the half (192 of 334 = 57.49%, published 57.5, read as 58%).
 */
const exactPercent = (count: number | null | undefined, base: number | null | undefined, published: number | null) =>
  published !== null && count !== null && count !== undefined && base ? (100 * count) / base : published;

const hiddenWords = (ctx: ViewContext) => fill(ctx.text.hidden, { k: ctx.figures.minGroupSize });

function bar(ctx: ViewContext, label: string, percent: number | null, mine = false): BarView {
  return {
    label,
    value: percent === null ? hiddenWords(ctx) : ctx.format.percent(percent),
    width: percent === null ? 0 : Math.max(0, Math.min(100, percent)),
    withheld: percent === null,
    mine,
  };
}

/**
 * The rows a question shows, in order: a list most chosen first (withheld ones after the shown, then
 * "Other", "None" and the like), a scale as asked; answers nobody chose are left out of a list, and
 * "Other"-like answers nobody chose out of any.
 */
export function rowOrder(
  q: QuestionFigures,
  table: TableFigures,
  p: Presentation | undefined,
): { order: number[]; nobody: number[] } {
  const special = new Set([...(p?.special ?? []), FOLDED]);
  const count = (i: number) => table.cells[i]?.count ?? null;
  const all = q.options.map((_, i) => i);
  const zero = (i: number) => count(i) === 0;
  const isList = (p?.order ?? "asked") === "share";
  const nobody = all.filter((i) => zero(i) && (isList || special.has(q.options[i]!.value)));
  const kept = all.filter((i) => !nobody.includes(i));
  if (!isList) return { order: kept, nobody };
  const rank = (i: number) => (special.has(q.options[i]!.value) ? 2 : count(i) === null ? 1 : 0);
  const order = [...kept].sort((a, b) => rank(a) - rank(b) || (count(b) ?? 0) - (count(a) ?? 0) || a - b);
  return { order, nobody };
}

/** Bars for a list of rows, long lists shortened: the largest first, the rest together and expandable. */
function listOf(
  ctx: ViewContext,
  label: string,
  rows: { label: string; count: number | null; percent: number | null; mine: boolean }[],
  base: number | null,
  single: boolean,
): ListView {
  const bars = rows.map((r) => bar(ctx, r.label, r.percent, r.mine));
  if (rows.length <= LONG_LIST) return { label, bars, more: null };
  const head = rows.slice(0, SHOWN_OF_LONG);
  const rest = rows.slice(SHOWN_OF_LONG);
  const together: BarView[] = [];
  // One answer each: what the largest leave of the whole is the rest together (a figure the page already implies).
  if (single && base !== null && base > 0 && head.every((r) => r.count !== null)) {
    const left = base - head.reduce((s, r) => s + (r.count as number), 0);
    together.push(bar(ctx, ctx.format.plural(ctx.text.restTogether, rest.length), (100 * left) / base));
  }
  return {
    label,
    bars: [...bars.slice(0, SHOWN_OF_LONG), ...together],
    more: { summary: ctx.format.plural(ctx.text.showAll, rows.length), bars: bars.slice(SHOWN_OF_LONG) },
  };
}

function cellText(
  ctx: ViewContext,
  cell: FigureCell | undefined,
  whole: FigureCell | undefined,
  t: TableFigures | undefined,
  wt: TableFigures,
  first: boolean,
): CellView {
  const percent = exactPercent(cell?.count, t?.base, cell?.percent ?? null);
  const mark = first
    ? null
    : differenceFromRest(
        { count: cell?.count ?? null, base: t?.base ?? null },
        { count: whole?.count ?? null, base: wt.base },
      );
  return { text: percent === null ? hiddenWords(ctx) : ctx.format.percent(percent), withheld: percent === null, mark };
}

/** All respondents and each group of the chosen breakdown, row by row (null when the question is not broken down). */
function comparison(
  ctx: ViewContext,
  caption: string,
  rows: { label: string; cell: (t: TableFigures) => FigureCell | undefined }[],
  whole: TableFigures,
  groups: TableFigures[] | undefined,
  extra?: { label: string; cell: (t: TableFigures) => string | null },
): TableView | null {
  const family = ctx.figures.breakdowns.find((b) => b.family === ctx.breakdown);
  if (!family || !groups) return null;
  const tables = [whole, ...family.groups.map((_, i) => groups[i])];
  const columns = [
    { label: ctx.text.allRespondents, t: whole },
    ...family.groups.map((g, i) => ({ label: groupName(ctx, family.family, g.id), t: groups[i] })),
  ].map((c) => ({
    label: c.label,
    n:
      c.t?.base === null || c.t?.base === undefined
        ? hiddenWords(ctx)
        : fill(ctx.text.groupSize, { count: ctx.format.count(c.t.base) }),
    withheld: c.t?.base === null || c.t?.base === undefined,
  }));
  const body = rows.map((r) => ({
    label: r.label,
    cells: tables.map((t, c) => cellText(ctx, t ? r.cell(t) : undefined, r.cell(whole), t, whole, c === 0)),
  }));
  if (extra)
    body.push({
      label: extra.label,
      cells: tables.map((t) => {
        const v = t ? extra.cell(t) : null;
        return { text: v ?? hiddenWords(ctx), withheld: v === null, mark: null };
      }),
    });
  const withheld = columns.some((c) => c.withheld) || body.some((r) => r.cells.some((c) => c.withheld));
  const marked = body.some((r) => r.cells.some((c) => c.mark));
  const legend = [
    withheld ? fill(ctx.text.legendHidden, { hidden: hiddenWords(ctx) }) : "",
    marked ? ctx.text.legendSignificant : "",
  ]
    .filter(Boolean)
    .join(" ");
  return {
    caption,
    blocksSummary: blocksSummary(ctx, columns.length - 1),
    answerHeading: ctx.text.answer,
    columns,
    rows: body,
    legend: legend || null,
  };
}

function blocksSummary(ctx: ViewContext, groups: number): string {
  const family = ((ctx.text.family as Record<string, string>)[ctx.breakdown ?? ""] ?? "").toLowerCase();
  return ctx.format.plural(ctx.text.groupsToOpen, groups, { group: family });
}

const mean = (ctx: ViewContext) => (t: TableFigures) =>
  t.mean === null || t.mean === undefined
    ? null
    : new Intl.NumberFormat(ctx.format.language, { maximumFractionDigits: 1 }).format(t.mean);

/** Whether any count of a question is published (cells, bases, position counts; whole wave or groups). */
function anyCountShown(q: QuestionFigures): boolean {
  const shown = (t: TableFigures) =>
    t.base !== null ||
    t.cells.some((c) => c.count !== null) ||
    (t.agree?.count ?? null) !== null ||
    (t.positions ?? []).some((row) => row.some((c) => c !== null));
  return q.items.some((item) => shown(item.whole) || Object.values(item.groups).some((list) => list.some(shown)));
}

/** A question's section: its finding, its figures for everyone, and the comparison by group. */
export function questionSection(
  ctx: ViewContext,
  q: QuestionFigures,
  quotes: QuoteView[],
  compare: boolean,
): SectionView {
  const { text, figures } = ctx;
  const section: SectionView = {
    id: `q-${q.name}`,
    title: q.title,
    finding: ctx.findings[q.name] ?? null,
    note: null,
    charts: [],
    quotes,
  };
  const first = q.items[0];
  const answered = first?.whole.base;
  if (answered === null || answered === undefined)
    return {
      ...section,
      // Some counts of it may still be shown (a ranking's positions, a matrix's other rows, a group's cells): then
      // the page must not say its figures are all withheld (round 4's methodologist read them in the JSON and CSV).
      note: fill(anyCountShown(q) ? text.baseWithheld : text.tooFew, { k: figures.minGroupSize }),
    };
  if (answered === 0) return { ...section, note: text.nobody };
  const p = ctx.presentation[q.name];
  const family = compare && !q.identifying ? ctx.breakdown : null;
  const familyName = family ? ((text.family as Record<string, string>)[family] ?? family).toLowerCase() : "";
  const mine = new Set(ctx.mine[q.name] ?? []);

  if (q.kind === "matrix") {
    // The top two columns by their own names ("Important or very important"): not every scale agrees.
    const top = topTwoWords(ctx.format.language, q.options);
    const agree = (i: number) => q.items[i]!.whole.agree ?? null;
    const order = q.items.map((_, i) => i);
    if ((p?.order ?? "share") === "share")
      order.sort((a, b) => (agree(b)?.count ?? -1) - (agree(a)?.count ?? -1) || a - b);
    const rows = order.map((i) => ({
      label: q.items[i]!.row?.label ?? "",
      count: agree(i)?.count ?? null,
      percent: exactPercent(agree(i)?.count, q.items[i]!.whole.base, agree(i)?.percent ?? null),
      mine: false,
    }));
    // The comparison's tables are per row here: a column's table is the group's, row by row.
    const tableRows = order.map((i) => ({ label: q.items[i]!.row?.label ?? "", i }));
    const fam = figures.breakdowns.find((b) => b.family === family);
    const table =
      family && fam
        ? comparisonByRow(
            ctx,
            top ? fill(text.topTwoBy, { top, group: familyName }) : fill(text.agreeBy, { group: familyName }),
            tableRows,
            q,
            family,
            fam.groups.length,
          )
        : null;
    const hint = top ? fill(text.topTwoHint, { top }) : text.agreeHint;
    section.charts.push({
      hint,
      list: listOf(ctx, `${q.title}: ${hint}`, rows, null, false),
      lines: [],
      table,
    });
    return section;
  }

  for (const item of q.items) {
    const whole = item.whole;
    const { order, nobody } = rowOrder(q, whole, p);
    const shownOnly = order.filter((i) => whole.cells[i]?.count !== null);
    if (q.identifying && shownOnly.length > 0 && shownOnly.every((i) => q.options[i]!.value === FOLDED)) {
      section.note = fill(text.noneOnItsOwn, { k: figures.minGroupSize });
      continue;
    }
    const rows = order.map((i) => ({
      label: q.options[i]!.value === FOLDED ? text.other : q.options[i]!.label,
      count: whole.cells[i]?.count ?? null,
      percent: exactPercent(whole.cells[i]?.count, whole.base, whole.cells[i]?.percent ?? null),
      mine: mine.has(q.options[i]!.value),
    }));
    const lines: string[] = [];
    if (nobody.length && q.options.length <= 12)
      lines.push(
        fill(text.nobodyChose, {
          answers: ctx.format.list(nobody.map((i) => fill(text.quoted, { text: q.options[i]!.label }))),
        }),
      );
    const ranks = whole.ranks;
    if (ranks && ranks.some((r) => r !== null))
      lines.push(
        `${text.averagePosition} ${order
          .map(
            (i) =>
              `${q.options[i]!.label} ${ranks[i] === null || ranks[i] === undefined ? hiddenWords(ctx) : new Intl.NumberFormat(ctx.format.language, { maximumFractionDigits: 1 }).format(ranks[i] as number)}`,
          )
          .join("; ")}`,
      );
    if (whole.agree)
      lines.push(
        `${text.topTwo} ${whole.agree.percent === null ? hiddenWords(ctx) : ctx.format.percent(exactPercent(whole.agree.count, whole.base, whole.agree.percent)!)}`,
      );
    const table = family
      ? comparison(
          ctx,
          fill(text.by, { question: q.title, group: familyName }),
          order.map((i) => ({ label: rows[order.indexOf(i)]!.label, cell: (t: TableFigures) => t.cells[i] })),
          whole,
          item.groups[family],
          q.kind === "rating" ? { label: text.meanRow, cell: mean(ctx) } : undefined,
        )
      : null;
    const n = `n = ${ctx.format.count(answered)}${whole.mean !== undefined && whole.mean !== null ? ` · ${text.mean} ${mean(ctx)(whole)}` : ""}`;
    section.charts.push({ hint: n, list: listOf(ctx, q.title, rows, whole.base, q.kind === "single"), lines, table });
  }
  return section;
}

/** A matrix's comparison: one row per statement, the share who agree, for everyone and each group. */
function comparisonByRow(
  ctx: ViewContext,
  caption: string,
  rows: { label: string; i: number }[],
  q: QuestionFigures,
  family: string,
  groups: number,
): TableView | null {
  const fam = ctx.figures.breakdowns.find((b) => b.family === family)!;
  const columns = [
    { label: ctx.text.allRespondents, base: q.items[0]!.whole.base },
    ...fam.groups.map((g, c) => ({
      label: groupName(ctx, family, g.id),
      base: q.items[0]!.groups[family]?.[c]?.base ?? null,
    })),
  ].map((c) => ({
    label: c.label,
    n: c.base === null ? hiddenWords(ctx) : fill(ctx.text.groupSize, { count: ctx.format.count(c.base) }),
    withheld: c.base === null,
  }));
  const body = rows.map((r) => {
    const item = q.items[r.i]!;
    const tables = [item.whole, ...Array.from({ length: groups }, (_, c) => item.groups[family]?.[c])];
    return {
      label: r.label,
      cells: tables.map((t, c) =>
        cellText(ctx, t?.agree, item.whole.agree, t ? { ...t } : undefined, item.whole, c === 0),
      ),
    };
  });
  const withheld = columns.some((c) => c.withheld) || body.some((r) => r.cells.some((c) => c.withheld));
  const marked = body.some((r) => r.cells.some((c) => c.mark));
  const legend = [
    withheld ? fill(ctx.text.legendHidden, { hidden: hiddenWords(ctx) }) : "",
    marked ? ctx.text.legendSignificant : "",
  ]
    .filter(Boolean)
    .join(" ");
  return {
    caption,
    blocksSummary: blocksSummary(ctx, columns.length - 1),
    answerHeading: ctx.text.answer,
    columns,
    rows: body,
    legend: legend || null,
  };
}

/** The regions respondents came from, as bars (the largest first; merged regions together, last). */
export function regionList(ctx: ViewContext): ListView | null {
  const regions = ctx.figures.breakdowns.find((b) => b.family === "region");
  if (!regions) return null;
  const groups = [...regions.groups].sort((a, b) => Number(a.other) - Number(b.other) || b.size - a.size);
  return listOf(
    ctx,
    ctx.text.byRegion,
    groups.map((g) => ({
      label: groupName(ctx, "region", g.id),
      count: g.size,
      percent: exactPercent(g.size, ctx.figures.respondents, g.percent),
      mine: false,
    })),
    ctx.figures.respondents,
    true,
  );
}

/** A matrix's top two columns as words of the sentence ("Agree or strongly agree", "Important or very important"), or null. */
export function topTwoWords(language: string, options: { label: string }[]): string | null {
  const [a, b] = options.slice(-2).map((o) => o.label.trim());
  if (!a || !b) return null;
  // "Very important" reads "very important" mid-sentence; an acronym ("OK") keeps its capitals.
  const mid = /^\p{Lu}\p{Ll}/u.test(b) ? b[0]!.toLocaleLowerCase(language) + b.slice(1) : b;
  return new Intl.ListFormat(language, { type: "disjunction" }).format([a, mid]);
}
