/** Cumulative completions per day as an SVG line, with the figures in a visually hidden table. */
export function CompletionCurve({
  points,
  invited,
}: {
  points: { day: string; cumulative: number }[];
  invited: number;
}) {
  if (points.length === 0) return <p className="hint">No completions yet.</p>;
  const single = points.length === 1 ? points[0] : undefined;
  const width = 600;
  const height = 180;
  const pad = 32;
  const max = Math.max(1, invited, ...points.map((p) => p.cumulative));
  const x = (i: number) =>
    pad + (points.length === 1 ? (width - 2 * pad) / 2 : (i * (width - 2 * pad)) / (points.length - 1));
  const y = (v: number) => height - pad - (v * (height - 2 * pad)) / max;
  const path = points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.cumulative).toFixed(1)}`).join(" ");
  const last = points[points.length - 1] as { day: string; cumulative: number };
  return (
    <figure>
      {single ? (
        <figcaption className="hint">
          {`All ${single.cumulative.toLocaleString("en")} ${single.cumulative === 1 ? "completion" : "completions"} so far came on ${single.day}: one point until a second day has some.`}
        </figcaption>
      ) : null}
      <svg className="curve" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="curve-title">
        <title id="curve-title">{`Completions over time: ${last.cumulative} by ${last.day}`}</title>
        <line x1={pad} y1={height - pad} x2={width - pad} y2={height - pad} stroke="#8a94a3" />
        <line x1={pad} y1={pad} x2={pad} y2={height - pad} stroke="#8a94a3" />
        <text x={pad - 6} y={y(max) + 4} textAnchor="end" fontSize="11">
          {max}
        </text>
        <text x={pad - 6} y={height - pad + 4} textAnchor="end" fontSize="11">
          0
        </text>
        <path d={path} fill="none" stroke="#1a5fb4" strokeWidth="2.5" />
        {points.map((p, i) => (
          <circle key={p.day} cx={x(i)} cy={y(p.cumulative)} r="3" fill="#1a5fb4" />
        ))}
        {points.length === 1 ? (
          // One day so far: one date, under its dot (both ends of the axis are that day).
          <text x={x(0)} y={height - 8} fontSize="11" textAnchor="middle">
            {last.day}
          </text>
        ) : (
          <>
            <text x={pad} y={height - 8} fontSize="11">
              {points[0]?.day}
            </text>
            <text x={width - pad} y={height - 8} fontSize="11" textAnchor="end">
              {last.day}
            </text>
          </>
        )}
      </svg>
      <table className="visually-hidden">
        <caption>Completions by day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Completed so far</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.day}>
              <td>{p.day}</td>
              <td>{p.cumulative}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
