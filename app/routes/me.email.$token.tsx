import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { catalogue } from "~/i18n";
import { browserLanguages, chooseLanguage, directionOf } from "~/lib/language";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { confirmEmailChange } from "~/flows/membership.server";
import { clientIp } from "~/http/load-context";
import { recordUnknownToken } from "~/http/rate-limit.server";
import { assertSameOrigin } from "~/http/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.text.pageTitle ?? "Confirm your new address"} · Quorum` },
  { name: "robots", content: "noindex" },
];

/** The page in the browser's language, among those the catalogue speaks fully (the link is opened signed out). */
export function loader({ request }: LoaderFunctionArgs) {
  const language = chooseLanguage(
    ["en", "es", "fr", "pt"],
    browserLanguages(request.headers.get("accept-language")),
    "en",
  );
  return { language, dir: directionOf(language), text: catalogue(language).emailChange };
}

/** A sentence with a link to /me where its {{me}} placeholder is. */
function withMeLink(sentence: string) {
  const [before, after] = sentence.split("{{me}}");
  return (
    <>
      {before}
      <a href="/me">/me</a>
      {after}
    </>
  );
}

// A button rather than acting on GET, so mail scanners that follow links cannot use it up.
export async function action({ params, request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const outcome = await confirmEmailChange(params.token ?? "");
  if (outcome === "expired") {
    await recordUnknownToken(clientIp(context));
    return data({ outcome }, { status: 410 });
  }
  return data({ outcome }, { status: outcome === "taken" ? 409 : 200 });
}

export default function ConfirmEmail() {
  const result = useActionData<typeof action>();
  const { text, language, dir } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="page narrow" lang={language} dir={dir}>
      <div className="notice">
        {!result ? (
          <>
            <h1>{text.title}</h1>
            <Form method="post">
              <button type="submit" className="button primary">
                {text.confirm}
              </button>
            </Form>
          </>
        ) : result.outcome === "changed" ? (
          <>
            <h1>{text.changedTitle}</h1>
            <p role="status">{withMeLink(text.changed)}</p>
          </>
        ) : result.outcome === "taken" ? (
          <>
            <h1>{text.takenTitle}</h1>
            <p role="status">{text.taken}</p>
          </>
        ) : (
          <>
            <h1>{text.expiredTitle}</h1>
            <p>{withMeLink(text.expired)}</p>
          </>
        )}
      </div>
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
