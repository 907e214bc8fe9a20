export interface Bar {
  label: string;
  percent: number | null;
  /** Marks the reader's own answer. */
  mine?: boolean;
}

/**
 * Horizontal bars in HTML: labels wrap at body size on a phone and print as text. Each bar says its
 * figure; a hidden one says why it has none. A list, so screen readers read label and figure together.
 */
export function Bars({
  bars,
  hidden,
  label,
  text,
}: {
  bars: Bar[];
  hidden: string;
  label: string;
  text?: { yourAnswer: string };
}) {
  return (
    <ul className="bars" aria-label={label}>
      {bars.map((b, i) => (
        <li key={i} className={`bar${b.mine ? " mine" : ""}${b.percent === null ? " withheld" : ""}`}>
          <span className="bar-label">
            {b.label}
            {b.mine ? <strong className="you"> · {text?.yourAnswer ?? "your answer"}</strong> : null}
          </span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(100, b.percent ?? 0))}%` }} />
          </span>
          <span className="bar-value">{b.percent === null ? hidden : `${Math.round(b.percent)}%`}</span>
        </li>
      ))}
    </ul>
  );
}
