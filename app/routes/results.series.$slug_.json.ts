import type { LoaderFunctionArgs } from "@remix-run/node";
import { seriesReader } from "~/http/series-access.server";
import { seriesData } from "~/results/series-page.server";

/** GET /results/series/:slug.json (the server rewrites it here): the waves and every question's line, per wave's audience. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const data = await seriesData(params.slug, seriesReader(request));
  if (!data) return Response.json({ error: "This series has no published waves you may read." }, { status: 404 });
  const { latest, definitionVersion: _v, ...rest } = data;
  return Response.json(
    {
      ...rest,
      questions: latest.questions
        .filter((q) => data.trends.questions.some((t) => t.name === q.name && t.waves.length > 1))
        .map((q) => ({ name: q.name, title: q.title, kind: q.kind, options: q.options })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
