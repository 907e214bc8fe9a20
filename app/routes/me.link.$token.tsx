import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { redeemSignInLink } from "~/flows/membership.server";
import { assertSameOrigin, startSession } from "~/http/session.server";
import { clientIp } from "~/http/load-context";
import { recordUnknownToken, refuseIfTooManyUnknown } from "~/http/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Quorum" }, { name: "robots", content: "noindex" }];

// A button rather than signing in on GET, so mail scanners that follow links cannot use it up.
export async function action({ params, request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  await refuseIfTooManyUnknown(clientIp(context));
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
  return (
    <main id="main" className="page narrow">
      <div className="notice">
        {result?.expired ? (
          <>
            <h1>This link no longer works</h1>
            <p>
              It was already used or is more than an hour old. <a href="/me">Ask for a new one</a>.
            </p>
          </>
        ) : (
          <>
            <h1>Open your profile</h1>
            <Form method="post">
              <button type="submit" className="button primary">
                Continue
              </button>
            </Form>
          </>
        )}
      </div>
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
