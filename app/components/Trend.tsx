import type { TrendCellView, TrendView } from "~/results/trend-view";

const SIGN = { up: "▲", down: "▼" } as const;

function Change({ cell, words }: { cell: TrendCellView & { mark: "up" | "down" | null }; words: TrendWords }) {
  if (cell.withheld) return <Dash words={words} />;
  return (
    <>
      {cell.text}
      {cell.mark ? (
        <>
          <span className="sig" aria-hidden="true">
            {" "}
            {SIGN[cell.mark]}
          </span>
          <span className="visually-hidden">, {cell.mark === "up" ? words.up : words.down}</span>
        </>
      ) : null}
    </>
  );
}

function Dash({ words }: { words: TrendWords }) {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{words.withheld}</span>
    </>
  );
}

const Figure = ({ cell, words }: { cell: TrendCellView; words: TrendWords }) =>
  cell.withheld ? <Dash words={words} /> : <>{cell.text}</>;

export interface TrendWords {
  answer: string;
  withheld: string;
  up: string;
  down: string;
}

const COLOURS = ["#1f5fa8", "#c25a11", "#2f7d32", "#8a3ea0", "#a3271b", "#5b6770"];

/** Each answer's share across three or more waves: a small line chart, the table above it says the same in figures. */
function TrendChart({ chart }: { chart: NonNullable<TrendView["chart"]> }) {
  const w = 320;
  const h = 140;
  const pad = { l: 30, r: 10, t: 8, b: 22 };
  const x = (i: number) => pad.l + (i * (w - pad.l - pad.r)) / Math.max(1, chart.waves.length - 1);
  const y = (p: number) => pad.t + ((100 - p) * (h - pad.t - pad.b)) / 100;
  return (
    <figure className="trend-chart">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={chart.label}>
        {[0, 50, 100].map((p) => (
          <g key={p}>
            <line x1={pad.l} x2={w - pad.r} y1={y(p)} y2={y(p)} className="grid" />
            <text x={pad.l - 4} y={y(p) + 3} textAnchor="end" className="axis">
              {p}%
            </text>
          </g>
        ))}
        {chart.waves.map((label, i) => (
          <text key={i} x={x(i)} y={h - 6} textAnchor="middle" className="axis">
            {label}
          </text>
        ))}
        {chart.lines.map((line, li) => {
          const colour = COLOURS[li % COLOURS.length];
          // A withheld point breaks the line: segments join shown neighbours only.
          const segments: string[] = [];
          line.points.forEach((p, i) => {
            const prev = line.points[i - 1];
            if (p !== null && prev !== null && prev !== undefined)
              segments.push(`M${x(i - 1)},${y(prev)}L${x(i)},${y(p)}`);
          });
          return (
            <g key={li}>
              <path d={segments.join("")} stroke={colour} fill="none" strokeWidth={2} />
              {line.points.map((p, i) =>
                p === null ? null : <circle key={i} cx={x(i)} cy={y(p)} r={3} fill={colour} />,
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="trend-key">
          {chart.lines.map((line, li) => (
            <li key={li}>
              <span className="swatch" style={{ background: COLOURS[li % COLOURS.length] }} aria-hidden="true" />
              {line.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** A question's figures across the waves of its series, the change since the wave before, and the change among the same people. */
export function Trend({ trend, words, level }: { trend: TrendView; words: TrendWords; level: 3 | 4 }) {
  const Heading = level === 3 ? "h3" : "h4";
  const cls = (c: TrendCellView & { mark?: "up" | "down" | null }) =>
    c.withheld ? "withheld" : c.mark ? `significant ${c.mark === "up" ? "higher" : "lower"}` : undefined;
  return (
    <div className="trend">
      <Heading>{trend.heading}</Heading>
      {trend.rows.length ? (
        <div className="table-scroll">
          <table className="table comparison trend-table">
            <caption>{trend.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{words.answer}</th>
                {trend.columns.map((c, i) => (
                  <th scope="col" key={i}>
                    {c.label}
                    <span className="n">{c.n}</span>
                  </th>
                ))}
                <th scope="col">{trend.changeHeading}</th>
              </tr>
            </thead>
            <tbody>
              {trend.rows.map((r, ri) => (
                <tr key={ri}>
                  <th scope="row">{r.label}</th>
                  {r.cells.map((c, ci) => (
                    <td key={ci} className={cls(c)}>
                      <Figure cell={c} words={words} />
                    </td>
                  ))}
                  <td className={cls(r.change)}>
                    <Change cell={r.change} words={words} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {trend.chart ? <TrendChart chart={trend.chart} /> : null}
      {trend.groups ? (
        <div className="table-scroll">
          <table className="table comparison trend-table">
            <caption>{trend.groups.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{words.answer}</th>
                {trend.groups.columns.map((c, i) => (
                  <th scope="col" key={i}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {trend.groups.rows.map((r, ri) => (
                <tr key={ri}>
                  <th scope="row">{r.label}</th>
                  {r.cells.map((c, ci) => (
                    <td key={ci} className={cls(c)}>
                      <Change cell={c} words={words} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {trend.rows.length ? <p className="hint legend">{trend.legend}</p> : null}
      {trend.notes.map((n, i) => (
        <p key={i} className="hint">
          {n}
        </p>
      ))}
      {trend.same ? (
        <div className="same-people">
          <Heading>{trend.same.heading}</Heading>
          <p>{trend.same.intro}</p>
          {trend.same.table ? (
            <div className="table-scroll">
              <table className="table comparison same-table">
                <caption>{trend.same.table.caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{trend.same.table.corner}</th>
                    {trend.same.table.columns.map((c, i) => (
                      <th scope="col" key={i}>
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {trend.same.table.rows.map((r, ri) => (
                    <tr key={ri}>
                      <th scope="row">{r.label}</th>
                      {r.cells.map((c, ci) => (
                        <td key={ci} className={c.withheld ? "withheld" : undefined}>
                          <Figure cell={c} words={words} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {trend.same.moves.length ? (
            <dl className="moves">
              {trend.same.moves.map((m, i) => (
                <div key={i}>
                  <dt>{m.label}</dt>
                  <dd>
                    <Figure cell={m.value} words={words} />
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
