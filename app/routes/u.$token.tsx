import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { panelistFromUnsubscribe } from "~/flows/personal-links.server";
import { catalogue } from "~/i18n";
import { fill } from "~/lib/format";
import { browserLanguages, chooseLanguage, directionOf } from "~/lib/language";
import { otherSubscribedPanels, unsubscribe, unsubscribeEverywhere } from "~/models/membership.server";
import { getPanelById } from "~/models/panel.server";
import { getPanelistById } from "~/models/panelist.server";
import { clientIp } from "~/http/load-context";
import { readForm } from "~/http/forms.server";
import { recordUnknownToken } from "~/http/rate-limit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.text.title ?? "Unsubscribe"} · Quorum` },
  { name: "robots", content: "noindex" },
];

const SPOKEN = ["en", "es", "fr", "pt"];

async function panelistId(token: string | undefined, ip: string) {
  const id = token ? panelistFromUnsubscribe(token) : undefined;
  if (!id) {
    await recordUnknownToken(ip);
    throw new Response(catalogue("en").unsubscribe.invalid, { status: 404 });
  }
  return id;
}

/** The person's own language, else their browser's, among those the catalogue speaks fully. */
function pageLanguage(request: Request, own: string | null | undefined) {
  return chooseLanguage(SPOKEN, [own, ...browserLanguages(request.headers.get("accept-language"))], "en");
}

const list = (language: string, names: string[]) =>
  new Intl.ListFormat(language, { style: "long", type: "conjunction" }).format(names);

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const id = await panelistId(params.token, clientIp(context));
  const panelist = await getPanelistById(id);
  const panel = panelist ? await getPanelById(panelist.panelId) : undefined;
  const language = pageLanguage(request, panelist?.language);
  const others = panelist?.status === "erased" ? [] : await otherSubscribedPanels(id);
  return {
    language,
    dir: directionOf(language),
    text: catalogue(language).unsubscribe,
    panelName: panel?.name ?? "",
    every: list(language, [panel?.name ?? "", ...others]),
    hasOthers: others.length > 0,
    unsubscribed: panelist?.status !== "active" && panelist?.status !== "pending",
  };
}

/**
 * One click from the email page or the mail client (RFC 8058 List-Unsubscribe-Post, whose body names
 * no scope) unsubscribes from this panel; `scope=every` from every panel with the same address.
 */
export async function action({ params, request, context }: ActionFunctionArgs) {
  const id = await panelistId(params.token, clientIp(context));
  // A mail client's one-click POST may come with no body at all: that is "this panel".
  const form = request.headers.get("content-type") ? await readForm(request) : new FormData();
  const panelist = await getPanelistById(id);
  const language = pageLanguage(request, panelist?.language);
  const text = catalogue(language).unsubscribe;
  if (form.get("scope") === "every") {
    const panels = await unsubscribeEverywhere(id);
    return { sentence: fill(text.doneEvery, { panels: list(language, panels) }), stillOn: "" };
  }
  const result = await unsubscribe(id);
  const others = await otherSubscribedPanels(id);
  return {
    sentence: fill(text.doneThis, { panel: result?.panelName ?? "" }),
    stillOn: others.length ? fill(text.stillOn, { panels: list(language, others) }) : "",
  };
}

export default function Unsubscribe() {
  const { text, panelName, every, hasOthers, unsubscribed, language, dir } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const thisPanel = fill(text.thisPanel, { panel: panelName });
  return (
    <main id="main" className="page narrow" lang={language} dir={dir}>
      <div className="notice">
        {result ? (
          <>
            <h1>{text.done}</h1>
            <p role="status">{result.sentence}</p>
            {result.stillOn ? <p>{result.stillOn}</p> : null}
          </>
        ) : unsubscribed && !hasOthers ? (
          <>
            <h1>{text.done}</h1>
            <p role="status">{fill(text.doneThis, { panel: panelName })}</p>
          </>
        ) : (
          <>
            <h1>{text.title}</h1>
            {unsubscribed ? <p>{fill(text.doneThis, { panel: panelName })}</p> : <p>{text.intro}</p>}
            <Form method="post">
              {hasOthers ? (
                <fieldset>
                  <legend>{text.from}</legend>
                  {unsubscribed ? null : (
                    <label className="check">
                      <input type="radio" name="scope" value="this" defaultChecked /> {thisPanel}
                    </label>
                  )}
                  <label className="check">
                    <input type="radio" name="scope" value="every" defaultChecked={unsubscribed} />{" "}
                    {fill(text.everyPanel, { panels: every })}
                  </label>
                </fieldset>
              ) : null}
              <button type="submit" className="button primary">
                {text.button}
              </button>
            </Form>
          </>
        )}
      </div>
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
