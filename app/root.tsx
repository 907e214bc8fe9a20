import type { LinksFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { useNonce } from "~/lib/web";
import appCss from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/**
 * A respondent page (route handle `standalone`) is not hydrated: it loads only its questionnaire's
 * script, or on a used or closed link a line that forgets answers kept on the device.
 */
function standaloneScripts(matches: ReturnType<typeof useMatches>, nonce: string | undefined) {
  const leaf = matches[matches.length - 1];
  if (!(leaf?.handle as { standalone?: boolean } | undefined)?.standalone) return undefined;
  const data = leaf?.data as { kind?: string; surveyScript?: string | null } | undefined;
  if (!data?.surveyScript) return undefined; // not built (remix dev): hydrate as usual
  if (data.kind === "open") return <script type="module" src={data.surveyScript} nonce={nonce} />;
  if (data.kind === "answered" || data.kind === "closed") {
    return (
      <script
        nonce={nonce}
        dangerouslySetInnerHTML={{
          __html: 'try{localStorage.removeItem("quorum:answers:"+location.pathname)}catch(e){}',
        }}
      />
    );
  }
  return null;
}

/**
 * The document's language and direction: the page's own when its loader says (`language`, `dir`:
 * the report and the respondent page), else English. Screen readers and hyphenation follow it.
 */
function documentLanguage(matches: ReturnType<typeof useMatches>): { lang: string; dir: "ltr" | "rtl"; skip: string } {
  const data = matches[matches.length - 1]?.data as
    { language?: unknown; dir?: unknown; skipLink?: unknown } | undefined;
  const lang =
    typeof data?.language === "string" && /^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(data.language) ? data.language : "en";
  const skip = typeof data?.skipLink === "string" && lang !== "en" ? data.skipLink : "Skip to content";
  return { lang, dir: data?.dir === "rtl" ? "rtl" : "ltr", skip };
}

/** A page whose route says `handle.hydrate === false` reads fully as HTML: no script is sent to it. */
function staticPage(matches: ReturnType<typeof useMatches>): boolean {
  return (matches[matches.length - 1]?.handle as { hydrate?: boolean } | undefined)?.hydrate === false;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const matches = useMatches();
  const standalone = staticPage(matches) ? null : standaloneScripts(matches, nonce);
  const { lang, dir, skip } = documentLanguage(matches);
  return (
    <html lang={lang} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {skip}
        </a>
        {children}
        {standalone !== undefined ? (
          standalone
        ) : (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        )}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return (
    <main id="main" className="page narrow">
      <GeneralErrorBoundary />
    </main>
  );
}
