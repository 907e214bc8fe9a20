import { randomBytes } from "node:crypto";
import type postgres from "postgres";
import { json, sql } from "~/db.server";
import { type Profile, regionOf } from "~/lib/panel";
import { hashToken, mailKey } from "~/lib/security";
import { audit } from "./audit.server";
import type { Panel } from "./panel.server";
import type { Panelist } from "./panelist.server";
import { endSessionsOf } from "./session.server";

/** confirm: join or rejoin; sign-in: /me; results: read results as oneself; email-change: confirm a new address. */
export type LinkPurpose = "confirm" | "sign-in" | "results" | "email-change";

/** What a single-use link carries beyond its purpose: where it leads, the address it confirms, the consent it records. */
export interface LinkPayload {
  next?: string;
  email?: string;
  consentVersion?: number;
}

type Db = typeof sql | postgres.TransactionSql;

/** A single-use link for a panelist: a random token, stored only as its hash, that expires. */
export async function createLink(
  panelistId: number,
  purpose: LinkPurpose,
  ttlMs: number,
  payload: LinkPayload = {},
  db: Db = sql,
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db`
    insert into panelist_links (panelist_id, purpose, token_hash, expires_at, payload)
    values (${panelistId}, ${purpose}, ${hashToken(token)}, ${new Date(Date.now() + ttlMs)}, ${json(db, payload)})`;
  return token;
}

/** Uses a single-use link of one of these purposes: its panelist, purpose and payload, or undefined when unknown, used or expired. */
export async function consumeLink(
  token: string,
  purposes: LinkPurpose[],
): Promise<{ panelistId: number; purpose: LinkPurpose; payload: LinkPayload } | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [row] = await sql<{ panelistId: number; purpose: LinkPurpose; payload: LinkPayload }[]>`
    update panelist_links set used_at = now()
    where token_hash = ${hashToken(token)} and purpose = any(${purposes}) and used_at is null and expires_at > now()
    returning panelist_id, purpose, payload`;
  return row;
}

/** What a single-use link is now, without using it: usable, used or expired, with its panel and the person's status. */
export async function linkState(
  token: string,
  purpose: LinkPurpose,
): Promise<{ state: "usable" | "used" | "expired"; panelName: string; memberStatus: string } | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [row] = await sql<{ state: "usable" | "used" | "expired"; panelName: string; memberStatus: string }[]>`
    select case when l.used_at is not null then 'used' when l.expires_at <= now() then 'expired' else 'usable' end as state,
      x.name as panel_name, p.status as member_status
    from panelist_links l join panelists p on p.id = l.panelist_id join panels x on x.id = p.panel_id
    where l.token_hash = ${hashToken(token)} and l.purpose = ${purpose}`;
  return row;
}

/** The person with this address on a panel, if any. */
export async function memberByEmail(
  panelId: number,
  email: string,
): Promise<Pick<Panelist, "id" | "name" | "status" | "language"> | undefined> {
  const [row] = await sql<Pick<Panelist, "id" | "name" | "status" | "language">[]>`
    select id, name, status, language from panelists where panel_id = ${panelId} and lower(email) = lower(${email})`;
  return row;
}

/** Adds a person who asked to join as pending, with consent; undefined when the address joined at the same moment. */
export async function insertPendingMember(panel: Panel, profile: Profile): Promise<number | undefined> {
  const [row] = await sql<{ id: number }[]>`
    insert into panelists (panel_id, email, name, job_title, role_category, organisation, organisation_type, country,
      region, language, status, consent_version, consented_at, source)
    values (${panel.id}, ${profile.email}, ${profile.name}, ${profile.jobTitle}, ${profile.roleCategory}, ${profile.organisation},
      ${profile.organisationType}, ${profile.country}, ${regionOf(profile.country) ?? null}, ${profile.language ?? null}, 'pending', ${panel.consentVersion}, now(), 'join')
    on conflict (panel_id, lower(email)) do nothing
    returning id`;
  return row?.id;
}

/**
 * Makes a person active from their confirmation link: a pending one, or (rejoining, with the consent
 * the link records) an unsubscribed one. Audited. Their panel's name and whether they already were
 * active, or undefined (bounced, erased).
 */
export async function activateMember(
  panelistId: number,
  rejoinConsent: number | undefined,
): Promise<{ panelName: string; already: boolean } | undefined> {
  return sql.begin(async (tx) => {
    const [before] = await tx<{ status: string; panelName: string }[]>`
      select p.status, x.name as panel_name from panelists p join panels x on x.id = p.panel_id where p.id = ${panelistId} for update of p`;
    if (!before) return undefined;
    if (before.status === "active") return { panelName: before.panelName, already: true };
    const allowed = rejoinConsent !== undefined ? ["pending", "unsubscribed"] : ["pending"];
    if (!allowed.includes(before.status)) return undefined;
    await tx`update panelists set status = 'active', updated_at = now(),
        consent_version = coalesce(${rejoinConsent ?? null}::int, consent_version), consented_at = case when ${rejoinConsent ?? null}::int is null then consented_at else now() end
      where id = ${panelistId}`;
    await audit(
      { label: `panelist:${panelistId}` },
      rejoinConsent !== undefined ? "rejoin" : "confirm",
      "panelist",
      panelistId,
      { from: before.status },
      tx,
    );
    return { panelName: before.panelName, already: false };
  });
}

/** Changes a person's address, once confirmed from it; false when someone else on the panel uses it. Ends their sessions. */
export async function changeEmail(panelistId: number, email: string): Promise<boolean> {
  return sql.begin(async (tx) => {
    const [clash] = await tx`
      select 1 from panelists a join panelists b on b.panel_id = a.panel_id
      where a.id = ${panelistId} and b.id <> a.id and lower(b.email) = lower(${email})`;
    if (clash) return false;
    const done =
      await tx`update panelists set email = ${email}, updated_at = now() where id = ${panelistId} and status <> 'erased'`;
    if (!done.count) return false;
    await endSessionsOf({ panelistId }, tx);
    await audit({ label: `panelist:${panelistId}` }, "change-email", "panelist", panelistId, {}, tx);
    return true;
  });
}

/** Records a request to join from a new address (pending until its link is clicked), audited without its details. */
export async function auditJoinRequest(panelistId: number): Promise<void> {
  await audit({ label: "join-form" }, "join-request", "panelist", panelistId, {});
}

/** Every panel membership of an address that may sign in (not erased or bounced). */
export async function membershipsOf(email: string) {
  return sql<{ id: number; name: string | null; email: string; panelName: string; status: string }[]>`
    select p.id, p.name, p.email, x.name as panel_name, p.status from panelists p join panels x on x.id = p.panel_id
    where lower(p.email) = lower(${email}) and p.status in ('active', 'pending', 'unsubscribed')`;
}

/** Leaves the panel: no more mail; the profile and answers stay. Audited. */
export async function unsubscribe(panelistId: number): Promise<{ panelName: string } | undefined> {
  return sql.begin(async (tx) => {
    const [row] = await tx<{ panelName: string; changed: boolean }[]>`
      update panelists p set status = case when p.status in ('erased', 'bounced') then p.status else 'unsubscribed' end,
        updated_at = now()
      from panels x, panelists before
      where p.id = ${panelistId} and x.id = p.panel_id and before.id = p.id
      returning x.name as panel_name, before.status in ('active', 'pending') as changed`;
    if (row?.changed) await audit({ label: `panelist:${panelistId}` }, "unsubscribe", "panelist", panelistId, {}, tx);
    return row && { panelName: row.panelName };
  });
}

/**
 * Leaves every panel of this installation that has the person's address (case-insensitive): no more
 * mail from any of them. Audited per membership. The panels left, this one first.
 */
export async function unsubscribeEverywhere(panelistId: number): Promise<string[]> {
  return sql.begin(async (tx) => {
    const rows = await tx<{ id: number; panelName: string; changed: boolean }[]>`
      update panelists p set status = 'unsubscribed', updated_at = now()
      from panels x, panelists me, panelists before
      where me.id = ${panelistId} and me.email is not null and lower(p.email) = lower(me.email)
        and x.id = p.panel_id and before.id = p.id and p.status in ('active', 'pending', 'unsubscribed')
      returning p.id, x.name as panel_name, before.status <> 'unsubscribed' as changed`;
    for (const r of rows.filter((r) => r.changed))
      await audit({ label: `panelist:${panelistId}` }, "unsubscribe", "panelist", r.id, { everyPanel: true }, tx);
    return rows.sort((a, b) => Number(b.id === panelistId) - Number(a.id === panelistId)).map((r) => r.panelName);
  });
}

/** The panels a person's address is on and still gets mail from, other than this membership's. */
export async function otherSubscribedPanels(panelistId: number): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select x.name from panelists me join panelists p on lower(p.email) = lower(me.email) and p.id <> me.id
      join panels x on x.id = p.panel_id
    where me.id = ${panelistId} and p.status in ('active', 'pending') order by x.name`;
  return rows.map((r) => r.name);
}

/**
 * Erases a person in one transaction: their responses (and so their quotes) are deleted; their
 * invitations, links and emails' contents go; the profile is emptied; the audit entries about them
 * keep ids only. Returns the deleted responses' ids and the outbox files that held their emails,
 * for the caller to strike from publications and delete.
 */
export async function erase(
  panelistId: number,
  actorLabel: string,
): Promise<{
  responseIds: string[];
  outboxFiles: string[];
  panelId: number | null;
  addresses: string[];
  names: string[];
}> {
  return sql.begin(async (tx) => {
    const [before] = await tx<{ panelId: number; email: string | null; name: string | null }[]>`
      select panel_id, email, name from panelists where id = ${panelistId} for update`;
    // Every address the person had or asked for: the current one, those mailed on their behalf (an old
    // address, a new one awaiting confirmation) and those in their unused links.
    const known = await tx<{ address: string }[]>`
      select lower(email) as address from panelists where id = ${panelistId} and email is not null
      union select lower(to_address) from emails where panelist_id = ${panelistId} and to_address <> 'erased'
      union select lower(link->'payload'->>'email') from emails, jsonb_array_elements(links) as link
        where panelist_id = ${panelistId} and link->'payload'->>'email' is not null
      union select lower(payload->>'email') from panelist_links where panelist_id = ${panelistId} and payload ? 'email'`;
    const addresses = known.map((k) => k.address).filter((a) => a.includes("@"));
    const names = before?.name && before.name.trim().length >= 2 ? [before.name.trim()] : [];
    const responses = await tx<{ id: string }[]>`
      delete from responses where invitation_id in (select id from invitations where panelist_id = ${panelistId}) returning id`;
    const files = await tx<{ outboxFile: string }[]>`
      select outbox_file from emails
      where (panelist_id = ${panelistId} or (panelist_id is null and lower(to_address) = any(${addresses})))
        and outbox_file is not null`;
    await tx`delete from invitations where panelist_id = ${panelistId}`;
    await tx`delete from panelist_links where panelist_id = ${panelistId}`;
    await endSessionsOf({ panelistId }, tx);
    // The message, its links' payload (an address being confirmed), its de-duplication key and any
    // delivery error (which can quote the address) go; the row stays so counts of mail sent still add up.
    await tx`update emails set to_address = 'erased', text_body = '', html_body = '', subject = '(erased)', headers = '{}',
        links = '[]', dedupe_key = null, error = null, outbox_file = null, panelist_id = null
      where panelist_id = ${panelistId} or (panelist_id is null and lower(to_address) = any(${addresses}))`;
    await tx`
      update panelists set email = null, name = null, job_title = null, role_category = null, organisation = null,
        organisation_type = null, country = null, region = null, attributes = '{}', status = 'erased', updated_at = now()
      where id = ${panelistId}`;
    // Counters keyed by an address (sign-in links, mail to an address: a digest of it; older ones the address itself).
    const keys = addresses.flatMap((a) => [a, mailKey(a)]);
    await tx`delete from rate_limits where substr(key, strpos(key, ':') + 1) = any(${keys})`;
    // Admin sign-in attempts typed with the address, unless it is an admin's own (their throttling needs them).
    await tx`delete from sign_in_attempts s where lower(s.email) = any(${addresses})
      and not exists (select 1 from admins a where lower(a.email) = lower(s.email))`;
    // Entries written before audit entries held ids only may still carry the person's details.
    // An address anywhere in an entry; a name as a whole value ("Ann" must not scrub "Annual").
    const like = (n: string) => n.replace(/[\\%_]/g, (c) => "\\" + c);
    const needles = [...addresses.map((a) => `%${like(a)}%`), ...names.map((n) => `%${like(JSON.stringify(n))}%`)];
    await tx`update audit_log set changes = '{"scrubbed": true}'
      where (entity = 'panelist' and entity_id = ${String(panelistId)}) or changes::text ilike any(${needles})`;
    await audit({ label: actorLabel }, "erase", "panelist", panelistId, { responsesDeleted: responses.length }, tx);
    return {
      responseIds: responses.map((r) => r.id),
      outboxFiles: files.map((f) => f.outboxFile),
      panelId: before?.panelId ?? null,
      addresses,
      names,
    };
  });
}

/** A panelist updates their own profile (address, status and consent untouched: a new address is confirmed first). */
export async function updateOwnProfile(panelistId: number, profile: Omit<Profile, "email">): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`
      update panelists set name = ${profile.name}, job_title = ${profile.jobTitle},
        role_category = ${profile.roleCategory}, organisation = ${profile.organisation}, organisation_type = ${profile.organisationType},
        country = ${profile.country}, region = ${regionOf(profile.country) ?? null}, language = ${profile.language ?? null}, updated_at = now()
      where id = ${panelistId} and status <> 'erased'`;
    await audit({ label: `panelist:${panelistId}` }, "update-own-profile", "panelist", panelistId, {}, tx);
  });
}
