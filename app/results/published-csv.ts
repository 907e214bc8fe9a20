import type { FigureCell, ResultFigures, TableFigures } from "./figures";
import { groupLabel } from "./published-view";

/** What a hidden cell reads as, wherever it is published. */
const hiddenLabel = (k: number) => `fewer than ${k} or withheld`;

/**
 * The published tables, one line per question (and matrix row), answer and group: count and percent,
 * or the hidden label where a figure is withheld. Nothing the page does not show.
 */
export function publishedRows(s: ResultFigures): { header: string[]; rows: (string | number | null)[][] } {
  const header = ["question", "row", "answer", "breakdown", "group", "base", "count", "percent"];
  const hidden = hiddenLabel(s.minGroupSize);
  const rows: (string | number | null)[][] = [];
  const num = (v: number | null) => (v === null ? hidden : v);
  for (const q of s.questions) {
    for (const item of q.items) {
      const tables: [string, string, TableFigures][] = [
        ["All", "All respondents", item.whole],
        ...s.breakdowns.flatMap((b) =>
          (item.groups[b.family] ?? []).map((t, i): [string, string, TableFigures] => [
            b.family,
            groupLabel(b.family, b.groups[i]?.id ?? "", s),
            t,
          ]),
        ),
      ];
      const line = (answer: string, family: string, group: string, base: number | null, cell: FigureCell) =>
        rows.push([
          q.title,
          item.row?.label ?? "",
          answer,
          family,
          group,
          num(base),
          num(cell.count),
          cell.percent === null ? hidden : cell.percent,
        ]);
      for (const [family, group, t] of tables) {
        q.options.forEach((o, i) => line(o.label, family, group, t.base, t.cells[i] ?? { count: null, percent: null }));
        if (t.agree)
          line(
            `Top two together (${q.options
              .slice(-2)
              .map((o) => o.label)
              .join(" or ")})`,
            family,
            group,
            t.base,
            t.agree,
          );
      }
    }
  }
  return { header, rows };
}
