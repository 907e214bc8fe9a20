import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { waveState } from "~/lib/fieldwork";
import { longDate } from "~/lib/format";
import { listWaves } from "~/models/wave.server";
import { requireAdmin } from "~/http/session.server";
import { visiblePanelIds } from "~/lib/web";

export const meta: MetaFunction = () => [{ title: "Waves · Quorum admin" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  return { waves: await listWaves(visiblePanelIds(admin)), canEdit: admin.role !== "viewer" };
}

export default function Waves() {
  const { waves, canEdit } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="title-row">
        <h1>Waves</h1>
        {canEdit ? (
          <Link className="button primary" to="new">
            Launch a wave
          </Link>
        ) : null}
      </div>
      <table className="table">
        <caption className="visually-hidden">Waves, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Wave</th>
            <th scope="col">Panel</th>
            <th scope="col">Fieldwork</th>
            <th scope="col">State</th>
            <th scope="col">Completed</th>
          </tr>
        </thead>
        <tbody>
          {waves.map((w) => (
            <tr key={w.slug}>
              <td>
                <Link to={w.slug}>{w.title}</Link> <code>{w.slug}</code>
              </td>
              <td>{w.panelName}</td>
              <td>
                {longDate(w.opensAt)} – {w.closesAt ? longDate(w.closesAt) : "open-ended"}
              </td>
              <td>{waveState({ opensAt: new Date(w.opensAt), closesAt: w.closesAt ? new Date(w.closesAt) : null })}</td>
              <td>
                {w.invited
                  ? `${w.completed.toLocaleString("en")} of ${w.invited.toLocaleString("en")} invited`
                  : `${w.completed.toLocaleString("en")} (none invited)`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
