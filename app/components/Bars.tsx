import type { BarView, ListView } from "~/results/report-view";

function BarList({ bars, label, you }: { bars: BarView[]; label: string; you: string }) {
  return (
    <ul className="bars" aria-label={label}>
      {bars.map((b, i) => (
        <li key={i} className={`bar${b.mine ? " mine" : ""}${b.withheld ? " withheld" : ""}`}>
          <span className="bar-label">
            {b.label}
            {b.mine ? <strong className="you"> · {you}</strong> : null}
          </span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${b.width}%` }} />
          </span>
          <span className="bar-value">{b.value}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Horizontal bars in HTML: labels wrap at body size on a phone and print as text. Each bar says its
 * figure; a withheld one says why it has none. A list, so screen readers read label and figure
 * together. A long list shows its largest answers; the rest open from a <details> (no script needed).
 */
export function Bars({ list, you }: { list: ListView; you: string }) {
  return (
    <>
      <BarList bars={list.bars} label={list.label} you={you} />
      {list.more ? (
        <details className="more">
          <summary>{list.more.summary}</summary>
          <BarList bars={list.more.bars} label={list.more.summary} you={you} />
        </details>
      ) : null}
    </>
  );
}
