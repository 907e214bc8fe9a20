import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPanels } from "~/models/panel.server";
import { requireAdmin } from "~/http/session.server";
import { mayOnPanel, visiblePanelIds } from "~/lib/web";

export const meta: MetaFunction = () => [{ title: "Panels · Quorum admin" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const panels = await listPanels(visiblePanelIds(admin));
  return {
    panels: panels.map((p) => ({ ...p, canEdit: mayOnPanel(admin, p.id, "editor") })),
    canCreate: admin.role === "owner" || (admin.role === "editor" && admin.panels === null),
  };
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
        <table className="table">
          <caption className="visually-hidden">Panels</caption>
          <thead>
            <tr>
              <th scope="col">Panel</th>
              <th scope="col">Panelists</th>
              <th scope="col">Active</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {panels.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/admin/panels/${p.slug}/panelists`}>{p.name}</Link> <code>{p.slug}</code>
                </td>
                <td>{p.panelists.toLocaleString("en")}</td>
                <td>{p.active.toLocaleString("en")}</td>
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
      )}
    </>
  );
}
