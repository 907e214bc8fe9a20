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
    const v = (d: Record<string, unknown>) => d[spec.name];
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
