import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, toCsv } from "~/lib/csv-export";
import { currentPublication } from "~/models/publication.server";
import { mayRead, resultsReader } from "~/models/results-access.server";
import { getWaveBySlug } from "~/models/wave.server";
import { publishedRows } from "~/results/published-csv";

/** GET /results/:waveSlug.csv (the server rewrites it here): the published tables, same audience rules as the page. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const wave = params.waveSlug ? await getWaveBySlug(params.waveSlug) : undefined;
  const publication = wave ? await currentPublication(wave.id) : undefined;
  if (!wave || !publication) throw new Response("These results are not published.", { status: 404 });
  if (!mayRead(wave.audience, await resultsReader(request, wave))) throw new Response("These results are not public.", { status: 403 });
  const { header, rows } = publishedRows(publication.snapshot);
  return csvResponse(toCsv(header, rows), `${wave.slug}-results.csv`);
}
