import { differenceFromRest, type Difference } from "~/lib/significance";
import type { TableFigures } from "~/results/figures";

export interface ComparisonColumn {
  label: string;
  table: TableFigures | undefined;
}

const SIGN: Record<Exclude<Difference, null>, string> = { higher: "▲", lower: "▼" };

/** The table's words in the report's language (English when not given). */
export interface TableText {
  answer: string;
  higher: string;
  lower: string;
  legendHidden: string;
  legendSignificant: string;
}

const ENGLISH: TableText = {
  answer: "Answer",
  higher: "significantly higher than everyone else",
  lower: "significantly lower than everyone else",
  legendHidden: "– {{hidden}} (see Methodology).",
  legendSignificant: "▲ ▼ higher or lower than everyone else by more than chance would explain (95%, see Methodology).",
};

/**
 * Every shown group of a breakdown beside all respondents (the first column), answer by answer:
 * percentages, with the group's n in its heading; a withheld figure says so, the same way whatever
 * the reason. A group's figure that differs from everyone else's by more than chance would explain
 * (two-proportion test at 95%, lib/significance.ts) carries ▲ or ▼, said in words to screen readers.
 */
export function ComparisonTable({
  caption,
  answers,
  columns,
  hidden,
  extra,
  text = ENGLISH,
}: {
  caption: string;
  answers: { label: string; index: number }[];
  columns: ComparisonColumn[];
  hidden: string;
  extra?: { label: string; cell: (t: TableFigures) => string | null };
  text?: TableText;
}) {
  // In a table a withheld figure is a dash, said in words to screen readers and in the legend.
  const show = (p: number | null | undefined) =>
    p === null || p === undefined ? (
      <>
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{hidden}</span>
      </>
    ) : (
      `${Math.round(p)}%`
    );
  const anyWithheld = columns.some(
    (c) => c.table?.base === null || answers.some((a) => (c.table?.cells[a.index]?.percent ?? null) === null),
  );
  const whole = columns[0]?.table;
  const difference = (column: number, answer: number): Difference => {
    const group = columns[column]?.table;
    if (column === 0 || !group || !whole) return null;
    return differenceFromRest(
      { count: group.cells[answer]?.count ?? null, base: group.base },
      { count: whole.cells[answer]?.count ?? null, base: whole.base },
    );
  };
  const marked = columns.some((_, c) => answers.some((a) => difference(c, a.index) !== null));
  return (
    <div className="table-scroll">
      <table className="table comparison">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{text.answer}</th>
            {columns.map((c, i) => (
              <th scope="col" key={i}>
                {c.label}
                <span className="n">
                  n ={" "}
                  {c.table?.base === null || c.table?.base === undefined
                    ? show(null)
                    : c.table.base.toLocaleString("en")}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {answers.map((a) => (
            <tr key={a.index}>
              <th scope="row">{a.label}</th>
              {columns.map((c, i) => {
                const d = difference(i, a.index);
                return (
                  <td
                    key={i}
                    className={
                      c.table?.cells[a.index]?.percent === null ? "withheld" : d ? `significant ${d}` : undefined
                    }
                  >
                    {show(c.table?.cells[a.index]?.percent)}
                    {d ? (
                      <>
                        <span className="sig" aria-hidden="true">
                          {" "}
                          {SIGN[d]}
                        </span>
                        <span className="visually-hidden">, {text[d]}</span>
                      </>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
          {extra ? (
            <tr>
              <th scope="row">{extra.label}</th>
              {columns.map((c, i) => (
                <td key={i}>{(c.table ? extra.cell(c.table) : null) ?? show(null)}</td>
              ))}
            </tr>
          ) : null}
        </tbody>
      </table>
      {marked || anyWithheld ? (
        <p className="hint legend">
          {anyWithheld ? <>{text.legendHidden.replace("{{hidden}}", hidden)} </> : null}
          {marked ? text.legendSignificant : null}
        </p>
      ) : null}
    </div>
  );
}
