import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pager } from "~/components/Pager";
import { getEnv } from "~/env.server";
import { listEmails } from "~/models/email.server";
import { requireAdmin } from "~/http/session.server";
import { visiblePanelIds } from "~/lib/web";
import { outboxView } from "~/lib/email";

export const meta: MetaFunction = () => [{ title: "Outbox · Quorum admin" }];

const PER_PAGE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const page = Math.max(1, Math.min(100_000, Math.floor(Number(new URL(request.url).searchParams.get("page"))) || 1));
  const { emails, total } = await listEmails(page, PER_PAGE, visiblePanelIds(admin));
  // A thank-you's time says when its recipient answered: only its day leaves the server.
  return { page, smtp: Boolean(getEnv().SMTP_URL), total, emails: emails.map(outboxView) };
}

export default function Outbox() {
  const { emails, total, page, smtp } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Outbox</h1>
      <p>
        {smtp
          ? "Mail goes out through the SMTP server in SMTP_URL."
          : "No SMTP_URL is set, so nothing leaves this machine: each message is written as an .eml file to the outbox folder in the data directory."}
      </p>
      <table className="table">
        <caption className="visually-hidden">Messages, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Written (UTC)</th>
            <th scope="col">To</th>
            <th scope="col">Subject</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {emails.map((e) => (
            <tr key={e.id}>
              <td>{e.createdAt}</td>
              <td>{e.toAddress}</td>
              <td>
                <Link to={String(e.id)}>{e.subject}</Link>
              </td>
              <td>{e.kind}</td>
              <td>
                {e.status}
                {e.error ? ` — ${e.error}` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} total={total} perPage={PER_PAGE} href={(n) => `?page=${n}`} labels={["← Newer", "Older →"]} />
    </>
  );
}
