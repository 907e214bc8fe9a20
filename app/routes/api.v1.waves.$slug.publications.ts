import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiJson, readJsonBody, requireApiWave } from "~/http/api.server";
import { announceResults, publish } from "~/flows/publish.server";
import { publicJson } from "~/results/public-json";
import { busyAs503 } from "~/http/figures-busy.server";

// Strict: a field it does not know (commentary, "__proto__", …) is refused, not dropped without a word.
const schema = z
  .object({ keyFindings: z.string().max(5000).optional(), announce: z.boolean().default(false) })
  .strict();

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiJson({ error: "Use POST to publish." }, 405);
  const { actor, wave } = await requireApiWave(request, params.slug, "editor");
  const hasBody = (request.headers.get("Content-Type") ?? "").includes("json");
  const parsed = schema.safeParse(hasBody ? await readJsonBody(request) : {});
  if (!parsed.success) return apiJson({ error: 'Send {"keyFindings"?: "…", "announce"?: true}.' }, 400);
  const outcome = await busyAs503(
    publish(wave, actor, parsed.data.keyFindings ? { keyFindings: parsed.data.keyFindings } : {}),
    "json",
  );
  if (!outcome.ok) return apiJson({ error: outcome.message, needed: outcome.needed }, outcome.invalid ? 400 : 409);
  const publication = outcome.publication;
  const announced = parsed.data.announce ? await announceResults(wave, publication) : 0;
  return apiJson(
    {
      id: publication.id,
      publishedAt: publication.publishedAt,
      url: `/results/${wave.slug}`,
      announced,
      // Findings that may not be true of the figures (a number that matches none, a reference to nothing).
      warnings: outcome.warnings,
      snapshot: publicJson(publication.snapshot),
    },
    201,
  );
}
