import type { LoaderFunctionArgs } from "@remix-run/node";
import { waveStatus } from "~/models/fieldwork.server";
import { apiJson, requireApiKey, waveOr404 } from "~/http/api.server";
import { waveState } from "~/models/wave.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiKey(request, "viewer");
  const wave = await waveOr404(params.slug);
  return apiJson({ wave: wave.slug, state: waveState(wave), ...(await waveStatus(wave)) });
}
