import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, toCsv } from "~/lib/format";
import { ORGANISATION_TYPES, ROLE_CATEGORIES, parseFilters } from "~/lib/panel";
import { exportPanelists } from "~/models/panelist.server";
import { requirePanelAdmin } from "~/http/session.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { panel } = await requirePanelAdmin(request, params.slug);
  const rows = await exportPanelists(panel.id, parseFilters(new URL(request.url)));
  const header = [
    "email",
    "name",
    "job_title",
    "role_category",
    "organisation",
    "organisation_type",
    "country",
    "region",
    "language",
    "status",
    "consent_version",
    "consented_at",
    "attributes",
  ];
  const body = toCsv(
    header,
    rows.map((p) => [
      p.email,
      p.name,
      p.jobTitle,
      p.roleCategory ? (ROLE_CATEGORIES[p.roleCategory as keyof typeof ROLE_CATEGORIES] ?? p.roleCategory) : null,
      p.organisation,
      p.organisationType
        ? (ORGANISATION_TYPES[p.organisationType as keyof typeof ORGANISATION_TYPES] ?? p.organisationType)
        : null,
      p.country,
      p.region,
      p.language,
      p.status,
      p.consentVersion,
      p.consentedAt?.toISOString(),
      Object.keys(p.attributes).length ? JSON.stringify(p.attributes) : null,
    ]),
  );
  return csvResponse(body, `${panel.slug}-panelists.csv`);
}
