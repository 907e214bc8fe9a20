import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, readJsonBody, requireApiKey } from "~/http/api.server";
import { panelSchema as schema } from "~/lib/panel";
import { createPanel, listPanels } from "~/models/panel.server";
import { visiblePanelIds } from "~/lib/web";

export async function loader({ request }: LoaderFunctionArgs) {
  const { access } = await requireApiKey(request, "viewer");
  const panels = await listPanels(visiblePanelIds(access));
  return apiJson({
    panels: panels.map((p) => ({ slug: p.slug, name: p.name, panelists: p.panelists, active: p.active })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiJson({ error: "Use POST to create a panel." }, 405);
  const { actor } = await requireApiKey(request, "editor", { allPanels: true });
  const parsed = schema.safeParse(await readJsonBody(request));
  if (!parsed.success) return apiJson({ error: "Invalid panel.", fields: parsed.error.flatten().fieldErrors }, 400);
  const result = await createPanel(parsed.data, actor);
  if (!result.ok) return apiJson({ error: `A panel with slug "${parsed.data.slug}" already exists.` }, 409);
  const { id: _id, ...panel } = result.panel;
  return apiJson(panel, 201);
}
