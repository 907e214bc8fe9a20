import type { LoaderFunctionArgs } from "@remix-run/node";
import { responseRecords } from "~/results/export.server";
import { requireWaveAdmin } from "~/http/session.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { wave } = await requireWaveAdmin(request, params.slug);
  const rows = await responseRecords(wave);
  return new Response(JSON.stringify({ wave: wave.slug, responses: rows }), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${wave.slug}-responses.json"`,
      "Cache-Control": "no-store",
    },
  });
}
