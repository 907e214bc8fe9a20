import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { confirmationState, confirmJoin } from "~/flows/membership.server";
import { assertSameOrigin } from "~/http/session.server";
import { clientIp } from "~/http/load-context";
import { recordUnknownToken } from "~/http/rate-limit.server";
import { catalogue, catalogueComplete } from "~/i18n";
import { browserLanguages, chooseLanguage, LANGUAGE_CODES } from "~/lib/language";
import { fill } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.text.confirmTitle ?? "Confirm your membership"} · Quorum` },
  { name: "robots", content: "noindex" },
];

/** The page's language: the email's (its link carries ?lang=), else the browser's, among those our catalogue has in full. */
function pageText(request: Request) {
  const offered = LANGUAGE_CODES.filter((l) => l === "en" || catalogueComplete(l, ["join"]));
  const asked = new URL(request.url).searchParams.get("lang");
  const language = chooseLanguage(offered, [asked, ...browserLanguages(request.headers.get("accept-language"))], "en");
  const c = catalogue(language);
  return { language, dir: "ltr" as const, skipLink: c.results.skipLink, text: c.join };
}

// The link opens a page with a button rather than confirming on GET, so mail scanners that
// follow links cannot use it up. Opened again once used, it says the person is a member already.
export async function loader({ params, request }: LoaderFunctionArgs) {
  return { ...pageText(request), link: await confirmationState(params.token ?? "") };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const result = await confirmJoin(params.token ?? "");
  if (!result) {
    await recordUnknownToken(clientIp(context));
    return data({ ok: false, panelName: null }, { status: 410 });
  }
  return { ok: true, panelName: result.panelName };
}

type Text = ReturnType<typeof pageText>["text"];

function Welcome({ panelName, already, t }: { panelName: string; already: boolean; t: Text }) {
  return (
    <>
      <p className="brand">{panelName}</p>
      <h1>{already ? t.alreadyTitle : t.welcome}</h1>
      <p role="status">
        {fill(already ? t.alreadyUsed : t.nowMember, { panel: panelName })} {t.whatNext}
      </p>
      <p>
        {t.panelPageBefore}
        <a href="/me">{t.panelPageLink}</a>
        {t.panelPageAfter}
      </p>
    </>
  );
}

export default function Confirm() {
  const result = useActionData<typeof action>();
  const { link, text: t } = useLoaderData<typeof loader>();
  if (!result && link.kind === "already") {
    return (
      <main id="main" className="page narrow">
        <div className="notice">
          <Welcome panelName={link.panelName} already t={t} />
        </div>
      </main>
    );
  }
  return (
    <main id="main" className="page narrow">
      <div className="notice">
        {!result && link.kind === "gone" ? (
          <>
            <h1>{t.goneTitle}</h1>
            <p>{t.goneExpired}</p>
          </>
        ) : !result ? (
          <>
            <h1>{t.confirmTitle}</h1>
            <Form method="post">
              <button type="submit" className="button primary">
                {t.confirmAction}
              </button>
            </Form>
          </>
        ) : result.ok ? (
          <Welcome panelName={result.panelName as string} already={false} t={t} />
        ) : (
          <>
            <h1>{t.goneTitle}</h1>
            <p>{t.goneUsed}</p>
          </>
        )}
      </div>
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
