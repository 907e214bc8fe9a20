import type { LoaderFunctionArgs } from "@remix-run/node";
import { responseTable, xlsx } from "~/results/export.server";
import { requireWaveAdmin } from "~/http/session.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { wave } = await requireWaveAdmin(request, params.slug);
  const table = await responseTable(wave, new URL(request.url).searchParams.get("codes") !== "1");
  return new Response(new Uint8Array(await xlsx(table, wave.slug)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${wave.slug}-responses.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}
