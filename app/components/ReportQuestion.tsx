import { Bars } from "~/components/Bars";
import { ComparisonTable } from "~/components/ComparisonTable";
import { Trend, type TrendWords } from "~/components/Trend";
import type { QuoteView, SectionView } from "~/results/report-view";

/** Words the report's sections need beyond what each section carries. */
export interface SectionWords {
  you: string;
  higher: string;
  lower: string;
  trend?: TrendWords;
}

export function Quote({ quote }: { quote: QuoteView }) {
  return (
    <figure className="quote">
      <blockquote>
        <p>{quote.text}</p>
      </blockquote>
      <figcaption>{quote.attribution}</figcaption>
    </figure>
  );
}

/** One question of the report: its finding, its figures for everyone and by group, its quotes. */
export function Question({
  section,
  words,
  level = 2,
  findingLang,
}: {
  section: SectionView;
  words: SectionWords;
  level?: 2 | 3;
  findingLang?: string;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section className="result" aria-labelledby={section.id}>
      <div className="result-head">
        {section.finding ? (
          <div className="finding" lang={findingLang} dangerouslySetInnerHTML={{ __html: section.finding }} />
        ) : null}
        <Heading id={section.id} className={section.finding ? "question-under-finding" : undefined}>
          {section.title}
        </Heading>
        {section.note ? <p>{section.note}</p> : null}
        {section.charts[0]?.hint ? <p className="hint">{section.charts[0].hint}</p> : null}
      </div>
      {section.charts.map((chart, i) => (
        <div key={i} className="chart">
          {i > 0 && chart.hint ? <p className="hint">{chart.hint}</p> : null}
          {chart.list ? <Bars list={chart.list} you={words.you} /> : null}
          {chart.lines.map((line, j) => (
            <p key={j} className="hint">
              {line}
            </p>
          ))}
          {chart.table ? <ComparisonTable table={chart.table} words={words} /> : null}
        </div>
      ))}
      {section.trend && words.trend ? (
        <Trend trend={section.trend} words={words.trend} level={level === 2 ? 3 : 4} />
      ) : null}
      {section.quotes.map((quote, i) => (
        <Quote key={i} quote={quote} />
      ))}
    </section>
  );
}
