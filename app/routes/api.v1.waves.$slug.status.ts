import type { LoaderFunctionArgs } from "@remix-run/node";
import { waveStatus } from "~/models/fieldwork.server";
import { apiJson, requireApiWave } from "~/http/api.server";
import { waveState } from "~/models/wave.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { wave } = await requireApiWave(request, params.slug, "viewer");
  // On an anonymous wave `latest` is empty: the API does not say who completed when (issue 21).
  return apiJson({
    wave: wave.slug,
    state: waveState(wave),
    identified: wave.identified,
    ...(await waveStatus(wave)),
  });
}
