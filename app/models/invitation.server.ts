import type postgres from "postgres";
import { logoPath } from "~/lib/panel";
import { sql, json } from "~/db.server";
import { cachedDefinition } from "./questionnaire.server";
import { getServerSecret } from "~/secrets.server";
import { hashToken, invitationToken, looksLikeToken } from "~/lib/security";

export interface Invitation {
  id: number;
  waveId: number;
  panelistId: number;
  createdAt: Date;
  usedAt: Date | null;
}

/** The secret link token of an invitation; the same every time for the same person and wave. */
export function tokenFor(waveId: number, panelistId: number): string {
  return invitationToken(getServerSecret(), waveId, panelistId);
}

/** Invites a panelist to a wave, once: asking again returns the existing invitation and its same link. */
export async function ensureInvitation(
  waveId: number,
  panelistId: number,
): Promise<Invitation & { token: string; created: boolean }> {
  const token = tokenFor(waveId, panelistId);
  const [row] = await sql<(Invitation & { created: boolean })[]>`
    insert into invitations (wave_id, panelist_id, token_hash)
    values (${waveId}, ${panelistId}, ${hashToken(token)})
    on conflict (wave_id, panelist_id) do update set wave_id = excluded.wave_id
    returning id, wave_id, panelist_id, created_at, used_at, (xmax = 0) as created`;
  if (!row) throw new Error("could not store invitation");
  return { ...row, token };
}

export interface InvitationContext {
  invitationId: number;
  usedAt: Date | null;
  openedAt: Date | null;
  waveId: number;
  waveSlug: string;
  waveTitle: string;
  /** Declared at launch: the team may link responses to people (the first page says so). */
  waveIdentified: boolean;
  opensAt: Date;
  closesAt: Date | null;
  versionId: number;
  definition: Record<string, unknown>;
  panelistId: number;
  panelistStatus: string;
  firstName: string | null;
  panelistName: string | null;
  panelistEmail: string | null;
  panelName: string;
  /** The panel's logo address, when it has one. */
  panelLogo: string | null;
  thankYou: boolean;
  /** The language chosen on the page (remembered), the person's preferred one, the panel's. */
  invitationLanguage: string | null;
  panelistLanguage: string | null;
  panelLanguage: string;
  /** What the panel knows of the person, to start profile questions at. */
  profile: {
    country: string | null;
    organisationType: string | null;
    roleCategory: string | null;
    organisation: string | null;
    jobTitle: string | null;
  };
}

/** A row of the context's columns (contextColumns), before its definition and profile are put together. */
export type ContextRow = Omit<InvitationContext, "definition" | "profile" | "panelLogo"> &
  InvitationContext["profile"] & {
    panelSlug: string;
    panelLogoVersion: number | null;
  };

/** The columns of an InvitationContext, read from invitations i, waves w, panels x and panelists p (see contextSources). */
export function contextColumns(db: typeof sql) {
  return db`i.id as invitation_id, i.used_at, i.opened_at,
      w.id as wave_id, w.slug as wave_slug, w.title as wave_title, w.identified as wave_identified, w.opens_at, w.closes_at,
      w.questionnaire_version_id as version_id,
      p.id as panelist_id, p.status as panelist_status, split_part(p.name, ' ', 1) as first_name,
      p.name as panelist_name, p.email as panelist_email, x.name as panel_name, w.thank_you,
      x.slug as panel_slug, extract(epoch from x.logo_updated_at)::bigint as panel_logo_version,
      i.language as invitation_language, p.language as panelist_language, x.default_language as panel_language,
      p.country, p.organisation_type, p.role_category, p.organisation, p.job_title`;
}

/** The invitation of a token, with its wave, panel and panelist, for contextColumns. */
export function contextSources(db: typeof sql, token: string) {
  return db`invitations i
    join waves w on w.id = i.wave_id
    join panels x on x.id = w.panel_id
    join panelists p on p.id = i.panelist_id
    where i.token_hash = ${hashToken(token)}`;
}

/** The InvitationContext of a row of contextColumns. */
export async function contextOf(row: ContextRow): Promise<InvitationContext> {
  const { country, organisationType, roleCategory, organisation, jobTitle, panelSlug, panelLogoVersion, ...rest } = row;
  return {
    ...rest,
    panelLogo: logoPath({ slug: panelSlug, logoVersion: panelLogoVersion }),
    profile: { country, organisationType, roleCategory, organisation, jobTitle },
    // The definition (tens of kilobytes) is read once per version and process, not on every request.
    definition: await cachedDefinition(row.versionId),
  };
}

/** Everything the respondent page needs, found by the token's hash; undefined for an unknown token. */
export async function findInvitationByToken(token: string): Promise<InvitationContext | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const [row] = await sql<ContextRow[]>`select ${contextColumns(sql)} from ${contextSources(sql, token)}`;
  return row ? contextOf(row) : undefined;
}

/** Remembers the language a respondent chose on the page, for their next visit and their emails about this wave. */
/** What a completion's thank-you email says: whom it thanks (by name), the panel and the wave; undefined when gone. */
export async function thankYouContext(
  db: typeof sql | postgres.TransactionSql,
  invitationId: number,
): Promise<{ panelistId: number; panelistName: string | null; panelName: string; waveTitle: string } | undefined> {
  const [row] = await db<{ panelistId: number; panelistName: string | null; panelName: string; waveTitle: string }[]>`
    select p.id as panelist_id, p.name as panelist_name, x.name as panel_name, w.title as wave_title
    from invitations i join waves w on w.id = i.wave_id join panels x on x.id = w.panel_id
    join panelists p on p.id = i.panelist_id where i.id = ${invitationId}`;
  return row;
}

export async function rememberLanguage(invitationId: number, language: string): Promise<void> {
  await sql`update invitations set language = ${language} where id = ${invitationId} and language is distinct from ${language}`;
}

/** Records the first time a link was opened. */
export async function markOpened(invitationId: number): Promise<void> {
  await sql`update invitations set opened_at = now() where id = ${invitationId} and opened_at is null`;
}

/** Unused invitations of a wave, oldest first (used to show demo links). */
export async function unusedInvitations(waveId: number, limit: number) {
  return sql<{ waveId: number; panelistId: number; email: string; name: string | null }[]>`
    select i.wave_id, i.panelist_id, p.email, p.name
    from invitations i join panelists p on p.id = i.panelist_id
    where i.wave_id = ${waveId} and i.used_at is null and p.status = 'active'
    order by i.id limit ${limit}`;
}

/**
 * Invitations already answered, for synthetic respondents (the demo's closed waves): never emailed
 * (they count towards no contact rule), each with a random token nobody holds. Returns their ids in order.
 */
export async function insertAnsweredInvitations(
  waveId: number,
  answered: { panelistId: number; usedAt: Date }[],
): Promise<number[]> {
  const payload = answered.map((a) => ({ panelistId: a.panelistId, usedAt: a.usedAt.toISOString() }));
  const rows = await sql<{ id: number }[]>`
    insert into invitations (wave_id, panelist_id, token_hash, opened_at, started_at, used_at)
    select ${waveId}, (e.x->>'panelistId')::bigint, sha256((random()::text || clock_timestamp()::text || e.n::text)::bytea),
      (e.x->>'usedAt')::timestamptz, (e.x->>'usedAt')::timestamptz, (e.x->>'usedAt')::timestamptz
    from jsonb_array_elements(${json(sql, payload)}) with ordinality as e(x, n)
    order by e.n
    returning id`;
  return rows.map((r) => Number(r.id));
}
