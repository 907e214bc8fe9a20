import type { ActionFunctionArgs } from "@remix-run/node";
import { remind } from "~/flows/fieldwork.server";
import { apiJson, requireApiKey, waveOr404 } from "~/http/api.server";

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiJson({ error: "Use POST." }, 405);
  const { actor } = await requireApiKey(request, "editor");
  const wave = await waveOr404(params.slug);
  return apiJson(await remind(wave, actor));
}
