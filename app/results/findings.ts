// Findings that quote the report's own figures. A finding is the panel team's Markdown; where it
// states a figure it can write a reference instead of the number, and the page shows the published
// figure (or "withheld") in the reader's language. The syntax is in docs/findings.md:
//
//   {{respondents}}  {{organisations}}  {{countries}}        the headline counts
//   {{offerToday=yes}}                                       a share of those who answered
//   {{plans5y=integrate+expand}}                             answers of a one-answer question together
//   {{reasons.job-ready=top2}}                               a matrix row; top2 is its top two points together
//   {{offerToday=yes @region=North America}}                 within one group of a breakdown
//   {{offerToday=yes count}}  {{offerToday count}}           a count; a question alone: how many answered
//   {{barriers=quality label}}  {{@region=North America}}    an answer's or a group's name
//   {{@region=North America count}}  {{… percent}}           a group's size, its share of respondents
//
// Publishing warns about references that point at nothing or at a withheld figure, and about any
// percentage or count written as a number that matches no figure of the report.
import type { QuestionFigures, ResultFigures, TableFigures } from "./figure-types";

type Measure = "percent" | "count" | "label";

export type FigureReference =
  | { kind: "headline"; field: "respondents" | "organisations" | "countries" }
  | { kind: "group"; family: string; group: string; measure: Measure }
  | {
      kind: "answer";
      question: string;
      row: string | null;
      answers: string[] | null;
      family: string | null;
      group: string | null;
      measure: Measure;
    };

/** A reference's figure: a number (null when withheld) or a label. */
export type Resolved =
  { ok: true; value: number | null; measure: Measure; label?: string } | { ok: false; why: string };

const REFERENCE = /\{\{([^{}]*)\}\}/g;

const HEADLINE = new Set(["respondents", "organisations", "countries"]);

/** Reads the inside of {{ … }}; a sentence saying what is wrong when it is not a reference. */
export function parseReference(inside: string): FigureReference | { error: string } {
  const body = inside.trim();
  if (HEADLINE.has(body)) return { kind: "headline", field: body as "respondents" };
  const measured = /^(.*?)(?:\s+(count|label|percent))?$/.exec(body)!;
  const named = measured[2] as Measure | undefined;
  const grouped = /^(.*?)\s*@([^=\s]+)=(.+)$/.exec(measured[1]!.trim());
  const target = (grouped ? grouped[1]! : measured[1]!).trim();
  const family = grouped?.[2] ?? null;
  const group = grouped?.[3]?.trim() ?? null;
  if (!target) {
    if (!family || !group) return { error: "write a question and an answer, such as {{offerToday=yes}}" };
    // A group alone is its name; " count" its size, " percent" its share of respondents.
    return { kind: "group", family, group, measure: named ?? "label" };
  }
  const parts = /^([^.=@\s]+)(?:\.([^=]+))?(?:=(.+))?$/.exec(target);
  if (!parts) return { error: "write a question and an answer, such as {{offerToday=yes}}" };
  const measure = named ?? "percent";
  const answers = parts[3] ? parts[3].split("+").map((a) => a.trim()) : null;
  if (answers?.some((a) => !a)) return { error: "an answer is empty: join answers with + (yes+maybe)" };
  if (!answers && measure === "percent")
    return { error: `say which answer: {{${parts[1]}=…}} (or {{${parts[1]} count}} for how many answered)` };
  return { kind: "answer", question: parts[1]!, row: parts[2]?.trim() ?? null, answers, family, group, measure };
}

function tableOf(
  figures: ResultFigures,
  q: QuestionFigures,
  row: string | null,
  family: string | null,
  group: string | null,
): TableFigures | string {
  const item = row === null ? q.items[0] : q.items.find((it) => it.row?.value === row);
  if (!item) return row === null ? `“${q.name}” has no figures` : `“${q.name}” has no row “${row}”`;
  if (!family) return item.whole;
  const breakdown = figures.breakdowns.find((b) => b.family === family);
  if (!breakdown) return `the report has no breakdown by “${family}”`;
  const index = breakdown.groups.findIndex((g) => g.id === group);
  if (index < 0) return `the report shows no group “${group}” by ${family}`;
  const table = item.groups[family]?.[index];
  return table ?? `“${q.name}” is not broken down by ${family}`;
}

/** The figure a reference points at in these figures; `why` when it points at nothing. */
export function resolveReference(ref: FigureReference, figures: ResultFigures): Resolved {
  if (ref.kind === "headline") return { ok: true, value: figures[ref.field], measure: "count" };
  if (ref.kind === "group") {
    const breakdown = figures.breakdowns.find((b) => b.family === ref.family);
    const g = breakdown?.groups.find((x) => x.id === ref.group);
    if (!g) return { ok: false, why: `the report shows no group “${ref.group}” by ${ref.family}` };
    return { ok: true, value: ref.measure === "count" ? g.size : g.percent, measure: ref.measure, label: g.id };
  }
  const q = figures.questions.find((x) => x.name === ref.question);
  if (!q) return { ok: false, why: `the report has no question “${ref.question}”` };
  const table = tableOf(figures, q, ref.row, ref.family, ref.group);
  if (typeof table === "string") return { ok: false, why: table };
  if (!ref.answers) {
    if (ref.measure === "label") {
      const row = q.items.find((it) => it.row?.value === ref.row)?.row;
      return row
        ? { ok: true, value: null, measure: "label", label: row.label }
        : { ok: false, why: "say which answer" };
    }
    return { ok: true, value: table.base, measure: "count" };
  }
  const cells = ref.answers.map((a) => {
    const i = q.options.findIndex((o) => o.value === a);
    if (i >= 0) return { label: q.options[i]!.label, cell: table.cells[i] ?? { count: null, percent: null } };
    // The top two points together ("agree or strongly agree"): a name no answer value takes in practice.
    if (a === "top2" && table.agree) return { label: a, cell: table.agree };
    return null;
  });
  const unknown = ref.answers.find((_, i) => !cells[i]);
  if (unknown !== undefined) return { ok: false, why: `“${q.name}” has no answer “${unknown}”` };
  if (ref.answers.length > 1 && q.kind === "multi")
    return {
      ok: false,
      why: `answers of the multiple-choice question “${q.name}” cannot be added: one person may have chosen several`,
    };
  if (ref.measure === "label")
    return { ok: true, value: null, measure: "label", label: cells.map((c) => c!.label).join(" + ") };
  const counts = cells.map((c) => c!.cell.count);
  const count = counts.some((c) => c === null) ? null : counts.reduce<number>((s, c) => s + (c as number), 0);
  if (ref.measure === "count") return { ok: true, value: count, measure: "count" };
  // From the count and its base, not rounded here: the page rounds once (83.48% read as 83.5, then 84%, was wrong).
  const percent =
    count === null || table.base === null || table.base === 0
      ? cells.length === 1
        ? (cells[0]!.cell.percent ?? null)
        : null
      : (count / table.base) * 100;
  return { ok: true, value: percent, measure: "percent" };
}

/** How a page writes a resolved figure: numbers and words in its language. */
export interface ReferenceWriter {
  percent(p: number): string;
  count(n: number): string;
  withheld: string;
  /** A group's name as the page shows it. */
  group(family: string, id: string): string;
  /** What an unknown reference reads as (never the raw braces). */
  unknown: string;
}

const escapeMarkdown = (s: string) => s.replace(/([\\`*_[\]<>#|~])/g, "\\$1");

/** A finding with every reference replaced by its published figure (or the withheld word), still Markdown. */
export function fillReferences(markdown: string, figures: ResultFigures, write: ReferenceWriter): string {
  return markdown.replace(REFERENCE, (_, inside: string) => {
    const ref = parseReference(inside);
    if ("error" in ref) return write.unknown;
    const r = resolveReference(ref, figures);
    if (!r.ok) return write.unknown;
    if (r.measure === "label")
      return escapeMarkdown(ref.kind === "group" ? write.group(ref.family, ref.group) : (r.label ?? ""));
    if (r.value === null) return write.withheld;
    return r.measure === "count" ? write.count(r.value) : write.percent(r.value);
  });
}

/** Every percentage and count the figures publish: what a number written in a finding may be. */
function publishedNumbers(figures: ResultFigures): { percents: Set<number>; counts: Set<number> } {
  const percents = new Set<number>();
  const counts = new Set<number>();
  const addCell = (c: { count: number | null; percent: number | null } | undefined) => {
    if (c?.count !== null && c?.count !== undefined) counts.add(c.count);
    if (c?.percent !== null && c?.percent !== undefined) {
      percents.add(Math.round(c.percent));
      percents.add(c.percent);
    }
  };
  for (const field of ["respondents", "organisations", "countries"] as const) {
    const v = figures[field];
    if (v !== null) counts.add(v);
  }
  if (figures.responseRate !== null) addCell({ count: null, percent: figures.responseRate });
  for (const b of figures.breakdowns) for (const g of b.groups) addCell({ count: g.size, percent: g.percent });
  for (const q of figures.questions)
    for (const item of q.items)
      for (const t of [item.whole, ...Object.values(item.groups).flat()]) {
        if (t.base !== null) counts.add(t.base);
        const exact = (c: { count: number | null; percent: number | null } | undefined) =>
          c && c.count !== null && c.percent !== null && t.base
            ? { count: null, percent: (100 * c.count) / t.base }
            : c;
        for (const c of [...t.cells, t.agree]) {
          addCell(c);
          addCell(exact(c));
        }
      }
  return { percents, counts };
}

export interface FindingWarning {
  /** The commentary key: keyFindings, a question's name, with @language when written for one. */
  key: string;
  message: string;
}

const NUMBER = /(?<![\w.,])(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+)(?:[.,](\d+))?(\s?%|\s?per ?cent\b)?/gi;

/**
 * What publishing warns about in the team's findings: references that point at nothing or at a
 * withheld figure, and percentages or counts written as numbers that match no figure of the report.
 */
export function findingWarnings(commentary: Record<string, string>, figures: ResultFigures): FindingWarning[] {
  const out: FindingWarning[] = [];
  const published = publishedNumbers(figures);
  for (const [key, markdown] of Object.entries(commentary)) {
    for (const m of markdown.matchAll(REFERENCE)) {
      const ref = parseReference(m[1]!);
      if ("error" in ref) {
        out.push({ key, message: `${m[0]} is not a reference to a figure: ${ref.error}.` });
        continue;
      }
      const r = resolveReference(ref, figures);
      if (!r.ok) out.push({ key, message: `${m[0]} refers to no figure of this report: ${r.why}.` });
      else if (r.measure !== "label" && r.value === null)
        out.push({ key, message: `${m[0]} is a withheld figure: readers will read “withheld” in its place.` });
    }
    // Numbers the team typed: not inside references, not in link addresses.
    const prose = markdown.replace(REFERENCE, " ").replace(/\]\([^)]*\)/g, "] ");
    for (const m of prose.matchAll(NUMBER)) {
      const whole = Number(m[1]!.replace(/[^\d]/g, ""));
      const value = m[2] ? Number(`${whole}.${m[2]}`) : whole;
      const isPercent = Boolean(m[3]);
      const grouped = /\D/.test(m[1]!);
      // A year ("in 2024") is not a count.
      if (!isPercent && !m[2] && !grouped && whole >= 1900 && whole <= 2100) continue;
      const known = isPercent ? published.percents.has(value) : published.counts.has(value);
      if (!known)
        out.push({
          key,
          message: `“${m[0].trim()}” is ${isPercent ? "a percentage" : "a number"} that matches no figure of this report: write the figure as a reference (see docs/findings.md), such as {{question=answer}}${isPercent ? "" : " count"}, so the page always shows the published figure.`,
        });
    }
  }
  return out;
}

/** The references a finding can use for a questionnaire's questions, with what each shows (the admin's list). */
export function quotableFigures(
  specs: {
    name: string;
    kind: string;
    identifying: boolean;
    options: { value: string; label: string }[];
    rows: { value: string; label: string }[];
    topTwo: string[];
  }[],
): { reference: string; meaning: string }[] {
  const out = [
    { reference: "{{respondents}}", meaning: "how many answered" },
    { reference: "{{organisations}}", meaning: "how many organisations they are from" },
    { reference: "{{countries}}", meaning: "how many countries" },
  ];
  for (const q of specs) {
    if (q.kind === "text" || q.identifying) continue;
    if (q.kind === "matrix") {
      for (const row of q.rows)
        out.push({ reference: `{{${q.name}.${row.value}=top2}}`, meaning: `agree or strongly agree: “${row.label}”` });
      continue;
    }
    if (q.options.length <= 12)
      for (const o of q.options)
        out.push({
          reference: `{{${q.name}=${o.value}}}`,
          meaning: q.kind === "ranking" ? `ranked “${o.label}” first` : `answered “${o.label}”`,
        });
    if (q.kind === "rating" && q.topTwo.length === 2)
      out.push({ reference: `{{${q.name}=top2}}`, meaning: "the top two points together" });
    out.push({ reference: `{{${q.name} count}}`, meaning: "how many answered this question" });
  }
  const example = specs.find((q) => q.kind === "single" && !q.identifying && q.options.length);
  if (example) {
    const answer = `${example.name}=${example.options[0]!.value}`;
    out.push({
      reference: `{{${answer} @region=North America}}`,
      meaning: "within one group the report shows (by region, organisationType or roleCategory)",
    });
    out.push({ reference: `{{${answer} label}}`, meaning: "the answer's name; {{@region=North America}} a group's" });
  }
  return out;
}
