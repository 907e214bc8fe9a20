import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, readJsonBody, requireApiKey } from "~/http/api.server";
import { addWaveToSeries, getSeriesBySlug, seriesJson } from "~/flows/series.server";
import { mayOnPanel, type Role } from "~/lib/web";

async function requireSeries(request: Request, slug: string | undefined, needed: Role) {
  const auth = await requireApiKey(request, needed);
  const series = slug ? await getSeriesBySlug(slug) : undefined;
  if (!series || !mayOnPanel(auth.access, series.panelId, needed))
    throw auth.key.panelId === null
      ? apiJson({ error: `There is no series "${slug}".` }, 404)
      : apiJson({ error: `This API key is for the panel "${auth.key.panelSlug}" only.` }, 403);
  return { ...auth, series };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { series } = await requireSeries(request, params.slug, "viewer");
  return apiJson(await seriesJson(series));
}

/** `POST /api/v1/series/:slug` `{"wave": "<slug>"}` adds an existing wave of the same panel to the series. */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiJson({ error: 'Use POST with {"wave": "<slug>"} to add a wave.' }, 405);
  const { actor, series } = await requireSeries(request, params.slug, "editor");
  const body = (await readJsonBody(request)) as { wave?: unknown } | null;
  const result = await addWaveToSeries(series, body?.wave, actor);
  if (!result.ok) return apiJson({ error: "The wave was not added.", fields: result.errors }, result.status);
  return apiJson(await seriesJson(series));
}
