import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, toCsv } from "~/lib/format";
import { readablePublication } from "~/http/results-access.server";
import { publishedRows } from "~/results/published-csv";

/** GET /results/:waveSlug.csv (the server rewrites it here): the published tables, same audience rules as the page. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const { wave, publication } = await readablePublication(request, params.waveSlug);
  const { header, rows } = publishedRows(publication.snapshot);
  return csvResponse(toCsv(header, rows), `${wave.slug}-results.csv`);
}
