import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { confirmEmailChange } from "~/flows/membership.server";
import { clientIp } from "~/http/load-context";
import { recordUnknownToken, refuseIfTooManyUnknown } from "~/http/rate-limit.server";
import { assertSameOrigin } from "~/http/session.server";

export const meta: MetaFunction = () => [
  { title: "Confirm your new address · Quorum" },
  { name: "robots", content: "noindex" },
];

// A button rather than acting on GET, so mail scanners that follow links cannot use it up.
export async function action({ params, request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  await refuseIfTooManyUnknown(clientIp(context));
  const outcome = await confirmEmailChange(params.token ?? "");
  if (outcome === "expired") {
    await recordUnknownToken(clientIp(context));
    return data({ outcome }, { status: 410 });
  }
  return data({ outcome }, { status: outcome === "taken" ? 409 : 200 });
}

export default function ConfirmEmail() {
  const result = useActionData<typeof action>();
  return (
    <main id="main" className="page narrow">
      <div className="notice">
        {!result ? (
          <>
            <h1>Use this address for the panel</h1>
            <Form method="post">
              <button type="submit" className="button primary">
                Confirm this address
              </button>
            </Form>
          </>
        ) : result.outcome === "changed" ? (
          <>
            <h1>Your address is changed</h1>
            <p role="status">
              Emails from the panel now come to this address. Sign in again at <a href="/me">/me</a> to see your
              profile.
            </p>
          </>
        ) : result.outcome === "taken" ? (
          <>
            <h1>This address cannot be used</h1>
            <p role="status">Another member of the panel already uses it, so your address did not change.</p>
          </>
        ) : (
          <>
            <h1>This link no longer works</h1>
            <p>
              It was already used or is more than a day old. Sign in at <a href="/me">/me</a> and change your address
              again.
            </p>
          </>
        )}
      </div>
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
