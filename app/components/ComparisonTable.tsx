import type { CellView, TableView } from "~/results/report-view";

const SIGN = { higher: "▲", lower: "▼" } as const;

function Figure({ cell, words }: { cell: CellView; words: { higher: string; lower: string } }) {
  if (cell.withheld)
    return (
      <>
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{cell.text}</span>
      </>
    );
  return (
    <>
      {cell.text}
      {cell.mark ? (
        <>
          <span className="sig" aria-hidden="true">
            {" "}
            {SIGN[cell.mark]}
          </span>
          <span className="visually-hidden">, {words[cell.mark]}</span>
        </>
      ) : null}
    </>
  );
}

/**
 * Every shown group of a breakdown beside all respondents (the first column), answer by answer, with
 * each group's n in its heading; a withheld figure is a dash, said in words to screen readers and in
 * the legend; ▲ ▼ mark a group that differs from everyone else by more than chance would explain.
 * On a phone the table gives way to one block per group (each answer and the group's figure), so
 * no column is out of sight; print and wide screens keep the table.
 */
export function ComparisonTable({ table, words }: { table: TableView; words: { higher: string; lower: string } }) {
  const cls = (c: CellView) => (c.withheld ? "withheld" : c.mark ? `significant ${c.mark}` : undefined);
  return (
    <div className="comparison-wrap">
      <div className="table-scroll">
        <table className="table comparison">
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{table.answerHeading}</th>
              {table.columns.map((c, i) => (
                <th scope="col" key={i}>
                  {c.label}
                  <span className="n">{c.n}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, ri) => (
              <tr key={ri}>
                <th scope="row">{r.label}</th>
                {r.cells.map((c, ci) => (
                  <td key={ci} className={cls(c)}>
                    <Figure cell={c} words={words} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="group-blocks">
        <summary>{table.blocksSummary}</summary>
        {table.columns.slice(1).map((c, ci) => (
          <div className="group-block" key={ci}>
            <h3>
              {c.label} <span className="n">{c.n}</span>
            </h3>
            <dl>
              {table.rows.map((r, ri) => (
                <div key={ri} className={cls(r.cells[ci + 1]!)}>
                  <dt>{r.label}</dt>
                  <dd>
                    <Figure cell={r.cells[ci + 1]!} words={words} />
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </details>
      {table.legend ? <p className="hint legend">{table.legend}</p> : null}
    </div>
  );
}
