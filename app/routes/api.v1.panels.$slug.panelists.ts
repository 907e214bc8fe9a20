import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, readJsonBody, requireApiPanel } from "~/http/api.server";
import { profileSchema, type Profile, isRegion, parseFilters } from "~/lib/panel";
import { bulkUpsertPanelists, listPanelists } from "~/models/panelist.server";

const PER_PAGE = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { panel } = await requireApiPanel(request, params.slug, "viewer");
  const url = new URL(request.url);
  const region = url.searchParams.get("region");
  if (region && !isRegion(region))
    return apiJson({ error: `"${region}" is not a region; use one of the seven World Bank region names.` }, 400);
  const filters = parseFilters(url);
  const { panelists, total } = await listPanelists(panel.id, filters, filters.page, PER_PAGE);
  return apiJson({
    page: filters.page,
    perPage: PER_PAGE,
    total,
    panelists: panelists.map((p) => ({
      email: p.email,
      name: p.name,
      jobTitle: p.jobTitle,
      roleCategory: p.roleCategory,
      organisation: p.organisation,
      organisationType: p.organisationType,
      country: p.country,
      region: p.region,
      language: p.language,
      status: p.status,
      attributes: p.attributes,
      consentVersion: p.consentVersion,
      consentedAt: p.consentedAt,
      createdAt: p.createdAt,
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiJson({ error: "Use POST to add or update panelists." }, 405);
  const { actor, panel } = await requireApiPanel(request, params.slug, "editor");
  const body = await readJsonBody(request);
  if (!Array.isArray(body)) return apiJson({ error: "Send a JSON array of profiles." }, 400);
  if (body.length > 50_000) return apiJson({ error: "Send at most 50,000 profiles at a time." }, 413);
  const good: Profile[] = [];
  const rejected: { index: number; errors: string[] }[] = [];
  const seen = new Map<string, number>();
  body.forEach((item, index) => {
    const parsed = profileSchema.safeParse(item);
    if (!parsed.success) {
      rejected.push({
        index,
        errors: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)),
      });
      return;
    }
    const key = parsed.data.email.toLowerCase();
    if (seen.has(key)) {
      rejected.push({
        index,
        errors: [`email: ${parsed.data.email} appears earlier in the array (index ${seen.get(key)}).`],
      });
      return;
    }
    seen.set(key, index);
    good.push(parsed.data);
  });
  const { created, updated } = await bulkUpsertPanelists(panel.id, good, actor, "api");
  return apiJson({ created, updated, rejected });
}
