import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, toCsv } from "~/lib/format";
import { responseTable } from "~/results/export.server";
import { requireWaveAdmin } from "~/http/session.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { wave } = await requireWaveAdmin(request, params.slug);
  const table = await responseTable(wave, new URL(request.url).searchParams.get("codes") !== "1");
  return csvResponse(toCsv(table.header, table.cells), `${wave.slug}-responses.csv`);
}
