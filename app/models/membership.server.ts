import { randomBytes } from "node:crypto";
import { json, sql } from "~/db.server";
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

/** A panelist's responses with their questionnaire definitions (what erasure has to clean). */
export async function responsesOf(panelistId: number) {
  return sql<{ id: string; data: Record<string, unknown>; definition: object }[]>`
    select r.id, r.data, v.definition from responses r
    join invitations i on i.id = r.invitation_id
    join questionnaire_versions v on v.id = r.questionnaire_version_id
    where i.panelist_id = ${panelistId}`;
}

/**
 * Erases a person in one transaction: profile fields and email deleted; their responses detached
 * and replaced by the cleaned answers given; their quotes, invitations, links and emails' contents gone.
 */
export async function erase(panelistId: number, cleaned: { id: string; data: Record<string, unknown> }[], actorLabel: string): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`delete from quotes where response_id = any(${cleaned.map((r) => r.id)}::uuid[])`;
    for (const r of cleaned) {
      await tx`update responses set data = ${json(tx, r.data)}, organisation = null, job_title = null, invitation_id = null, updated_at = now()
        where id = ${r.id}`;
    }
    await tx`delete from invitations where panelist_id = ${panelistId}`;
    await tx`delete from panelist_links where panelist_id = ${panelistId}`;
    await tx`update emails set to_address = 'erased', text_body = '', html_body = '', subject = '(erased)', panelist_id = null where panelist_id = ${panelistId}`;
    await tx`
      update panelists set email = null, name = null, job_title = null, role_category = null, organisation = null,
        organisation_type = null, country = null, region = null, attributes = '{}', status = 'erased', updated_at = now()
      where id = ${panelistId}`;
    await audit({ label: actorLabel }, "erase", "panelist", panelistId, { responsesDetached: cleaned.length }, tx);
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
    await audit({ label: `panelist:${panelistId}` }, "update-own-profile", "panelist", panelistId, { ...profile, attributes: undefined }, tx);
    return { ok: true } as const;
  });
}
