import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Bars } from "~/components/Bars";
import { ComparisonTable } from "~/components/ComparisonTable";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { draftSnapshot } from "~/flows/publish.server";
import { readablePublication, resultsReader, type Reader } from "~/http/results-access.server";
import { fill } from "~/lib/fill";
import { cachedDefinition } from "~/models/questionnaire.server";
import { browserLanguages } from "~/lib/browser-languages";
import { commentaryFor, reportLanguage } from "~/results/report-language.server";
import { getPanelById } from "~/models/panel.server";
import { getWaveBySlug, type Wave } from "~/models/wave.server";
import type { QuestionFigures, TableFigures } from "~/results/figures";
import { chosenBreakdown, comparableBreakdowns, groupLabel, inLanguage, longListRest, optionOrder, ownChoices, pageText, standing } from "~/results/published-view";
import { OTHER } from "~/results/groups";
import type { Snapshot } from "~/results/snapshot";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Results · Quorum" }];
  const s = data.snapshot;
  const description = s.respondents ? `${s.respondents} leaders shared their views${s.countries ? ` from ${s.countries} countries` : ""}. Results of ${s.title}.` : `Results of ${s.title}.`;
  return [
    { title: `${s.title}: results · Quorum` },
    { name: "description", content: description },
    { property: "og:title", content: `${s.title}: results` },
    { property: "og:description", content: description },
    { property: "og:type", content: "article" },
  ];
};

export async function loader({ params, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // An admin previews exactly what publishing now would show, before anything is published.
  if (url.searchParams.get("preview") === "1") {
    const wave = params.waveSlug ? await getWaveBySlug(params.waveSlug) : undefined;
    if (wave && (await resultsReader(request, wave)).kind === "admin") {
      const panel = await getPanelById(wave.panelId);
      return view(url, wave, { snapshot: (await draftSnapshot(wave)).snapshot, commentary: {} }, { kind: "admin" }, true, panel?.name ?? null, browserLanguages(request.headers.get("accept-language")));
    }
  }
  const { wave, publication, reader } = await readablePublication(request, params.waveSlug);
  const panel = await getPanelById(wave.panelId);
  return view(url, wave, publication, reader, false, panel?.name ?? null, browserLanguages(request.headers.get("accept-language")));
}

/** The page reads in the browser's language when the link names none: caches must keep one copy per language. */
export const headers: HeadersFunction = () => ({ Vary: "Accept-Language" });

async function view(url: URL, wave: Wave, publication: { snapshot: Snapshot; commentary: Record<string, string> }, reader: Reader, preview: boolean, panelName: string | null, browser: readonly string[]) {
  // Read in any language the questionnaire has: its titles and labels, our sentences, their commentary where written.
  const lang = reportLanguage(await cachedDefinition(wave.questionnaireVersionId), url.searchParams.get("lang"), browser);
  const language = lang.language;
  const s = lang.labels ? inLanguage(publication.snapshot, lang.labels) : publication.snapshot;
  const breakdown = chosenBreakdown(s, url.searchParams.get("by"));
  const mine = ownChoices(s, reader.kind === "respondent" ? reader.answers : null);
  return {
    snapshot: s,
    panelName,
    language,
    dir: lang.dir,
    languages: lang.languages,
    text: pageText(lang.text, s, reader.kind === "respondent"),
    dates: { opens: lang.date(s.fieldwork.opensAt), closes: s.fieldwork.closesAt ? lang.date(s.fieldwork.closesAt) : null, published: lang.date(s.publishedAt) },
    // The panel team's Markdown, rendered here to HTML that can carry nothing but text, emphasis, lists and safe links.
    commentary: commentaryFor(publication.commentary, language),
    standing: standing(s, mine),
    breakdown: breakdown?.family ?? null,
    breakdowns: comparableBreakdowns(s).map((b) => b.family),
    mine,
    signedIn: reader.kind === "respondent",
    preview,
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function Question({ q, data }: { q: QuestionFigures; data: Data }) {
  const { snapshot: s, commentary, breakdown, mine, text } = data;
  const hidden = fill(text.hidden, { k: s.minGroupSize });
  const familyName = (f: string) => (text.family as Record<string, string>)[f] ?? f;
  const family = breakdown ? s.breakdowns.find((b) => b.family === breakdown) : undefined;
  const rest = longListRest(q);
  // A long list shows what is shown, ranked, and the rest on one line together.
  const order = optionOrder(q).filter((i) => !rest || q.items[0]?.whole.cells[i]?.count !== null);
  const columns = (item: QuestionFigures["items"][number]) => [
    { label: text.allRespondents, table: item.whole },
    ...(family && !q.identifying ? family.groups.map((g, i) => ({ label: groupName(family.family, g.id, s, text), table: item.groups[family.family]?.[i] })) : []),
  ];
  const quotes = (s.quotes ?? []).filter((x) => x.question === q.name);
  const answered = q.items[0]?.whole.base;
  const head = (t: TableFigures) => `n = ${t.base === null ? hidden : t.base.toLocaleString(data.language)}${t.mean !== undefined && t.mean !== null ? ` · ${text.mean} ${t.mean}` : ""}`;
  return (
    <section className="result" aria-labelledby={`q-${q.name}`}>
      {commentary[q.name] ? <div className="finding" dangerouslySetInnerHTML={{ __html: commentary[q.name] as string }} /> : null}
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
          <Bars label={`${q.title}: ${text.agreeHint}`} hidden={hidden} text={text} bars={q.items.map((it) => ({ label: it.row?.label ?? "", percent: it.whole.agree?.percent ?? null }))} />
          {family ? (
            <ComparisonTable
              caption={fill(text.agreeBy, { group: familyName(family.family).toLowerCase() })}
              hidden={hidden}
              text={text}
              answers={q.items.map((it, i) => ({ label: it.row?.label ?? "", index: i }))}
              columns={columns(q.items[0]!).map((c, ci) => ({ label: c.label, table: { base: c.table?.base ?? null, cells: q.items.map((it) => (ci === 0 ? it.whole : it.groups[family.family]?.[ci - 1])?.agree ?? { count: null, percent: null }) } }))}
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
                ...order.map((i) => ({ label: q.options[i]!.label, percent: item.whole.cells[i]?.percent ?? null, mine: mine[q.name]?.includes(q.options[i]!.value) })),
                ...(rest ? [{ label: fill(text.otherAnswers, { count: rest.options }), percent: rest.percent }] : []),
              ]}
            />
            {item.whole.ranks ? (
              <p className="hint">
                {text.averagePosition}{" "}
                {q.options.map((o, i) => `${o.label} ${item.whole.ranks?.[i] ?? hidden}`).join("; ")}
              </p>
            ) : null}
            {item.whole.agree ? <p className="hint">{text.topTwo} {item.whole.agree.percent === null ? hidden : `${Math.round(item.whole.agree.percent)}%`}</p> : null}
            {family && !q.identifying ? (
              <ComparisonTable
                caption={fill(text.by, { question: q.title, group: familyName(family.family).toLowerCase() })}
                hidden={hidden}
                text={text}
                answers={order.map((i) => ({ label: q.options[i]!.label, index: i }))}
                columns={columns(item)}
                extra={q.kind === "rating" ? { label: text.meanRow, cell: (t) => (t.mean === null || t.mean === undefined ? null : String(t.mean)) } : undefined}
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
function groupName(family: string, id: string, figures: Snapshot, text: Data["text"]): string {
  if (id === OTHER) return (text.familyOther as Record<string, string>)[family] ?? groupLabel(family, id, figures);
  if (family === "region") return (text.regions as Record<string, string>)[id] ?? id;
  return groupLabel(family, id, figures);
}

/** The report in another language of its questionnaire: links, so it works without JavaScript and can be shared. */
function ReadIn({ data }: { data: Data }) {
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

export default function Results() {
  const data = useLoaderData<typeof loader>();
  const { snapshot: s, commentary, preview, breakdowns, breakdown, text, language } = data;
  const hidden = fill(text.hidden, { k: s.minGroupSize });
  const number = (n: number | null | undefined) => (n === null || n === undefined ? "" : n.toLocaleString(language));
  const regions = s.breakdowns.find((b) => b.family === "region");
  const shownRegions = regions?.groups.filter((g) => !g.other) ?? [];
  const otherRegions = regions?.groups.find((g) => g.other);
  const quoted = new Set(s.questions.map((q) => q.name));
  const looseQuotes = (s.quotes ?? []).filter((x) => !quoted.has(x.question));
  const percent = (p: number | null) => (p === null ? hidden : `${Math.round(p)}%`);
  return (
    <main id="main" className="page results" lang={language} dir={data.dir}>
      <p className="brand">{data.panelName ? fill(text.brand, { panel: data.panelName }) : "Quorum"}</p>
      {preview ? <p className="notice" role="note">Preview: this is what readers would see if you published now. Nothing is published yet.</p> : null}
      <h1>{s.title}</h1>
      <ReadIn data={data} />
      {s.suppressed ? (
        <p>{fill(text.suppressed, { k: s.minGroupSize })}</p>
      ) : (
        <>
          <section className="headline" aria-label={text.whoAnswered}>
            <p className="lede">
              {fill(text.lede, { respondents: number(s.respondents), organisations: number(s.organisations), countries: number(s.countries) })}
              {shownRegions.length
                ? `: ${shownRegions.map((g) => `${Math.round(g.percent)}% ${groupName("region", g.id, s, text)}`).join(", ")}${otherRegions ? `; ${fill(text.otherRegions, { percent: `${Math.round(otherRegions.percent)}%` })}` : ""}.`
                : "."}
            </p>
            {commentary.keyFindings ? <div className="key-findings" dangerouslySetInnerHTML={{ __html: commentary.keyFindings }} /> : null}
          </section>
          {data.standing.length ? (
            <section aria-labelledby="standing" className="standing">
              <h2 id="standing">{text.you}</h2>
              <ul>
                {data.standing.map((st) => (
                  <li key={st.question}>
                    <a href={`#q-${st.question}`}>{st.title}</a>:{" "}
                    {fill(text.youAnswered, { answers: st.answers.map((a) => `“${a.label}”`).join(", "), percents: st.answers.map((a) => percent(a.percent)).join(", ") })}
                    {st.answers.length === 1 && st.answers[0]?.rank === 1 ? text.mostCommon : ""}.
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {regions ? (
            <section aria-labelledby="region-mix">
              <h2 id="region-mix">{text.whoAnswered}</h2>
              <Bars label={text.byRegion} hidden={hidden} text={text} bars={regions.groups.map((g) => ({ label: groupName("region", g.id, s, text), percent: g.percent }))} />
            </section>
          ) : null}
          {breakdowns.length ? (
            <Form method="get" className="segment-picker inline-form form">
              {preview ? <input type="hidden" name="preview" value="1" /> : null}
              {language !== data.languages[0]?.code ? <input type="hidden" name="lang" value={language} /> : null}
              <div className="field">
                <label htmlFor="by">{text.compareBy}</label>
                <select id="by" name="by" defaultValue={breakdown ?? undefined}>
                  {breakdowns.map((f) => (
                    <option key={f} value={f}>
                      {(text.family as Record<string, string>)[f] ?? f}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button">
                {text.show}
              </button>
            </Form>
          ) : null}
          {s.questions.map((q) => (
            <Question key={q.name} q={q} data={data} />
          ))}
          {looseQuotes.length ? (
            <section className="result quotes" aria-labelledby="quotes">
              <h2 id="quotes">{text.inTheirWords}</h2>
              {looseQuotes.map((quote, i) => (
                <figure key={i} className="quote">
                  <blockquote>
                    <p>“{quote.text}”</p>
                  </blockquote>
                  <figcaption>{quote.attribution}</figcaption>
                </figure>
              ))}
            </section>
          ) : null}
        </>
      )}
      <section aria-labelledby="methodology" className="methodology">
        <h2 id="methodology">{text.methodology}</h2>
        <p>
          {fill(text.fieldwork, { from: data.dates.opens, to: data.dates.closes ? fill(text.fieldworkTo, { date: data.dates.closes }) : "", published: data.dates.published })}
          {s.respondents !== null ? fill(text.completed, { count: number(s.respondents) }) : ""} {text.percentages}
        </p>
        <p>{fill(text.protection, { k: s.minGroupSize, km1: s.minGroupSize - 1, hidden })}</p>
        <p>{text.significance}</p>
        {!preview ? (
          <p>
            <a href={`/results/${s.wave}.csv`}>{text.csv}</a>
          </p>
        ) : null}
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return (
    <main id="main" className="page narrow">
      <GeneralErrorBoundary
        statusHandlers={{
          403: ({ data }) => (
            <>
              <h1>These results are not public</h1>
              <p>{String(data)}</p>
            </>
          ),
          404: () => (
            <>
              <h1>No results here yet</h1>
              <p>These results are not published, or the address is mistyped.</p>
            </>
          ),
        }}
      />
    </main>
  );
}
