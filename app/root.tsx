import type { LinksFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { useNonce } from "~/lib/nonce";
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

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const standalone = standaloneScripts(useMatches(), nonce);
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
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
