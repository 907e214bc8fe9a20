import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, requireApiWave } from "~/http/api.server";
import { computeResults } from "~/results/results.server";
import { publicJson } from "~/results/public-json";
import { busyAs503 } from "~/http/figures-busy.server";

/** Live, unsuppressed results for the panel team's own tools. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { wave } = await requireApiWave(request, params.slug, "viewer");
  const by = new URL(request.url).searchParams.get("by");
  const dimension = by === "organisationType" || by === "roleCategory" ? by : "region";
  return apiJson({
    wave: wave.slug,
    live: true,
    unsuppressed: true,
    ...publicJson(await busyAs503(computeResults(wave, dimension), "json")),
  });
}
