import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { Trend } from "~/components/Trend";
import { seriesReader } from "~/http/series-access.server";
import { browserLanguages } from "~/lib/language";
import { seriesData, seriesPage } from "~/results/series-page.server";
import reportCss from "~/styles/report.css";

/** The series page reads fully as HTML, like a wave's report. */
export const handle = { hydrate: false };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · Quorum` : "Series · Quorum" },
];

/** GET /results/series/:slug: the series' published waves the reader may read, and every shared question's line. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const data = await seriesData(params.slug, seriesReader(request));
  if (!data) throw new Response("This series has no published waves you may read.", { status: 404 });
  const url = new URL(request.url);
  return seriesPage(data, url.searchParams.get("lang"), browserLanguages(request.headers.get("accept-language")));
}

export const headers: HeadersFunction = () => ({ Vary: "Accept-Language, Cookie" });

export default function SeriesPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <main id="main" className="page results" lang={data.language} dir={data.dir}>
      <header className="report-head">
        <h1>{data.title}</h1>
      </header>
      <section aria-labelledby="waves" className="series-waves">
        <h2 id="waves">{data.wavesHeading}</h2>
        <ol>
          {data.waves.map((w) => (
            <li key={w.href}>
              <a href={w.href}>
                <strong>{w.label}</strong> · {w.title}
              </a>
              <p className="hint">{w.detail}</p>
            </li>
          ))}
        </ol>
      </section>
      {data.none ? <p>{data.none}</p> : null}
      {data.lines.map((line) => (
        <section key={line.id} className="result" aria-labelledby={line.id}>
          <h2 id={line.id}>{line.title}</h2>
          <Trend trend={line.trend} words={data.words} level={3} />
        </section>
      ))}
      <section aria-labelledby="methodology" className="methodology">
        <h2 id="methodology">{data.methodHeading}</h2>
        <p>{data.method}</p>
        <p>
          <a href={data.formats.csv.href}>{data.formats.csv.label}</a> ·{" "}
          <a href={data.formats.json.href}>{data.formats.json.label}</a>
        </p>
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return (
    <main id="main" className="page narrow">
      <GeneralErrorBoundary
        statusHandlers={{
          404: () => (
            <>
              <h1>No series here</h1>
              <p>This series has no published waves you may read, or the address is mistyped.</p>
            </>
          ),
        }}
      />
    </main>
  );
}
