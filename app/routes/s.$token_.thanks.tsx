import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { NextStep } from "~/components/RespondentView";
import { loadThanks } from "~/flows/respond.server";
import { strings } from "~/i18n";
import { fill } from "~/lib/format";
import { browserLanguages } from "~/lib/language";

// Referrer-Policy: no-referrer comes from the HTTP server for every /s/ address.
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.thanks?.text.thanks ?? "Thank you"} · Quorum` },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  return {
    thanks: (await loadThanks(params.token ?? "", browserLanguages(request.headers.get("accept-language")))) ?? null,
    english: { ...strings("en", "page"), ...strings("en", "language") },
  };
}

/** In the language the respondent answered in (remembered with their link). */
export default function Thanks() {
  const { thanks, english } = useLoaderData<typeof loader>();
  const t = thanks?.text ?? english;
  return (
    <main id="main" className="page narrow" lang={thanks?.language ?? "en"} dir={thanks?.dir ?? "ltr"}>
      <div className="notice">
        {thanks ? (
          <p className="brand">
            {thanks.panelLogo ? <img className="panel-logo" src={thanks.panelLogo} alt="" /> : null}
            {thanks.panelName}
          </p>
        ) : null}
        <h1>{thanks?.firstName ? fill(t.thanksNamed, { name: thanks.firstName }) : t.thanks}</h1>
        <p>{thanks ? fill(t.savedTo, { title: thanks.title }) : t.saved}</p>
        <NextStep panelName={thanks?.panelName ?? null} text={t} />
        <p className="hint">{t.closePage}</p>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
