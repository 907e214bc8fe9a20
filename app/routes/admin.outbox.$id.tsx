import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getEmail } from "~/models/email.server";
import { requireAdmin } from "~/http/session.server";
import { visiblePanelIds } from "~/lib/web";
import { recordId } from "~/http/ids";

export const meta: MetaFunction = () => [{ title: "Message · Quorum admin" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  // A message about another panel is "no such message" for an admin limited to some panels.
  const id = recordId(params.id);
  const email = id === undefined ? undefined : await getEmail(id, visiblePanelIds(admin));
  if (!email) throw new Response("There is no such message.", { status: 404 });
  return { email };
}

export default function Message() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="crumbs">
        <Link to="/admin/outbox">Outbox</Link> › {email.subject}
      </p>
      <h1>{email.subject}</h1>
      <dl className="facts">
        <dt>To</dt>
        <dd>{email.toAddress}</dd>
        <dt>Status</dt>
        <dd>
          {email.status}
          {email.sentAt ? ` at ${new Date(email.sentAt).toISOString()}` : ""}
        </dd>
        {Object.entries(email.headers).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>
              <code>{v}</code>
            </dd>
          </div>
        ))}
      </dl>
      <h2>Plain-text part</h2>
      <pre className="email-text">{email.textBody}</pre>
    </>
  );
}
