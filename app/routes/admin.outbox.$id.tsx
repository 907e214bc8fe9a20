import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { sendOutboxCopy } from "~/flows/mail.server";
import { getEmail } from "~/models/email.server";
import { requireAdmin } from "~/http/session.server";
import { readForm } from "~/http/forms.server";
import { outboxView, previewHtml } from "~/lib/email";
import { visiblePanelIds } from "~/lib/web";
import { recordId } from "~/http/ids";
import type { Admin } from "~/models/admin.server";

export const meta: MetaFunction = () => [{ title: "Message · Quorum admin" }];

/** The message, as this admin may see it; a message about another panel is "no such message". */
async function messageFor(admin: Admin, param: string | undefined) {
  const id = recordId(param);
  const email = id === undefined ? undefined : await getEmail(id, visiblePanelIds(admin));
  if (!email) throw new Response("There is no such message.", { status: 404 });
  return email;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const email = await messageFor(admin, params.id);
  // A thank-you's time says when its recipient answered: only its day leaves the server.
  const { render, ...shown } = email;
  return {
    email: outboxView({ ...shown, htmlBody: previewHtml(email.htmlBody) }),
    // A completion's thank-you has only its subject until it is delivered: its body is written then.
    unwritten: render !== null,
    me: admin.email,
  };
}

/** Sends the signed-in team member a copy of the message (personal links hidden), through the worker like any mail. */
export async function action({ params, request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  await readForm(request);
  const email = await messageFor(admin, params.id);
  if (email.render !== null)
    throw new Response("This message is written when it is sent; send a copy once it is.", { status: 409 });
  await sendOutboxCopy(email, admin.email, { label: admin.email, adminId: admin.id });
  return { sentTo: admin.email };
}

export default function Message() {
  const { email, unwritten, me } = useLoaderData<typeof loader>();
  const sent = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
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
          {email.sentAt ? ` at ${email.sentAt}` : ""}
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
      {unwritten ? (
        <p className="notice">
          Its text is written when it is sent, from the person’s name, the panel and the wave: a thank-you email is
          recorded with the answers and written a moment later by the mail worker.
        </p>
      ) : (
        <Form method="post" className="inline-form">
          <button type="submit" className="button" disabled={busy}>
            Send a copy to me ({me})
          </button>
          {sent ? (
            <p className="notice success" role="status">
              A copy is on its way to {sent.sentTo}, marked [Test], with every personal link reading “[personal link]”.
              It is in the outbox.
            </p>
          ) : null}
        </Form>
      )}
      {unwritten ? null : (
        <>
          <h2>As the recipient sees it</h2>
          {email.htmlBody ? (
            <>
              <p className="hint">
                The HTML part, in a sandboxed frame where no script runs. Personal links are not stored: each reads
                “[personal link]” and goes nowhere.
              </p>
              <iframe
                className="email-html"
                title={`The HTML part of “${email.subject}”`}
                srcDoc={email.htmlBody}
                sandbox=""
                referrerPolicy="no-referrer"
              />
            </>
          ) : (
            <p>This message has no HTML part.</p>
          )}
          <h2>Plain-text part</h2>
          <pre className="email-text">{email.textBody}</pre>
        </>
      )}
    </>
  );
}
