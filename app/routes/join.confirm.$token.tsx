import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { confirmationState, confirmJoin } from "~/flows/membership.server";
import { assertSameOrigin } from "~/http/session.server";
import { clientIp } from "~/http/load-context";
import { recordUnknownToken, refuseIfTooManyUnknown } from "~/http/rate-limit.server";

export const meta: MetaFunction = () => [
  { title: "Confirm your membership · Quorum" },
  { name: "robots", content: "noindex" },
];

// The link opens a page with a button rather than confirming on GET, so mail scanners that
// follow links cannot use it up. Opened again once used, it says the person is a member already.
export async function loader({ params }: LoaderFunctionArgs) {
  return { link: await confirmationState(params.token ?? "") };
}

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

function Welcome({ panelName, already }: { panelName: string; already: boolean }) {
  return (
    <>
      <p className="brand">{panelName}</p>
      <h1>{already ? "You are already a member" : "Welcome"}</h1>
      <p role="status">
        {already
          ? `This link was used: you are a member of the ${panelName}.`
          : `You are now a member of the ${panelName}.`}{" "}
        We will email you when there is a questionnaire, and the results of the ones you answer.
      </p>
      <p>
        Your details, your answers and the results are on <a href="/me">your panel page</a>; sign in there with your
        email address.
      </p>
    </>
  );
}

export default function Confirm() {
  const result = useActionData<typeof action>();
  const { link } = useLoaderData<typeof loader>();
  if (!result && link.kind === "already") {
    return (
      <main id="main" className="page narrow">
        <div className="notice">
          <Welcome panelName={link.panelName} already />
        </div>
      </main>
    );
  }
  return (
    <main id="main" className="page narrow">
      <div className="notice">
        {!result && link.kind === "gone" ? (
          <>
            <h1>This link no longer works</h1>
            <p>It has expired. If you are not a member yet, sign up again from the join page.</p>
          </>
        ) : !result ? (
          <>
            <h1>Confirm your membership</h1>
            <Form method="post">
              <button type="submit" className="button primary">
                Confirm and join
              </button>
            </Form>
          </>
        ) : result.ok ? (
          <Welcome panelName={result.panelName as string} already={false} />
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
