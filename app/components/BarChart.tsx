export interface Bar {
  label: string;
  percent: number | null;
  compare?: number | null;
  mine?: boolean;
}

/**
 * Horizontal bars as SVG (no canvas, prints cleanly) with each figure as text, and the same
 * figures in a table for screen readers.
 */
export function BarChart({ title, bars, compareLabel, base }: { title: string; bars: Bar[]; compareLabel?: string; base: number | null }) {
  const row = compareLabel ? 44 : 30;
  const width = 640;
  const labelWidth = 260;
  const barWidth = width - labelWidth - 70;
  const height = bars.length * row + 8;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-hidden="true" focusable="false">
        {bars.map((b, i) => {
          const y = i * row + 4;
          const w = ((b.percent ?? 0) / 100) * barWidth;
          const c = ((b.compare ?? 0) / 100) * barWidth;
          return (
            <g key={i}>
              <text x={labelWidth - 8} y={y + 15} textAnchor="end" fontSize="13" fill="#1b2330">
                {b.label.length > 38 ? `${b.label.slice(0, 36)}…` : b.label}
                {b.mine ? " (you)" : ""}
              </text>
              <rect x={labelWidth} y={y + 3} width={Math.max(w, 1)} height="16" rx="2" fill={b.mine ? "#0b3d78" : "#1a5fb4"} />
              <text x={labelWidth + Math.max(w, 1) + 6} y={y + 15} fontSize="13" fill="#1b2330">
                {b.percent === null ? "–" : `${Math.round(b.percent)}%`}
              </text>
              {compareLabel ? (
                <>
                  <rect x={labelWidth} y={y + 22} width={Math.max(c, 1)} height="12" rx="2" fill="#9aa7b8" />
                  <text x={labelWidth + Math.max(c, 1) + 6} y={y + 33} fontSize="11" fill="#4a5568">
                    {b.compare === null || b.compare === undefined ? "–" : `${Math.round(b.compare)}%`}
                  </text>
                </>
              ) : null}
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>
          {title}
          {base !== null ? ` (n = ${base})` : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">Answer</th>
            <th scope="col">Percent</th>
            {compareLabel ? <th scope="col">{compareLabel}</th> : null}
          </tr>
        </thead>
        <tbody>
          {bars.map((b, i) => (
            <tr key={i}>
              <th scope="row">
                {b.label}
                {b.mine ? " (your answer)" : ""}
              </th>
              <td>{b.percent === null ? "hidden" : `${Math.round(b.percent)}%`}</td>
              {compareLabel ? <td>{b.compare === null || b.compare === undefined ? "hidden" : `${Math.round(b.compare)}%`}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
