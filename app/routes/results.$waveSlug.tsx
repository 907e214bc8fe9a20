import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Bars } from "~/components/Bars";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { Question, Quote } from "~/components/ReportQuestion";
import { draftSnapshot } from "~/flows/publish.server";
import { readablePublication, resultsReader, type Reader } from "~/http/results-access.server";
import { busyAs503 } from "~/http/figures-busy.server";
import { browserLanguages } from "~/lib/language";
import { logoPath } from "~/lib/panel";
import { getPanelById, type Panel } from "~/models/panel.server";
import { cachedDefinition } from "~/models/questionnaire.server";
import { getWaveBySlug, type Wave } from "~/models/wave.server";
import { reportPage } from "~/results/report-page.server";
import type { Snapshot } from "~/results/snapshot";
import reportCss from "~/styles/report.css";

/** The report reads fully as HTML: no script, no data for one (root.tsx sends none to this page). */
export const handle = { hydrate: false };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Results · Quorum" }];
  return [
    { title: `${data.meta.title} · ${data.brand}` },
    { name: "description", content: data.meta.description },
    { property: "og:title", content: data.meta.title },
    { property: "og:description", content: data.meta.description },
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
      const draft = { snapshot: (await busyAs503(draftSnapshot(wave))).snapshot, commentary: {} };
      return page(request, wave, draft, { kind: "admin" }, true, panel);
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
  const data = useLoaderData<typeof loader>();
  const words = data.words;
  return (
    <main id="main" className="page results">
      <header className="report-head">
        <p className="brand">
          {data.panelLogo ? <img className="panel-logo" src={data.panelLogo} alt="" /> : null}
          {data.brand}
        </p>
        {data.preview ? (
          <p className="notice" role="note">
            {data.preview}
          </p>
        ) : null}
        <h1 lang={data.titleLang !== data.language ? data.titleLang : undefined}>{data.title}</h1>
        {data.readIn.languages.length > 1 ? (
          <nav className="language-switcher" aria-label={data.readIn.label}>
            <p>
              {data.readIn.label}:{" "}
              {data.readIn.languages.map((l, i) => (
                <span key={l.code}>
                  {i > 0 ? " · " : ""}
                  {l.current ? (
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
        ) : null}
        {data.series ? (
          <p className="series-link">
            <a href={data.series.href}>{data.series.label}</a>
          </p>
        ) : null}
      </header>
      {data.suppressed ? (
        <p>{data.suppressed}</p>
      ) : (
        <>
          <section className="headline" aria-label={data.headline.label}>
            <ul className="figures" aria-label={data.headline.label}>
              {data.headline.figures.map((f) => (
                <li key={f.label}>
                  <strong>{f.value}</strong> {f.label}
                </li>
              ))}
            </ul>
            {data.headline.keyFindings ? <h2 className="visually-hidden">{data.headline.heading}</h2> : null}
            {data.headline.keyFindings ? (
              <div
                className="key-findings"
                lang={data.headline.keyFindingsLang !== data.language ? data.headline.keyFindingsLang : undefined}
                dangerouslySetInnerHTML={{ __html: data.headline.keyFindings }}
              />
            ) : null}
          </section>
          {data.standing.items.length ? (
            <section aria-labelledby="standing" className="standing">
              <h2 id="standing">{data.standing.heading}</h2>
              <ul>
                {data.standing.items.map((st) => (
                  <li key={st.question}>
                    <a href={`#q-${st.question}`}>{st.title}</a>
                    <p>{st.sentence}</p>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {data.picker.options.length ? (
            <form method="get" className="segment-picker inline-form form">
              {data.isPreview ? <input type="hidden" name="preview" value="1" /> : null}
              {data.picker.keepLang ? <input type="hidden" name="lang" value={data.picker.keepLang} /> : null}
              <div className="field">
                <label htmlFor="by">{data.picker.label}</label>
                <select id="by" name="by" defaultValue={data.breakdown ?? undefined}>
                  {data.picker.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button">
                {data.picker.show}
              </button>
            </form>
          ) : null}
          {data.sections.map((section) => (
            <Question key={section.id} section={section} words={words} findingLang={langOf(data, section.id)} />
          ))}
          {data.looseQuotes.quotes.length ? (
            <section className="result quotes" aria-labelledby="quotes">
              <h2 id="quotes">{data.looseQuotes.heading}</h2>
              {data.looseQuotes.quotes.map((quote, i) => (
                <Quote key={i} quote={quote} />
              ))}
            </section>
          ) : null}
          {data.people.regions || data.people.sections.length ? (
            <section aria-labelledby="who-answered" className="people">
              <h2 id="who-answered">{data.people.heading}</h2>
              {data.people.regions ? <Bars list={data.people.regions} you={words.you} /> : null}
              {data.people.sections.map((section) => (
                <Question
                  key={section.id}
                  section={section}
                  words={words}
                  level={3}
                  findingLang={langOf(data, section.id)}
                />
              ))}
            </section>
          ) : null}
        </>
      )}
      <section aria-labelledby="methodology" className="methodology">
        <h2 id="methodology">{data.methodology.heading}</h2>
        {data.methodology.paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
        {data.methodology.csv ? (
          <p>
            <a href={data.methodology.csv.href}>{data.methodology.csv.label}</a>
          </p>
        ) : null}
      </section>
    </main>
  );
}

/** The language a section's finding is written in, when it is not the page's (the team wrote none for this language). */
function langOf(
  data: { findingLang: Record<string, string>; language: string },
  sectionId: string,
): string | undefined {
  const l = data.findingLang[sectionId.slice(2)];
  return l && l !== data.language ? l : undefined;
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
