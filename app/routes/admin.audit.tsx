import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Pager } from "~/components/Pager";
import { describeAudit } from "~/lib/format";
import { listAudit } from "~/models/audit.server";
import { requireAdmin } from "~/http/session.server";
import { visiblePanelIds } from "~/lib/web";

export const meta: MetaFunction = () => [{ title: "Audit log · Quorum admin" }];

const PER_PAGE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const page = Math.max(1, Math.min(100_000, Math.floor(Number(new URL(request.url).searchParams.get("page"))) || 1));
  return { page, ...(await listAudit(page, PER_PAGE, visiblePanelIds(admin))) };
}

export default function Audit() {
  const { entries, total, page } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Audit log</h1>
      <p>Every change made in the admin, through the API or the command line: who, what and when.</p>
      <table className="table">
        <caption className="visually-hidden">Audit log entries</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{new Date(e.at).toISOString().replace("T", " ").slice(0, 19)}</td>
              <td>
                {e.actor.startsWith("panelist:")
                  ? "the person themselves"
                  : e.actor === "join-form"
                    ? "the join form"
                    : e.actor}
              </td>
              <td>{describeAudit(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} total={total} perPage={PER_PAGE} href={(n) => `?page=${n}`} labels={["← Newer", "Older →"]} />
    </>
  );
}
