import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, toCsv } from "~/lib/csv-export";
import { requireWave } from "~/http/not-found.server";
import { responseTable } from "~/results/export.server";
import { requireAdmin } from "~/http/session.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const wave = await requireWave(params.slug);
  const table = await responseTable(wave, new URL(request.url).searchParams.get("codes") !== "1");
  return csvResponse(toCsv(table.header, table.cells), `${wave.slug}-responses.csv`);
}
