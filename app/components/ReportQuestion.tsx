import type { SerializeFrom } from "@remix-run/node";
import { Bars } from "~/components/Bars";
import { ComparisonTable } from "~/components/ComparisonTable";
import { fill } from "~/lib/fill";
import type { QuestionFigures, TableFigures } from "~/results/figures";
import { groupLabel, longListRest, optionOrder } from "~/results/published-view";
import { OTHER } from "~/results/groups";
import type { reportPage } from "~/results/report-page.server";
import type { Snapshot } from "~/results/snapshot";

/** What the published page's loader hands the page. */
export type ReportData = SerializeFrom<typeof reportPage>;
type Data = ReportData;

/** One question of the report: its finding, its figures for everyone and by group, its quotes. */
export function Question({ q, data }: { q: QuestionFigures; data: Data }) {
  const { snapshot: s, commentary, breakdown, mine, text } = data;
  const hidden = fill(text.hidden, { k: s.minGroupSize });
  const familyName = (f: string) => (text.family as Record<string, string>)[f] ?? f;
  const family = breakdown ? s.breakdowns.find((b) => b.family === breakdown) : undefined;
  const rest = longListRest(q);
  // A long list shows what is shown, ranked, and the rest on one line together.
  const order = optionOrder(q).filter((i) => !rest || q.items[0]?.whole.cells[i]?.count !== null);
  const columns = (item: QuestionFigures["items"][number]) => [
    { label: text.allRespondents, table: item.whole },
    ...(family && !q.identifying
      ? family.groups.map((g, i) => ({
          label: groupName(family.family, g.id, s, text),
          table: item.groups[family.family]?.[i],
        }))
      : []),
  ];
  const quotes = (s.quotes ?? []).filter((x) => x.question === q.name);
  const answered = q.items[0]?.whole.base;
  const head = (t: TableFigures) =>
    `n = ${t.base === null ? hidden : t.base.toLocaleString(data.language)}${t.mean !== undefined && t.mean !== null ? ` · ${text.mean} ${t.mean}` : ""}`;
  return (
    <section className="result" aria-labelledby={`q-${q.name}`}>
      {commentary[q.name] ? (
        <div className="finding" dangerouslySetInnerHTML={{ __html: commentary[q.name] as string }} />
      ) : null}
      <h2 id={`q-${q.name}`} className={commentary[q.name] ? "question-under-finding" : undefined}>
        {q.title}
      </h2>
      {answered === null || answered === undefined ? (
        <p>{fill(text.tooFew, { k: s.minGroupSize })}</p>
      ) : answered === 0 ? (
        <p>{text.nobody}</p>
      ) : q.kind === "matrix" ? (
        <>
          <p className="hint">{text.agreeHint}</p>
          <Bars
            label={`${q.title}: ${text.agreeHint}`}
            hidden={hidden}
            text={text}
            bars={q.items.map((it) => ({ label: it.row?.label ?? "", percent: it.whole.agree?.percent ?? null }))}
          />
          {family ? (
            <ComparisonTable
              caption={fill(text.agreeBy, { group: familyName(family.family).toLowerCase() })}
              hidden={hidden}
              text={text}
              answers={q.items.map((it, i) => ({ label: it.row?.label ?? "", index: i }))}
              columns={columns(q.items[0]!).map((c, ci) => ({
                label: c.label,
                table: {
                  base: c.table?.base ?? null,
                  cells: q.items.map(
                    (it) =>
                      (ci === 0 ? it.whole : it.groups[family.family]?.[ci - 1])?.agree ?? {
                        count: null,
                        percent: null,
                      },
                  ),
                },
              }))}
            />
          ) : null}
        </>
      ) : (
        q.items.map((item, ii) => (
          <div key={ii}>
            <p className="hint">{head(item.whole)}</p>
            <Bars
              label={q.title}
              hidden={hidden}
              text={text}
              bars={[
                ...order.map((i) => ({
                  label: q.options[i]!.label,
                  percent: item.whole.cells[i]?.percent ?? null,
                  mine: mine[q.name]?.includes(q.options[i]!.value),
                })),
                ...(rest ? [{ label: fill(text.otherAnswers, { count: rest.options }), percent: rest.percent }] : []),
              ]}
            />
            {item.whole.ranks ? (
              <p className="hint">
                {text.averagePosition}{" "}
                {q.options.map((o, i) => `${o.label} ${item.whole.ranks?.[i] ?? hidden}`).join("; ")}
              </p>
            ) : null}
            {item.whole.agree ? (
              <p className="hint">
                {text.topTwo} {item.whole.agree.percent === null ? hidden : `${Math.round(item.whole.agree.percent)}%`}
              </p>
            ) : null}
            {family && !q.identifying ? (
              <ComparisonTable
                caption={fill(text.by, { question: q.title, group: familyName(family.family).toLowerCase() })}
                hidden={hidden}
                text={text}
                answers={order.map((i) => ({ label: q.options[i]!.label, index: i }))}
                columns={columns(item)}
                extra={
                  q.kind === "rating"
                    ? {
                        label: text.meanRow,
                        cell: (t) => (t.mean === null || t.mean === undefined ? null : String(t.mean)),
                      }
                    : undefined
                }
              />
            ) : null}
          </div>
        ))
      )}
      {quotes.map((quote, i) => (
        <figure key={i} className="quote">
          <blockquote>
            <p>“{quote.text}”</p>
          </blockquote>
          <figcaption>{quote.attribution}</figcaption>
        </figure>
      ))}
    </section>
  );
}

/** A group's name in the report's language (regions are proper names; merged groups are never named one by one). */
export function groupName(family: string, id: string, figures: Snapshot, text: Data["text"]): string {
  if (id === OTHER) return (text.familyOther as Record<string, string>)[family] ?? groupLabel(family, id, figures);
  if (family === "region") return (text.regions as Record<string, string>)[id] ?? id;
  return groupLabel(family, id, figures);
}

/** The report in another language of its questionnaire: links, so it works without JavaScript and can be shared. */
export function ReadIn({ data }: { data: Data }) {
  if (data.languages.length < 2) return null;
  return (
    <nav className="language-switcher" aria-label={data.text.readIn}>
      <p>
        {data.text.readIn}:{" "}
        {data.languages.map((l, i) => (
          <span key={l.code}>
            {i > 0 ? " · " : ""}
            {l.code === data.language ? (
              <strong lang={l.code}>{l.name}</strong>
            ) : (
              <a href={`?lang=${l.code}`} hrefLang={l.code} lang={l.code}>
                {l.name}
              </a>
            )}
          </span>
        ))}
      </p>
    </nav>
  );
}
