import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, toCsv } from "~/lib/format";
import { seriesReader } from "~/http/series-access.server";
import { seriesData, seriesRows } from "~/results/series-page.server";

/** GET /results/series/:slug.csv (the server rewrites it here): every question's line, wave by wave, and the same people's pairs. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const data = await seriesData(params.slug, seriesReader(request));
  if (!data) throw new Response("This series has no published waves you may read.", { status: 404 });
  const { header, rows } = seriesRows(data);
  return csvResponse(toCsv(header, rows), `${data.slug}-series.csv`);
}
