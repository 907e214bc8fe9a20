import type { LoaderFunctionArgs } from "@remix-run/node";
import { readablePublication } from "~/http/results-access.server";
import { publicJson } from "~/results/public-json";

/** GET /results/:waveSlug.json (the server rewrites it here): the published snapshot, same audience rules as the page. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  let publication;
  try {
    ({ publication } = await readablePublication(request, params.waveSlug));
  } catch (thrown) {
    // The same refusals as the page, as JSON.
    if (thrown instanceof Response) return Response.json({ error: await thrown.text() }, { status: thrown.status });
    throw thrown;
  }
  return Response.json(
    { ...publicJson(publication.snapshot), commentary: publication.commentary },
    { headers: { "Cache-Control": "no-store" } },
  );
}
