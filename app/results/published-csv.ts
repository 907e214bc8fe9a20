import type { ResultFigures } from "~/results/figures";

/** The published tables, one line per question, answer and group; hidden cells say so instead of a number. */
export function publishedRows(s: ResultFigures): { header: string[]; rows: (string | number | null)[][] } {
  const header = ["question", "answer", "group", "base", "count", "percent"];
  const hidden = `fewer than ${s.minGroupSize}`;
  const rows: (string | number | null)[][] = [];
  for (const q of s.questions) {
    if (q.kind === "text") continue;
    const items = q.rows ? q.rows.map((r) => ({ label: `${r.label}: agree or strongly agree`, all: r.topTwoPercent, base: r.base })) : null;
    if (items) {
      for (const it of items) rows.push([q.title, it.label, "All", it.base ?? hidden, null, it.all ?? hidden]);
      continue;
    }
    q.options.forEach((o, i) => {
      rows.push([q.title, o.label, "All", q.base ?? hidden, o.count ?? hidden, o.percent ?? hidden]);
      for (const g of q.groups) {
        const go = g.options[i];
        rows.push([q.title, o.label, g.group, g.base ?? hidden, go?.count ?? hidden, go?.percent ?? hidden]);
      }
    });
  }
  return { header, rows };
}
