import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiJson, readJsonBody, requireApiPanel } from "~/http/api.server";
import { markBounced } from "~/models/panelist.server";

const schema = z.object({
  emails: z.array(z.string().trim().email("each entry must be an email address")).min(1).max(50_000),
});

/** `POST /api/v1/panels/:slug/bounces` `{"emails": [...]}`: addresses the mail provider reports as bouncing. */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiJson({ error: "Use POST." }, 405);
  const { actor, panel } = await requireApiPanel(request, params.slug, "editor");
  const parsed = schema.safeParse(await readJsonBody(request));
  if (!parsed.success)
    return apiJson({ error: 'Send {"emails": ["…"]}.', fields: parsed.error.flatten().fieldErrors }, 400);
  return apiJson(await markBounced(panel.id, parsed.data.emails, actor));
}
