import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getEnv } from "~/env.server";
import { listPanels } from "~/models/panel.server";
import { panelHealth } from "~/models/panel-health.server";
import { requireAdmin } from "~/http/session.server";
import { plural } from "~/lib/format";
import { mayOnPanel, visiblePanelIds } from "~/lib/web";

export const meta: MetaFunction = () => [{ title: "Panels · Quorum admin" }];

const DAYS = 90;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const panels = await listPanels(visiblePanelIds(admin));
  const now = new Date();
  const acrossPanels = getEnv().QUORUM_CONTACT_ACROSS_PANELS;
  const health = await Promise.all(panels.map((p) => panelHealth(p, now, acrossPanels, DAYS)));
  return {
    panels: panels.map((p, i) => ({ ...p, health: health[i]!, canEdit: mayOnPanel(admin, p.id, "editor") })),
    canCreate: admin.role === "owner" || (admin.role === "editor" && admin.panels === null),
  };
}

const n = (count: number) => count.toLocaleString("en");

/** "42% (84 of 200)": completed of those emailed an invitation. */
function rate(wave: { invited: number; completed: number }) {
  return `${Math.round((100 * wave.completed) / wave.invited)}% (${n(wave.completed)} of ${n(wave.invited)})`;
}

export default function AdminHome() {
  const { panels, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Panels</h1>
      {canCreate ? (
        <p>
          <Link to="/admin/panels/new" className="button">
            New panel
          </Link>
        </p>
      ) : null}
      {panels.length === 0 ? (
        <p>No panel yet.</p>
      ) : (
        <>
          <table className="table panel-health">
            <caption>
              Panel health: members now; who joined and who left in the last {DAYS} days; who rests under the
              panel&apos;s contact rule if a wave were sent today; and the response rate of the last waves (completed of
              those emailed an invitation).
            </caption>
            <thead>
              <tr>
                <th scope="col">Panel</th>
                <th scope="col">Active members</th>
                <th scope="col">Joined, last {DAYS} days</th>
                <th scope="col">Left, last {DAYS} days</th>
                <th scope="col">Resting now</th>
                <th scope="col">Last waves: response rate</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {panels.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/admin/panels/${p.slug}/panelists`}>{p.name}</Link> <code>{p.slug}</code>
                    <br />
                    <small>{plural(p.panelists, "person", "people")} in all</small>
                  </th>
                  <td>{n(p.health.active)}</td>
                  <td>{n(p.health.joined)}</td>
                  <td>{n(p.health.left)}</td>
                  <td>
                    {n(p.health.resting)}{" "}
                    <small>
                      (<Link to={`/admin/panels/${p.slug}/contact`}>rule</Link>: at most{" "}
                      {plural(p.contactLimit.invitations, "invitation")} in {p.contactLimit.days} days)
                    </small>
                  </td>
                  <td>
                    {p.health.waves.length === 0 ? (
                      "No invitations sent yet"
                    ) : (
                      <ul className="plain">
                        {p.health.waves.map((w) => (
                          <li key={w.slug}>
                            <Link to={`/admin/waves/${w.slug}`}>{w.title}</Link>: {rate(w)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {p.canEdit ? (
                      <>
                        <Link to={`/admin/panels/${p.slug}/import`}>Import CSV</Link> ·{" "}
                      </>
                    ) : null}
                    <a href={`/admin/panels/${p.slug}/export.csv`}>Export CSV</a> ·{" "}
                    <a href={`/join/${p.slug}`}>Join page</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
