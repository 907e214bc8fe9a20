import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { panelistFromUnsubscribe } from "~/flows/personal-links.server";
import { unsubscribe } from "~/models/membership.server";
import { getPanelistById } from "~/models/panelist.server";
import { clientIp } from "~/http/load-context";
import { recordUnknownToken, refuseIfTooManyUnknown } from "~/http/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Unsubscribe · Quorum" }, { name: "robots", content: "noindex" }];

async function panelistId(token: string | undefined, ip: string) {
  await refuseIfTooManyUnknown(ip);
  const id = token ? panelistFromUnsubscribe(token) : undefined;
  if (!id) {
    await recordUnknownToken(ip);
    throw new Response("This unsubscribe link is not valid.", { status: 404 });
  }
  return id;
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  const panelist = await getPanelistById(await panelistId(params.token, clientIp(context)));
  return { unsubscribed: panelist?.status !== "active" && panelist?.status !== "pending" };
}

// One click from the email page or the mail client (RFC 8058 List-Unsubscribe-Post) unsubscribes.
export async function action({ params, context }: ActionFunctionArgs) {
  const result = await unsubscribe(await panelistId(params.token, clientIp(context)));
  return { done: true, panelName: result?.panelName ?? "panel" };
}

export default function Unsubscribe() {
  const { unsubscribed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main id="main" className="page narrow">
      <div className="notice">
        {result?.done || unsubscribed ? (
          <>
            <h1>You are unsubscribed</h1>
            <p role="status">
              You will receive no more emails from {result ? `the ${result.panelName}` : "this panel"}.
            </p>
          </>
        ) : (
          <>
            <h1>Unsubscribe</h1>
            <p>Stop all emails from this panel, including invitations to questionnaires.</p>
            <Form method="post">
              <button type="submit" className="button primary">
                Unsubscribe
              </button>
            </Form>
          </>
        )}
      </div>
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
