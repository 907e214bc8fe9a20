import type { LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "~/db.server";
import { getWaveBySlug } from "~/models/wave.server";
import { requireAdmin } from "~/session.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const wave = params.slug ? await getWaveBySlug(params.slug) : undefined;
  if (!wave) throw new Response("There is no such wave.", { status: 404 });
  const rows = await sql`
    select id, completed_at, source, country, region, organisation_type, role_category, data from responses
    where wave_id = ${wave.id} and questionnaire_version_id = ${wave.questionnaireVersionId} and status = 'complete' order by completed_at`;
  return new Response(JSON.stringify({ wave: wave.slug, responses: rows }), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${wave.slug}-responses.json"`, "Cache-Control": "no-store" },
  });
}
