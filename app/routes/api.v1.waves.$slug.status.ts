import type { LoaderFunctionArgs } from "@remix-run/node";
import { waveStatus } from "~/models/fieldwork.server";
import { apiJson, requireApiWave } from "~/http/api.server";
import { waveState } from "~/models/wave.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { wave } = await requireApiWave(request, params.slug, "viewer");
  return apiJson({ wave: wave.slug, state: waveState(wave), ...(await waveStatus(wave)) });
}
