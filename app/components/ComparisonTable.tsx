import type { TableFigures } from "~/results/figures";

export interface ComparisonColumn {
  label: string;
  table: TableFigures | undefined;
}

/**
 * Every shown group of a breakdown beside all respondents, answer by answer: percentages, with the
 * group's n in its heading; a withheld figure says so, the same way whatever the reason.
 */
export function ComparisonTable({ caption, answers, columns, hidden, extra }: {
  caption: string;
  answers: { label: string; index: number }[];
  columns: ComparisonColumn[];
  hidden: string;
  extra?: { label: string; cell: (t: TableFigures) => string | null };
}) {
  const show = (p: number | null | undefined) => (p === null || p === undefined ? hidden : `${Math.round(p)}%`);
  return (
    <div className="table-scroll">
      <table className="table comparison">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Answer</th>
            {columns.map((c, i) => (
              <th scope="col" key={i}>
                {c.label}
                <span className="n">n = {c.table?.base ?? hidden}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {answers.map((a) => (
            <tr key={a.index}>
              <th scope="row">{a.label}</th>
              {columns.map((c, i) => (
                <td key={i} className={c.table?.cells[a.index]?.percent === null ? "withheld" : undefined}>
                  {show(c.table?.cells[a.index]?.percent)}
                </td>
              ))}
            </tr>
          ))}
          {extra ? (
            <tr>
              <th scope="row">{extra.label}</th>
              {columns.map((c, i) => (
                <td key={i}>{c.table ? (extra.cell(c.table) ?? hidden) : hidden}</td>
              ))}
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
