import { sql, json } from "~/db.server";
import {
  changedFields,
  type Profile,
  type PanelistStatus,
  regionOf,
  type PanelistFilters,
  type ProfileFields,
} from "~/lib/panel";
import { audit, type Actor } from "./audit.server";

export interface PanelistProfile extends ProfileFields {
  email: string;
  attributes?: Record<string, unknown>;
}

export interface Panelist {
  id: number;
  panelId: number;
  email: string | null;
  name: string | null;
  jobTitle: string | null;
  roleCategory: string | null;
  organisation: string | null;
  organisationType: string | null;
  country: string | null;
  region: string | null;
  /** Preferred language (null: the panel's). */
  language: string | null;
  status: PanelistStatus;
  attributes: Record<string, unknown>;
  consentVersion: number | null;
  consentedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const columns = () => sql`id, panel_id, email, name, job_title, role_category, organisation, organisation_type,
  country, region, language, status, attributes, consent_version, consented_at, created_at, updated_at`;

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
      country, region, language, attributes, status, source)
    values (${panelId}, ${profile.email.trim()}, ${profile.name ?? null}, ${profile.jobTitle ?? null},
      ${profile.roleCategory ?? null}, ${profile.organisation ?? null}, ${profile.organisationType ?? null},
      ${country}, ${regionOf(country) ?? null}, ${profile.language ?? null}, ${json(sql, profile.attributes ?? {})},
      ${options.status ?? "active"}, ${options.source ?? "admin"})
    on conflict (panel_id, lower(email)) do update set
      name = coalesce(excluded.name, panelists.name),
      language = coalesce(excluded.language, panelists.language),
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

/**
 * Upserts many validated profiles by email in one statement (for imports and the API): new people
 * are created active, existing ones get their profile updated; status and consent are never touched.
 */
export async function bulkUpsertPanelists(
  panelId: number,
  profiles: Profile[],
  actor: Actor,
  source: string,
): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (let i = 0; i < profiles.length; i += 5000) {
    const batch = profiles.slice(i, i + 5000).map((p) => ({ ...p, region: regionOf(p.country) ?? null }));
    const rows = await sql.begin(async (tx) => {
      const result = await tx<{ created: boolean }[]>`
        insert into panelists (panel_id, email, name, job_title, role_category, organisation, organisation_type,
          country, region, language, attributes, status, source)
        select ${panelId}, x.email, x.name, x."jobTitle", x."roleCategory", x.organisation, x."organisationType",
          x.country, x.region, x.language, coalesce(x.attributes, '{}'), 'active', ${source}
        from jsonb_to_recordset(${json(tx, batch)}) as x(email text, name text, "jobTitle" text,
          "roleCategory" text, organisation text, "organisationType" text, country text, region text, language text, attributes jsonb)
        on conflict (panel_id, lower(email)) do update set
          name = excluded.name,
          language = coalesce(excluded.language, panelists.language),
          job_title = coalesce(excluded.job_title, panelists.job_title),
          role_category = coalesce(excluded.role_category, panelists.role_category),
          organisation = coalesce(excluded.organisation, panelists.organisation),
          organisation_type = coalesce(excluded.organisation_type, panelists.organisation_type),
          country = excluded.country,
          region = excluded.region,
          attributes = panelists.attributes || excluded.attributes,
          updated_at = now()
        where panelists.status <> 'erased'
        returning (xmax = 0) as created`;
      return result;
    });
    for (const r of rows) {
      if (r.created) created++;
      else updated++;
    }
  }
  await audit(actor, "upsert", "panelists", null, { panelId, source, received: profiles.length, created, updated });
  return { created, updated };
}

export async function getPanelist(panelId: number, id: number): Promise<Panelist | undefined> {
  const [row] = await sql<Panelist[]>`select ${columns()} from panelists where panel_id = ${panelId} and id = ${id}`;
  return row;
}

export async function getPanelistById(id: number): Promise<Panelist | undefined> {
  const [row] = await sql<Panelist[]>`select ${columns()} from panelists where id = ${id}`;
  return row;
}

export async function getPanelistByEmail(panelId: number, email: string): Promise<Panelist | undefined> {
  const [row] = await sql<Panelist[]>`
    select ${columns()} from panelists where panel_id = ${panelId} and lower(email) = lower(${email})`;
  return row;
}

function where(panelId: number, f: PanelistFilters) {
  const q = f.q?.trim();
  return sql`panel_id = ${panelId}
    ${q ? sql`and (coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(organisation, '')) ilike ${"%" + q.replace(/[\\%_]/g, (c) => "\\" + c) + "%"}` : sql``}
    ${f.region ? sql`and region = ${f.region}` : sql``}
    ${f.country ? sql`and country = ${f.country}` : sql``}
    ${f.organisationType ? sql`and organisation_type = ${f.organisationType}` : sql``}
    ${f.roleCategory ? sql`and role_category = ${f.roleCategory}` : sql``}
    ${f.status ? sql`and status = ${f.status}` : sql``}`;
}

/** One page of a panel's panelists matching the filters, by name, with the total count. */
export async function listPanelists(panelId: number, filters: PanelistFilters, page: number, perPage = 50) {
  const [rows, [count]] = await Promise.all([
    sql<Panelist[]>`select ${columns()} from panelists where ${where(panelId, filters)}
      order by name nulls last, id limit ${perPage} offset ${(Math.max(1, page) - 1) * perPage}`,
    sql<{ n: number }[]>`select count(*) as n from panelists where ${where(panelId, filters)}`,
  ]);
  return { panelists: rows, total: count?.n ?? 0 };
}

/** How many of a panel's panelists are in each region and each status (one pass over the panel). */
export async function panelCounts(panelId: number) {
  const rows = await sql<{ region: string | null; status: string; n: number }[]>`
    select region, status, count(*) as n from panelists where panel_id = ${panelId} group by region, status`;
  const byRegion: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  for (const r of rows) {
    const region = r.region ?? "Unknown";
    byRegion[region] = (byRegion[region] ?? 0) + r.n;
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
  }
  return { byRegion, byStatus };
}

/** How many active panelists each panel has per country (panels of `panelIds`): `{ panelId: { KE: 120, … } }`. */
export async function activeByCountry(panelIds: number[]): Promise<Record<string, Record<string, number>>> {
  const rows = await sql<{ panelId: number; country: string; n: number }[]>`
    select panel_id, country, count(*)::int as n from panelists
    where panel_id = any(${panelIds}::bigint[]) and status = 'active' and country is not null
    group by panel_id, country`;
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[String(r.panelId)] ??= {})[r.country] = r.n;
  return out;
}

/** Every panelist of a panel matching the filters, for export (streamed in pages by the caller). */
export async function exportPanelists(panelId: number, filters: PanelistFilters) {
  return sql<Panelist[]>`select ${columns()} from panelists where ${where(panelId, filters)} order by id`;
}

/** Changes one panelist's profile (status too, when given); audited with the changed fields. */
export async function updatePanelist(
  panelId: number,
  id: number,
  profile: Profile,
  actor: Actor,
  status?: PanelistStatus,
): Promise<{ ok: true } | { ok: false; reason: "not-found" | "email-taken" | "left" }> {
  return sql.begin(async (tx) => {
    const [before] = await tx<
      Panelist[]
    >`select ${columns()} from panelists where panel_id = ${panelId} and id = ${id} for update`;
    if (!before || before.status === "erased") return { ok: false, reason: "not-found" } as const;
    const [clash] =
      await tx`select 1 from panelists where panel_id = ${panelId} and lower(email) = lower(${profile.email}) and id <> ${id}`;
    if (clash) return { ok: false, reason: "email-taken" } as const;
    // Someone who left comes back only by confirming it themselves (from a join request's email).
    if (before.status === "unsubscribed" && status && status !== "unsubscribed")
      return { ok: false, reason: "left" } as const;
    const after = {
      email: profile.email,
      name: profile.name,
      jobTitle: profile.jobTitle,
      roleCategory: profile.roleCategory,
      organisation: profile.organisation,
      organisationType: profile.organisationType,
      country: profile.country,
      region: regionOf(profile.country) ?? null,
      language: profile.language ?? null,
      attributes: profile.attributes,
      status: status ?? before.status,
    };
    await tx`
      update panelists set email = ${after.email}, name = ${after.name}, job_title = ${after.jobTitle},
        role_category = ${after.roleCategory}, organisation = ${after.organisation},
        organisation_type = ${after.organisationType}, country = ${after.country}, region = ${after.region},
        language = ${after.language}, attributes = ${json(tx, after.attributes)}, status = ${after.status}, updated_at = now()
      where id = ${id}`;
    // Which fields changed, never their values: an audit entry holds no personal data.
    await audit(
      actor,
      "update",
      "panelist",
      id,
      { changed: Object.keys(changedFields(before as unknown as Record<string, unknown>, after)) },
      tx,
    );
    return { ok: true } as const;
  });
}

/** Adds one panelist from the admin; refuses an email already on the panel. */
export async function addPanelist(
  panelId: number,
  profile: Profile,
  actor: Actor,
): Promise<{ ok: true; id: number } | { ok: false; reason: "email-taken" }> {
  return sql.begin(async (tx) => {
    const [clash] =
      await tx`select 1 from panelists where panel_id = ${panelId} and lower(email) = lower(${profile.email})`;
    if (clash) return { ok: false, reason: "email-taken" } as const;
    const [row] = await tx<{ id: number }[]>`
      insert into panelists (panel_id, email, name, job_title, role_category, organisation, organisation_type,
        country, region, language, attributes, status, source)
      values (${panelId}, ${profile.email}, ${profile.name}, ${profile.jobTitle}, ${profile.roleCategory},
        ${profile.organisation}, ${profile.organisationType}, ${profile.country}, ${regionOf(profile.country) ?? null},
        ${profile.language ?? null}, ${json(tx, profile.attributes)}, 'active', 'admin')
      returning id`;
    await audit(actor, "create", "panelist", row?.id ?? null, { panelId }, tx);
    return { ok: true, id: row?.id as number } as const;
  });
}

/** Marks people unsubscribed by email (opt-outs received by phone or reply); returns how many changed. */
export async function unsubscribeEmails(
  panelId: number,
  emails: string[],
  actor: Actor,
): Promise<{ unsubscribed: number; notFound: string[] }> {
  return sql.begin(async (tx) => {
    const lowered = emails.map((e) => e.trim().toLowerCase());
    const rows = await tx<{ id: number; email: string }[]>`
      update panelists set status = 'unsubscribed', updated_at = now()
      where panel_id = ${panelId} and lower(email) = any(${lowered}) and status in ('active', 'pending', 'bounced')
      returning id, lower(email) as email`;
    const known = await tx<{ email: string }[]>`
      select lower(email) as email from panelists where panel_id = ${panelId} and lower(email) = any(${lowered})`;
    const knownSet = new Set(known.map((k) => k.email));
    await audit(actor, "unsubscribe", "panelists", null, { panelId, panelists: rows.map((r) => r.id) }, tx);
    return { unsubscribed: rows.length, notFound: lowered.filter((e) => !knownSet.has(e)) };
  });
}

/**
 * Marks addresses reported as bouncing (by the team's mail provider, through the API): later sends
 * skip them (only active people are emailed) and the admin shows them as bounced. Unsubscribed and
 * erased people stay as they are.
 */
export async function markBounced(
  panelId: number,
  emails: string[],
  actor: Actor,
): Promise<{ bounced: number; notFound: string[] }> {
  return sql.begin(async (tx) => {
    const lowered = emails.map((e) => e.trim().toLowerCase());
    const rows = await tx<{ id: number }[]>`
      update panelists set status = 'bounced', updated_at = now()
      where panel_id = ${panelId} and lower(email) = any(${lowered}) and status in ('active', 'pending')
      returning id`;
    const known = await tx<{ email: string }[]>`
      select lower(email) as email from panelists where panel_id = ${panelId} and lower(email) = any(${lowered})`;
    const knownSet = new Set(known.map((k) => k.email));
    await audit(actor, "bounce", "panelists", null, { panelId, panelists: rows.map((r) => r.id) }, tx);
    return { bounced: rows.length, notFound: lowered.filter((e) => !knownSet.has(e)) };
  });
}

/** Adds many synthetic panelists at once (the demo's invented leaders), returning their ids in order. */
export async function insertSyntheticPanelists(
  panelId: number,
  people: {
    email: string;
    name: string;
    country: string;
    region: string;
    organisationType: string;
    roleCategory: string;
    organisation: string;
  }[],
): Promise<number[]> {
  const rows = await sql<{ id: number; n: number }[]>`
    insert into panelists (panel_id, email, name, country, region, organisation_type, role_category, organisation, status, source)
    select ${panelId}, e.x->>'email', e.x->>'name', e.x->>'country', e.x->>'region', e.x->>'organisationType',
      e.x->>'roleCategory', e.x->>'organisation', 'active', 'demo'
    from jsonb_array_elements(${json(sql, people)}) with ordinality as e(x, n)
    order by e.n
    returning id`;
  return rows.map((r) => Number(r.id));
}
