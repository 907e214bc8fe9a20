import type { LoaderFunctionArgs } from "@remix-run/node";
import { draftSnapshot } from "~/flows/publish.server";
import { apiJson, requireApiWave } from "~/http/api.server";
import { mayOnPanel } from "~/lib/web";
import { computeResults } from "~/results/results.server";
import { publicJson } from "~/results/public-json";
import { busyAs503 } from "~/http/figures-busy.server";

/**
 * Live results for the panel team's own tools: unsuppressed for editor and owner keys of an identified
 * wave; for viewer keys (the lowest role), and for everyone on an anonymous wave (no API joins a response
 * to a person, for anyone), only through the disclosure engine at the wave's k, as publishing now would show.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { wave, access } = await requireApiWave(request, params.slug, "viewer");
  if (!mayOnPanel(access, wave.panelId, "editor") || !wave.identified) {
    const { snapshot } = await busyAs503(draftSnapshot(wave), "json");
    // The snapshot names its wave and k; its quotes are those publishing would show.
    return apiJson({ ...publicJson(snapshot), live: true, unsuppressed: false });
  }
  const by = new URL(request.url).searchParams.get("by");
  const dimension = by === "organisationType" || by === "roleCategory" ? by : "region";
  return apiJson({
    wave: wave.slug,
    live: true,
    unsuppressed: true,
    ...publicJson(await busyAs503(computeResults(wave, dimension), "json")),
  });
}
