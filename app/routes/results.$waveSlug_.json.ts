import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentPublication } from "~/models/publication.server";
import { mayRead, resultsReader } from "~/models/results-access.server";
import { getWaveBySlug } from "~/models/wave.server";

/** GET /results/:waveSlug.json (the server rewrites it here): the published snapshot, same audience rules as the page. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const wave = params.waveSlug ? await getWaveBySlug(params.waveSlug) : undefined;
  const publication = wave ? await currentPublication(wave.id) : undefined;
  if (!wave || !publication) return Response.json({ error: "These results are not published." }, { status: 404 });
  if (!mayRead(wave.audience, await resultsReader(request, wave))) {
    return Response.json({ error: "These results are not public: open them from your results email, or sign in at /me." }, { status: 403 });
  }
  const { questions, regions, ...rest } = publication.snapshot;
  return Response.json(
    {
      ...rest,
      regions: regions.map((r) => ({ region: r.region, count: r.count, percent: r.percent, suppressed: r.suppressed })),
      questions: questions.map(({ groups, ...q }) => ({
        ...q,
        byRegion: groups.map(({ group, ...g }) => ({ region: group, ...g })),
      })),
      commentary: publication.commentary,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
