import type { QuestionSpec } from "./questions";

export interface ExportRow {
  id: string;
  completedAt: Date | null;
  source: string;
  country: string | null;
  region: string | null;
  organisationType: string | null;
  roleCategory: string | null;
  data: Record<string, unknown>;
  /** The week of fieldwork, in an anonymous wave's export (instead of completedAt). */
  week?: number | null;
}

type Cell = string | number | null;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A choice answer without the comments of its choices: `{value, comment}` (or a list of them) read as the value. */
function choiceOf(answer: unknown): unknown {
  if (Array.isArray(answer)) return answer.map((item) => (isRecord(item) ? item.value : item));
  return isRecord(answer) && "value" in answer ? answer.value : answer;
}

/** The comment given on one choice of an answer, if it was chosen with one. */
function commentOn(answer: unknown, value: string): string | null {
  const items = Array.isArray(answer) ? answer : [answer];
  const found = items.find((item) => isRecord(item) && String(item.value) === value);
  return isRecord(found) && typeof found.comment === "string" ? found.comment : null;
}

/**
 * One row per response and one column per question (per option for multiple choice and rankings,
 * per row for matrices), with labels or codes, and the profile snapshot first. An anonymous wave's
 * export names its columns for what they hold: an id made for this download, the week of fieldwork.
 */
export function exportTable(
  specs: QuestionSpec[],
  rows: ExportRow[],
  options: { labels: boolean; anonymous?: boolean },
): { header: string[]; cells: Cell[][] } {
  const header = [
    options.anonymous ? "row_id" : "response_id",
    options.anonymous ? "completed_week" : "completed_at",
    "source",
    "country",
    "region",
    "organisation_type",
    "role_category",
  ];
  const columns: ((d: Record<string, unknown>) => Cell)[] = [];
  const label = (spec: QuestionSpec, v: unknown) => {
    if (v === undefined || v === null) return null;
    const o = spec.options.find((x) => x.value === String(v));
    return options.labels && o ? o.label : String(v);
  };
  for (const spec of specs) {
    const commented = spec.options.filter((o) => o.comment);
    // A chosen choice with a comment of its own is stored as {value, comment}: counted by its value.
    const v = (d: Record<string, unknown>) => (commented.length > 0 ? choiceOf(d[spec.name]) : d[spec.name]);
    if (spec.kind === "single" || spec.kind === "rating") {
      header.push(spec.name);
      columns.push((d) => label(spec, v(d)));
    } else if (spec.kind === "multi") {
      for (const o of spec.options) {
        header.push(`${spec.name}.${o.value}`);
        columns.push((d) => (Array.isArray(v(d)) ? ((v(d) as unknown[]).map(String).includes(o.value) ? 1 : 0) : null));
      }
    } else if (spec.kind === "ranking") {
      for (const o of spec.options) {
        header.push(`${spec.name}.${o.value}`);
        columns.push((d) => {
          const list = v(d);
          if (!Array.isArray(list)) return null;
          const i = list.map(String).indexOf(o.value);
          return i < 0 ? null : i + 1;
        });
      }
    } else if (spec.kind === "matrix") {
      for (const r of spec.rows) {
        header.push(`${spec.name}.${r.value}`);
        columns.push((d) => {
          const m = v(d);
          return m && typeof m === "object" ? label(spec, (m as Record<string, unknown>)[r.value]) : null;
        });
      }
    } else {
      header.push(spec.name);
      columns.push((d) =>
        v(d) === undefined || v(d) === null ? null : typeof v(d) === "object" ? JSON.stringify(v(d)) : String(v(d)),
      );
    }
    for (const o of commented) {
      header.push(`${spec.name}.${o.value}.comment`);
      columns.push((d) => commentOn(d[spec.name], o.value));
    }
    if (spec.options.some((o) => o.value === "other")) {
      header.push(`${spec.name}.other_text`);
      columns.push((d) =>
        typeof d[`${spec.name}-Comment`] === "string" ? (d[`${spec.name}-Comment`] as string) : null,
      );
    }
  }
  const cells = rows.map((r) => [
    r.id,
    options.anonymous ? (r.week ?? null) : r.completedAt ? r.completedAt.toISOString() : null,
    options.anonymous && !r.source ? null : r.source,
    r.country,
    r.region,
    r.organisationType,
    r.roleCategory,
    ...columns.map((c) => c(r.data)),
  ]);
  return { header, cells };
}
