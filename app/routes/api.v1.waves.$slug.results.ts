import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, requireApiKey, waveOr404 } from "~/http/api.server";
import { computeResults } from "~/results/results.server";
import { publicJson } from "~/results/public-json";

/** Live, unsuppressed results for the panel team's own tools. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiKey(request, "viewer");
  const wave = await waveOr404(params.slug);
  const by = new URL(request.url).searchParams.get("by");
  const dimension = by === "organisationType" || by === "roleCategory" ? by : "region";
  return apiJson({
    wave: wave.slug,
    live: true,
    unsuppressed: true,
    ...publicJson(await computeResults(wave, dimension)),
  });
}
