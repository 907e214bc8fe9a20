import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiJson, readJsonBody, requireApiPanel } from "~/http/api.server";
import { contactLimitSchema } from "~/lib/fieldwork";
import { getPanelBySlug, setContactLimit, type Panel } from "~/models/panel.server";

function panelJson(panel: Panel) {
  return { slug: panel.slug, name: panel.name, contactLimit: panel.contactLimit };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { panel } = await requireApiPanel(request, params.slug, "viewer");
  return apiJson(panelJson(panel));
}

const patchSchema = z.object({ contactLimit: contactLimitSchema }).strict();

/** `PATCH /api/v1/panels/:slug` `{"contactLimit": {"invitations": 3, "days": 90, "gapDays": 14}}`. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, panel } = await requireApiPanel(request, params.slug, "editor");
  if (request.method !== "PATCH") return apiJson({ error: "Use PATCH to change a panel." }, 405);
  const parsed = patchSchema.safeParse(await readJsonBody(request));
  if (!parsed.success)
    return apiJson(
      {
        error: 'Send {"contactLimit": {"invitations": 3, "days": 90, "gapDays": 14}}.',
        fields: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
      },
      400,
    );
  await setContactLimit(panel, parsed.data.contactLimit, actor);
  return apiJson(panelJson((await getPanelBySlug(panel.slug)) as Panel));
}
