import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, readJsonBody, requireApiKey } from "~/http/api.server";
import { seriesJson, startSeries } from "~/flows/series.server";
import { listSeries } from "~/models/series.server";
import { mayOnPanel, visiblePanelIds } from "~/lib/web";

export async function loader({ request }: LoaderFunctionArgs) {
  const { access } = await requireApiKey(request, "viewer");
  const list = await listSeries(visiblePanelIds(access));
  return apiJson({ series: await Promise.all(list.map(seriesJson)) });
}

/** `POST /api/v1/series` `{"slug", "name", "panel"}`. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiJson({ error: "Use POST to create a series." }, 405);
  const { actor, access } = await requireApiKey(request, "editor");
  const result = await startSeries(await readJsonBody(request), actor, (panelId) =>
    mayOnPanel(access, panelId, "editor"),
  );
  if (!result.ok) return apiJson({ error: "The series was not created.", fields: result.errors }, result.status);
  return apiJson(await seriesJson(result.series), 201);
}
