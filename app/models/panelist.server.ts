import { sql } from "~/db.server";
import { regionOf } from "~/lib/regions";

export interface PanelistProfile {
  email: string;
  name?: string | null;
  jobTitle?: string | null;
  roleCategory?: string | null;
  organisation?: string | null;
  organisationType?: string | null;
  country?: string | null;
  attributes?: Record<string, unknown>;
}

export interface Panelist extends Required<Omit<PanelistProfile, "attributes">> {
  id: number;
  panelId: number;
  region: string | null;
  status: string;
  attributes: Record<string, unknown>;
}

const columns = () => sql`id, panel_id, email, name, job_title, role_category, organisation, organisation_type,
  country, region, status, attributes`;

/**
 * Adds a person to a panel, or updates the profile of the person with that email (compared
 * case-insensitively). Status and consent are left as they are for an existing person.
 */
export async function upsertPanelist(
  panelId: number,
  profile: PanelistProfile,
  options: { status?: "active" | "pending"; source?: string } = {},
): Promise<Panelist & { created: boolean }> {
  const country = profile.country ? profile.country.toUpperCase() : null;
  const [row] = await sql<(Panelist & { created: boolean })[]>`
    insert into panelists (panel_id, email, name, job_title, role_category, organisation, organisation_type,
      country, region, attributes, status, source)
    values (${panelId}, ${profile.email.trim()}, ${profile.name ?? null}, ${profile.jobTitle ?? null},
      ${profile.roleCategory ?? null}, ${profile.organisation ?? null}, ${profile.organisationType ?? null},
      ${country}, ${regionOf(country) ?? null}, ${sql.json((profile.attributes ?? {}) as never)},
      ${options.status ?? "active"}, ${options.source ?? "admin"})
    on conflict (panel_id, lower(email)) do update set
      name = coalesce(excluded.name, panelists.name),
      job_title = coalesce(excluded.job_title, panelists.job_title),
      role_category = coalesce(excluded.role_category, panelists.role_category),
      organisation = coalesce(excluded.organisation, panelists.organisation),
      organisation_type = coalesce(excluded.organisation_type, panelists.organisation_type),
      country = coalesce(excluded.country, panelists.country),
      region = coalesce(excluded.region, panelists.region),
      attributes = panelists.attributes || excluded.attributes,
      updated_at = now()
    returning ${columns()}, (xmax = 0) as created`;
  if (!row) throw new Error("could not store panelist");
  return row;
}

export async function getPanelistByEmail(panelId: number, email: string): Promise<Panelist | undefined> {
  const [row] = await sql<Panelist[]>`
    select ${columns()} from panelists where panel_id = ${panelId} and lower(email) = lower(${email})`;
  return row;
}

export async function countPanelists(panelId: number): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*) as n from panelists where panel_id = ${panelId}`;
  return row?.n ?? 0;
}
