import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Bars } from "~/components/Bars";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { groupName, Question, ReadIn, type ReportData } from "~/components/ReportQuestion";
import { draftSnapshot } from "~/flows/publish.server";
import { readablePublication, resultsReader, type Reader } from "~/http/results-access.server";
import { browserLanguages } from "~/lib/browser-languages";
import { fill } from "~/lib/fill";
import { logoPath } from "~/lib/images";
import { getPanelById, type Panel } from "~/models/panel.server";
import { cachedDefinition } from "~/models/questionnaire.server";
import { getWaveBySlug, type Wave } from "~/models/wave.server";
import { reportPage } from "~/results/report-page.server";
import type { Snapshot } from "~/results/snapshot";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Results · Quorum" }];
  const s = data.snapshot;
  const description = s.respondents
    ? `${s.respondents} leaders shared their views${s.countries ? ` from ${s.countries} countries` : ""}. Results of ${s.title}.`
    : `Results of ${s.title}.`;
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
      return page(
        request,
        wave,
        { snapshot: (await draftSnapshot(wave)).snapshot, commentary: {} },
        { kind: "admin" },
        true,
        panel,
      );
    }
  }
  const { wave, publication, reader } = await readablePublication(request, params.waveSlug);
  const panel = await getPanelById(wave.panelId);
  return page(request, wave, publication, reader, false, panel);
}

async function page(
  request: Request,
  wave: Wave,
  publication: { snapshot: Snapshot; commentary: Record<string, string> },
  reader: Reader,
  preview: boolean,
  panel: Panel | undefined,
) {
  const url = new URL(request.url);
  return reportPage({
    definition: await cachedDefinition(wave.questionnaireVersionId),
    publication,
    answers: reader.kind === "respondent" ? reader.answers : null,
    asked: { lang: url.searchParams.get("lang"), by: url.searchParams.get("by") },
    browser: browserLanguages(request.headers.get("accept-language")),
    panelName: panel?.name ?? null,
    panelLogo: panel ? logoPath(panel) : null,
    preview,
  });
}

/** The page reads in the browser's language when the link names none: caches must keep one copy per language. */
export const headers: HeadersFunction = () => ({ Vary: "Accept-Language" });

export default function Results() {
  const data: ReportData = useLoaderData<typeof loader>();
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
      <p className="brand">
        {data.panelLogo ? <img className="panel-logo" src={data.panelLogo} alt="" /> : null}
        {data.panelName ? fill(text.brand, { panel: data.panelName }) : "Quorum"}
      </p>
      {preview ? (
        <p className="notice" role="note">
          Preview: this is what readers would see if you published now. Nothing is published yet.
        </p>
      ) : null}
      <h1>{s.title}</h1>
      <ReadIn data={data} />
      {s.suppressed ? (
        <p>{fill(text.suppressed, { k: s.minGroupSize })}</p>
      ) : (
        <>
          <section className="headline" aria-label={text.whoAnswered}>
            <p className="lede">
              {fill(text.lede, {
                respondents: number(s.respondents),
                organisations: number(s.organisations),
                countries: number(s.countries),
              })}
              {shownRegions.length
                ? `: ${shownRegions.map((g) => `${Math.round(g.percent)}% ${groupName("region", g.id, s, text)}`).join(", ")}${otherRegions ? `; ${fill(text.otherRegions, { percent: `${Math.round(otherRegions.percent)}%` })}` : ""}.`
                : "."}
            </p>
            {commentary.keyFindings ? (
              <div className="key-findings" dangerouslySetInnerHTML={{ __html: commentary.keyFindings }} />
            ) : null}
          </section>
          {data.standing.length ? (
            <section aria-labelledby="standing" className="standing">
              <h2 id="standing">{text.you}</h2>
              <ul>
                {data.standing.map((st) => (
                  <li key={st.question}>
                    <a href={`#q-${st.question}`}>{st.title}</a>:{" "}
                    {fill(text.youAnswered, {
                      answers: st.answers.map((a) => `“${a.label}”`).join(", "),
                      percents: st.answers.map((a) => percent(a.percent)).join(", "),
                    })}
                    {st.answers.length === 1 && st.answers[0]?.rank === 1 ? text.mostCommon : ""}.
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {regions ? (
            <section aria-labelledby="region-mix">
              <h2 id="region-mix">{text.whoAnswered}</h2>
              <Bars
                label={text.byRegion}
                hidden={hidden}
                text={text}
                bars={regions.groups.map((g) => ({ label: groupName("region", g.id, s, text), percent: g.percent }))}
              />
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
          {fill(text.fieldwork, {
            from: data.dates.opens,
            to: data.dates.closes ? fill(text.fieldworkTo, { date: data.dates.closes }) : "",
            published: data.dates.published,
          })}
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
