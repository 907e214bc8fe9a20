import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, readJsonBody, requireApiKey } from "~/http/api.server";
import { launchWave, waveJson } from "~/flows/launch-wave.server";
import { listWaves } from "~/models/wave.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiKey(request, "viewer");
  return apiJson({ waves: await listWaves() });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiJson({ error: "Use POST to create a wave." }, 405);
  const { actor } = await requireApiKey(request, "editor");
  const result = await launchWave(await readJsonBody(request), actor);
  if (!result.ok) return apiJson({ error: "The wave was not created.", fields: result.errors }, result.status);
  return apiJson(waveJson(result.wave), 201);
}
