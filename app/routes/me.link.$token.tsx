import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { redeemSignInLink, signInLinkKind } from "~/flows/membership.server";
import { catalogue, catalogueComplete } from "~/i18n";
import { browserLanguages, chooseLanguage, directionOf, LANGUAGE_CODES } from "~/lib/language";
import { assertSameOrigin, startSession } from "~/http/session.server";
import { clientIp } from "~/http/load-context";
import { recordUnknownToken } from "~/http/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Quorum" }, { name: "robots", content: "noindex" }];

/** What the link opens (results or the profile), said in the browser's language where our catalogue has it. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const offered = LANGUAGE_CODES.filter((l) => l === "en" || catalogueComplete(l, ["signIn"]));
  const language = chooseLanguage(offered, browserLanguages(request.headers.get("accept-language")), "en");
  const c = catalogue(language);
  return {
    language,
    dir: directionOf(language),
    skipLink: c.results.skipLink,
    kind: await signInLinkKind(params.token ?? ""),
    text: c.signIn,
  };
}

// A button rather than signing in on GET, so mail scanners that follow links cannot use it up.
export async function action({ params, request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const link = await redeemSignInLink(params.token ?? "");
  if (!link) {
    await recordUnknownToken(clientIp(context));
    return data({ expired: true }, { status: 410 });
  }
  // A "results are out" email's link signs in for reading results only, and goes on to them.
  const cookie = await startSession(request, { panelistId: link.panelistId, scope: link.scope });
  // The results in the reader's language: the link may carry ?lang=.
  return redirect(
    link.next && /^\/results\/[a-z0-9]+(-[a-z0-9]+)*(\?lang=[a-z]{2})?$/.test(link.next) ? link.next : "/me",
    {
      headers: { "Set-Cookie": cookie },
    },
  );
}

export default function SignInLink() {
  const result = useActionData<typeof action>();
  const { kind, text } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="page narrow">
      <div className="notice">
        {result?.expired ? (
          <>
            <h1>{text.expired}</h1>
            <p>
              {kind === "results" ? text.expiredResults : text.expiredProfile} <a href="/me">{text.askNew}</a>.
            </p>
          </>
        ) : (
          <>
            <h1>{kind === "results" ? text.openResults : text.openProfile}</h1>
            <Form method="post">
              <button type="submit" className="button primary">
                {text.continue}
              </button>
            </Form>
          </>
        )}
      </div>
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
