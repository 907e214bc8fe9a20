import { lazy, Suspense, useEffect, useState } from "react";
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import surveyCss from "survey-core/survey-core.fontless.min.css";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { loadRespondentPage } from "~/models/respondent.server";

const SurveyRunner = lazy(() => import("~/components/SurveyRunner.client"));

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];

export const headers: HeadersFunction = () => ({
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex",
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && "title" in data ? `${data.title} · Quorum` : "Quorum" },
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "no-referrer" },
];

const longDate = (iso: string | Date) =>
  new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export async function loader({ params }: LoaderFunctionArgs) {
  const page = await loadRespondentPage(params.token ?? "");
  if (page.kind === "not-found") throw new Response("Not Found", { status: 404 });
  return page;
}

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function Loading() {
  return (
    <p className="loading" role="status">
      Loading the questionnaire…
    </p>
  );
}

export default function RespondentPage() {
  const page = useLoaderData<typeof loader>();
  const hydrated = useHydrated();

  if (page.kind === "answered") {
    return (
      <main id="main" className="page narrow">
        <div className="notice">
          <h1>Thank you</h1>
          <p>You already answered on {longDate(page.answeredAt)}. Thank you.</p>
          <p>We will send you the results once they are published.</p>
        </div>
      </main>
    );
  }
  if (page.kind === "not-open" || page.kind === "closed") {
    return (
      <main id="main" className="page narrow">
        <div className="notice">
          <h1>{page.title}</h1>
          <p>
            {page.kind === "not-open"
              ? `This survey opens on ${longDate(page.opensAt)}.`
              : `This survey closed on ${longDate(page.closedAt)}.`}
          </p>
        </div>
      </main>
    );
  }
  return (
    <main id="main" className="page survey-page">
      <header className="survey-header">
        <p className="brand">Quorum</p>
        <h1>{page.title}</h1>
        {page.firstName ? <p>Welcome, {page.firstName}.</p> : null}
        {page.description ? <p className="lede">{page.description}</p> : null}
      </header>
      <noscript>
        <p className="notice">This questionnaire needs JavaScript to run in your browser. Please turn it on, or open the link on another device.</p>
      </noscript>
      {hydrated ? (
        <Suspense fallback={<Loading />}>
          <SurveyRunner definition={page.definition} />
        </Suspense>
      ) : (
        <Loading />
      )}
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
              <h1>This link is not valid</h1>
              <p>It may be mistyped or incomplete. Open the link from your invitation email again, or reply to that email to ask for a new one.</p>
            </>
          ),
        }}
      />
    </main>
  );
}
