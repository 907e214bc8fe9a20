import type { ActionFunctionArgs } from "@remix-run/node";
import { remind } from "~/flows/fieldwork.server";
import { apiJson, requireApiWave } from "~/http/api.server";

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiJson({ error: "Use POST." }, 405);
  const { actor, wave } = await requireApiWave(request, params.slug, "editor");
  return apiJson(await remind(wave, actor));
}
