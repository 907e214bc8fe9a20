import { randomBytes } from "node:crypto";
import { sql } from "~/db.server";
import { getEnv } from "~/env.server";
import { alreadyMemberEmail, confirmEmail, signInEmail } from "~/lib/email-templates";
import type { Profile } from "~/lib/profile";
import { regionOf } from "~/lib/regions";
import { freeTextKeys, withoutFreeText } from "~/lib/free-text";
import { hashToken, safeEqual, unsubscribeToken } from "~/lib/tokens";
import { audit } from "./audit.server";
import { getServerSecret } from "~/secrets.server";
import { queueEmail } from "./email.server";
import type { Panel } from "./panel.server";
import type { Panelist } from "./panelist.server";

const HOUR = 60 * 60 * 1000;

async function createLink(panelistId: number, purpose: "confirm" | "sign-in", ttlMs: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await sql`
    insert into panelist_links (panelist_id, purpose, token_hash, expires_at)
    values (${panelistId}, ${purpose}, ${hashToken(token)}, ${new Date(Date.now() + ttlMs)})`;
  return token;
}

/** Uses a single-use link: its panelist id, or undefined when unknown, used or expired. */
async function consumeLink(token: string, purpose: "confirm" | "sign-in"): Promise<number | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [row] = await sql<{ panelistId: number }[]>`
    update panelist_links set used_at = now()
    where token_hash = ${hashToken(token)} and purpose = ${purpose} and used_at is null and expires_at > now()
    returning panelist_id`;
  return row?.panelistId;
}

/** The one-click unsubscribe address of a panelist, and the RFC 8058 headers that carry it. */
export function unsubscribeUrl(panelistId: number): string {
  return `${getEnv().publicUrl}/u/${panelistId}.${unsubscribeToken(getServerSecret(), panelistId)}`;
}

export function listHeaders(panelistId: number): Record<string, string> {
  return { "List-Unsubscribe": `<${unsubscribeUrl(panelistId)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/**
 * A sign-up from the public join page. A new person is added as pending and mailed a confirmation
 * link; an address already on the panel gets a neutral email instead, so the page never reveals who is a member.
 */
export async function requestJoin(panel: Panel, profile: Profile): Promise<void> {
  const base = getEnv().publicUrl;
  const [existing] = await sql<Panelist[]>`
    select id, name, status from panelists where panel_id = ${panel.id} and lower(email) = lower(${profile.email})`;
  if (existing && existing.status === "active") {
    const token = await createLink(existing.id, "sign-in", HOUR);
    await queueEmail({ kind: "already-member", panelistId: existing.id, to: profile.email, content: alreadyMemberEmail({ name: existing.name, panelName: panel.name, url: `${base}/me/link/${token}` }), headers: listHeaders(existing.id) });
    return;
  }
  let id: number;
  if (existing) {
    if (existing.status === "bounced") return; // the address bounced: mailing it again would bounce again
    await sql`update panelists set status = 'pending', consent_version = ${panel.consentVersion}, consented_at = now(), updated_at = now()
      where id = ${existing.id} and status in ('pending', 'unsubscribed')`;
    id = existing.id;
  } else {
    const [row] = await sql<{ id: number }[]>`
      insert into panelists (panel_id, email, name, job_title, role_category, organisation, organisation_type, country,
        region, status, consent_version, consented_at, source)
      values (${panel.id}, ${profile.email}, ${profile.name}, ${profile.jobTitle}, ${profile.roleCategory}, ${profile.organisation},
        ${profile.organisationType}, ${profile.country}, ${regionOf(profile.country) ?? null}, 'pending', ${panel.consentVersion}, now(), 'join')
      on conflict (panel_id, lower(email)) do nothing
      returning id`;
    if (!row) return; // joined twice at the same moment: the first request mails
    id = row.id;
  }
  const token = await createLink(id, "confirm", 7 * 24 * HOUR);
  await queueEmail({ kind: "confirm", panelistId: id, to: profile.email, content: confirmEmail({ name: profile.name, panelName: panel.name, url: `${base}/join/confirm/${token}` }) });
}

/** Confirms a sign-up: the person becomes active. */
export async function confirmJoin(token: string): Promise<{ panelName: string; panelistId: number } | undefined> {
  const panelistId = await consumeLink(token, "confirm");
  if (!panelistId) return undefined;
  const [row] = await sql<{ panelName: string }[]>`
    update panelists p set status = 'active', updated_at = now() from panels x
    where p.id = ${panelistId} and x.id = p.panel_id and p.status in ('pending', 'active')
    returning x.name as panel_name`;
  return row ? { panelName: row.panelName, panelistId } : undefined;
}

/** Mails a sign-in link to every panel membership of an address (none for unknown or erased ones). */
export async function requestSignIn(email: string): Promise<void> {
  const base = getEnv().publicUrl;
  const members = await sql<{ id: number; name: string | null; email: string; panelName: string; status: string }[]>`
    select p.id, p.name, p.email, x.name as panel_name, p.status from panelists p join panels x on x.id = p.panel_id
    where lower(p.email) = lower(${email}) and p.status in ('active', 'pending', 'unsubscribed')`;
  for (const m of members) {
    const token = await createLink(m.id, "sign-in", HOUR);
    await queueEmail({
      kind: "sign-in",
      panelistId: m.id,
      to: m.email,
      content: signInEmail({ name: m.name, panelName: m.panelName, url: `${base}/me/link/${token}`, unsubscribeUrl: m.status === "active" ? unsubscribeUrl(m.id) : undefined }),
      headers: m.status === "active" ? listHeaders(m.id) : {},
    });
  }
}

export function redeemSignInLink(token: string): Promise<number | undefined> {
  return consumeLink(token, "sign-in");
}

/** The panelist an unsubscribe address names, when its signature is right. */
export function panelistFromUnsubscribe(value: string): number | undefined {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return undefined;
  const id = Number(match[1]);
  const expected = unsubscribeToken(getServerSecret(), id);
  return safeEqual(expected, match[2] as string) ? id : undefined;
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
 * Erases a person: profile fields and email are deleted; their responses stay in the aggregates,
 * detached from them, without free-text answers or the organisation and job title they carried.
 */
export async function erasePanelist(panelistId: number, actorLabel: string): Promise<void> {
  const responses = await sql<{ id: string; data: Record<string, unknown>; definition: object }[]>`
    select r.id, r.data, v.definition from responses r
    join invitations i on i.id = r.invitation_id
    join questionnaire_versions v on v.id = r.questionnaire_version_id
    where i.panelist_id = ${panelistId}`;
  const cleaned = responses.map((r) => ({ id: r.id, data: withoutFreeText(r.data, freeTextKeys(r.definition)) }));
  await sql.begin(async (tx) => {
    await tx`delete from quotes where response_id = any(${cleaned.map((r) => r.id)}::uuid[])`;
    for (const r of cleaned) {
      await tx`update responses set data = ${tx.json(r.data as never)}, organisation = null, job_title = null, invitation_id = null, updated_at = now()
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
