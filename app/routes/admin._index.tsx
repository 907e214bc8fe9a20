import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPanels } from "~/models/panel.server";
import { requireAdmin } from "~/http/session.server";

export const meta: MetaFunction = () => [{ title: "Panels · Quorum admin" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { panels: await listPanels() };
}

export default function AdminHome() {
  const { panels } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Panels</h1>
      {panels.length === 0 ? (
        <p>No panel yet. Create one with <code>npm run quorum -- panel create --slug my-panel --name &quot;My panel&quot;</code> or the API.</p>
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
                  <Link to={`/admin/panels/${p.slug}/import`}>Import CSV</Link> ·{" "}
                  <a href={`/admin/panels/${p.slug}/export.csv`}>Export CSV</a> · <a href={`/join/${p.slug}`}>Join page</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
