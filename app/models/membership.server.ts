import { randomBytes } from "node:crypto";
import { sql } from "~/db.server";
import type { Profile } from "~/lib/profile";
import { regionOf } from "~/lib/regions";
import { hashToken } from "~/lib/tokens";
import { audit } from "./audit.server";
import type { Panel } from "./panel.server";
import type { Panelist } from "./panelist.server";

export type LinkPurpose = "confirm" | "sign-in";

/** A single-use link for a panelist: a random token, stored only as its hash, that expires. */
export async function createLink(panelistId: number, purpose: LinkPurpose, ttlMs: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await sql`
    insert into panelist_links (panelist_id, purpose, token_hash, expires_at)
    values (${panelistId}, ${purpose}, ${hashToken(token)}, ${new Date(Date.now() + ttlMs)})`;
  return token;
}

/** Uses a single-use link: its panelist id, or undefined when unknown, used or expired. */
export async function consumeLink(token: string, purpose: LinkPurpose): Promise<number | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [row] = await sql<{ panelistId: number }[]>`
    update panelist_links set used_at = now()
    where token_hash = ${hashToken(token)} and purpose = ${purpose} and used_at is null and expires_at > now()
    returning panelist_id`;
  return row?.panelistId;
}

/** The person with this address on a panel, if any. */
export async function memberByEmail(panelId: number, email: string): Promise<Pick<Panelist, "id" | "name" | "status"> | undefined> {
  const [row] = await sql<Pick<Panelist, "id" | "name" | "status">[]>`
    select id, name, status from panelists where panel_id = ${panelId} and lower(email) = lower(${email})`;
  return row;
}

/** Puts a pending or unsubscribed person back to pending with the panel's current consent. */
export async function markPendingAgain(panel: Panel, panelistId: number): Promise<void> {
  await sql`update panelists set status = 'pending', consent_version = ${panel.consentVersion}, consented_at = now(), updated_at = now()
    where id = ${panelistId} and status in ('pending', 'unsubscribed')`;
}

/** Adds a person who asked to join as pending, with consent; undefined when the address joined at the same moment. */
export async function insertPendingMember(panel: Panel, profile: Profile): Promise<number | undefined> {
  const [row] = await sql<{ id: number }[]>`
    insert into panelists (panel_id, email, name, job_title, role_category, organisation, organisation_type, country,
      region, status, consent_version, consented_at, source)
    values (${panel.id}, ${profile.email}, ${profile.name}, ${profile.jobTitle}, ${profile.roleCategory}, ${profile.organisation},
      ${profile.organisationType}, ${profile.country}, ${regionOf(profile.country) ?? null}, 'pending', ${panel.consentVersion}, now(), 'join')
    on conflict (panel_id, lower(email)) do nothing
    returning id`;
  return row?.id;
}

/** Makes a pending (or already active) person active; their panel's name, or undefined. */
export async function activateMember(panelistId: number): Promise<string | undefined> {
  const [row] = await sql<{ panelName: string }[]>`
    update panelists p set status = 'active', updated_at = now() from panels x
    where p.id = ${panelistId} and x.id = p.panel_id and p.status in ('pending', 'active')
    returning x.name as panel_name`;
  return row?.panelName;
}

/** Every panel membership of an address that may sign in (not erased or bounced). */
export async function membershipsOf(email: string) {
  return sql<{ id: number; name: string | null; email: string; panelName: string; status: string }[]>`
    select p.id, p.name, p.email, x.name as panel_name, p.status from panelists p join panels x on x.id = p.panel_id
    where lower(p.email) = lower(${email}) and p.status in ('active', 'pending', 'unsubscribed')`;
}

/** Leaves the panel: no more mail; the profile and answers stay. */
export async function unsubscribe(panelistId: number): Promise<{ panelName: string } | undefined> {
  const [row] = await sql<{ panelName: string }[]>`
    update panelists p set status = case when p.status = 'erased' then p.status else 'unsubscribed' end, updated_at = now()
    from panels x where p.id = ${panelistId} and x.id = p.panel_id
    returning x.name as panel_name`;
  return row;
}

/**
 * Erases a person in one transaction: their responses (and so their quotes) are deleted; their
 * invitations, links and emails' contents go; the profile is emptied; the audit entries about them
 * keep ids only. Returns the deleted responses' ids and the outbox files that held their emails,
 * for the caller to strike from publications and delete.
 */
export async function erase(panelistId: number, actorLabel: string): Promise<{ responseIds: string[]; outboxFiles: string[] }> {
  return sql.begin(async (tx) => {
    const responses = await tx<{ id: string }[]>`
      delete from responses where invitation_id in (select id from invitations where panelist_id = ${panelistId}) returning id`;
    const files = await tx<{ outboxFile: string }[]>`select outbox_file from emails where panelist_id = ${panelistId} and outbox_file is not null`;
    await tx`delete from invitations where panelist_id = ${panelistId}`;
    await tx`delete from panelist_links where panelist_id = ${panelistId}`;
    await tx`update emails set to_address = 'erased', text_body = '', html_body = '', subject = '(erased)', headers = '{}', outbox_file = null, panelist_id = null
      where panelist_id = ${panelistId}`;
    const [before] = await tx<{ email: string | null }[]>`select email from panelists where id = ${panelistId}`;
    await tx`
      update panelists set email = null, name = null, job_title = null, role_category = null, organisation = null,
        organisation_type = null, country = null, region = null, attributes = '{}', status = 'erased', updated_at = now()
      where id = ${panelistId}`;
    // Entries written before audit entries held ids only may still carry the person's details.
    await tx`update audit_log set changes = '{"scrubbed": true}'
      where (entity = 'panelist' and entity_id = ${String(panelistId)}) or (${before?.email ?? null}::text is not null and changes::text ilike ${"%" + (before?.email ?? "") + "%"})`;
    await audit({ label: actorLabel }, "erase", "panelist", panelistId, { responsesDeleted: responses.length }, tx);
    return { responseIds: responses.map((r) => r.id), outboxFiles: files.map((f) => f.outboxFile) };
  });
}

/** A panelist updates their own profile (status and consent untouched). */
export async function updateOwnProfile(panelistId: number, profile: Profile): Promise<{ ok: true } | { ok: false; reason: "email-taken" }> {
  return sql.begin(async (tx) => {
    const [clash] = await tx`
      select 1 from panelists a join panelists b on b.panel_id = a.panel_id
      where a.id = ${panelistId} and b.id <> a.id and lower(b.email) = lower(${profile.email})`;
    if (clash) return { ok: false, reason: "email-taken" } as const;
    await tx`
      update panelists set email = ${profile.email}, name = ${profile.name}, job_title = ${profile.jobTitle},
        role_category = ${profile.roleCategory}, organisation = ${profile.organisation}, organisation_type = ${profile.organisationType},
        country = ${profile.country}, region = ${regionOf(profile.country) ?? null}, updated_at = now()
      where id = ${panelistId} and status <> 'erased'`;
    await audit({ label: `panelist:${panelistId}` }, "update-own-profile", "panelist", panelistId, {}, tx);
    return { ok: true } as const;
  });
}
