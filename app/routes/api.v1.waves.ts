import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, readJsonBody, requireApiKey } from "~/http/api.server";
import { launchWave, waveJson } from "~/flows/launch-wave.server";
import { listWaves } from "~/models/wave.server";
import { getPanelBySlug } from "~/models/panel.server";
import { mayOnPanel, visiblePanelIds } from "~/lib/web";

export async function loader({ request }: LoaderFunctionArgs) {
  const { access } = await requireApiKey(request, "viewer");
  return apiJson({ waves: await listWaves(visiblePanelIds(access)) });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiJson({ error: "Use POST to create a wave." }, 405);
  const { actor, access, key } = await requireApiKey(request, "editor");
  const body = await readJsonBody(request);
  const slug = (body as { panel?: unknown } | null)?.panel;
  if (key.panelId !== null) {
    const panel = typeof slug === "string" ? await getPanelBySlug(slug) : undefined;
    if (!panel || !mayOnPanel(access, panel.id, "editor"))
      return apiJson({ error: `This API key is for the panel "${key.panelSlug}" only.` }, 403);
  }
  const result = await launchWave(body, actor);
  if (!result.ok) return apiJson({ error: "The wave was not created.", fields: result.errors }, result.status);
  return apiJson(waveJson(result.wave), 201);
}
