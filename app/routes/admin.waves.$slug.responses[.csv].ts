import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, toCsv } from "~/lib/csv-export";
import { getWaveBySlug } from "~/models/wave.server";
import { responseTable } from "~/results/export.server";
import { requireAdmin } from "~/session.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const wave = params.slug ? await getWaveBySlug(params.slug) : undefined;
  if (!wave) throw new Response("There is no such wave.", { status: 404 });
  const table = await responseTable(wave, new URL(request.url).searchParams.get("codes") !== "1");
  return csvResponse(toCsv(table.header, table.cells), `${wave.slug}-responses.csv`);
}
