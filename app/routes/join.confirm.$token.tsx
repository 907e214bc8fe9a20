import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { confirmJoin } from "~/flows/membership.server";
import { assertSameOrigin } from "~/http/session.server";
import { clientIp } from "~/http/load-context";
import { recordUnknownToken, refuseIfTooManyUnknown } from "~/http/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Confirm your membership · Quorum" }, { name: "robots", content: "noindex" }];

// The link opens a page with a button rather than confirming on GET, so mail scanners that
// follow links cannot use it up.
export async function action({ params, request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  await refuseIfTooManyUnknown(clientIp(context));
  const result = await confirmJoin(params.token ?? "");
  if (!result) {
    await recordUnknownToken(clientIp(context));
    return data({ ok: false, panelName: null }, { status: 410 });
  }
  return { ok: true, panelName: result.panelName };
}

export default function Confirm() {
  const result = useActionData<typeof action>();
  return (
    <main id="main" className="page narrow">
      <div className="notice">
        {!result ? (
          <>
            <h1>Confirm your membership</h1>
            <Form method="post">
              <button type="submit" className="button primary">
                Confirm and join
              </button>
            </Form>
          </>
        ) : result.ok ? (
          <>
            <h1>Welcome</h1>
            <p role="status">You are now a member of the {result.panelName}. We will email you when there is a questionnaire.</p>
          </>
        ) : (
          <>
            <h1>This link no longer works</h1>
            <p>It was already used or has expired. If you are not a member yet, sign up again from the join page.</p>
          </>
        )}
      </div>
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
