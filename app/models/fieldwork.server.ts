import { sql, json } from "~/db.server";
import { audit, type Actor } from "./audit.server";
import { queueEmails, type EmailInput } from "./email.server";
import { segmentWhere } from "./segment.server";
import { restReasonSql, type RestRule } from "./contact.server";
import type { RestReason } from "~/lib/fieldwork";
import type { Wave } from "./wave.server";

/** A person to invite: their panelist id and address, and why they must rest under the contact rule (null: they may be asked). */
export interface InviteTarget {
  id: number;
  email: string;
  rest: RestReason | null;
}

/** The active panelists a wave's segment reaches, or those of the named addresses, each with whether they rest. */
export async function inviteTargets(wave: Wave, rule: RestRule, emails?: string[]): Promise<InviteTarget[]> {
  return emails
    ? sql<InviteTarget[]>`
        select p.id, p.email, ${restReasonSql(rule)} as rest from panelists p
        where p.panel_id = ${wave.panelId} and p.status = 'active' and lower(p.email) = any(${emails.map((e) => e.trim().toLowerCase())})`
    : sql<InviteTarget[]>`
        select p.id, p.email, ${restReasonSql(rule)} as rest from panelists p where ${segmentWhere(wave.panelId, wave.segment)}`;
}

/** Stores invitations (the hash of each link's token), once per person and wave; returns how many were new. */
export async function insertInvitations(
  wave: Wave,
  rows: { panelistId: number; tokenHash: Buffer }[],
  source: "named" | "segment",
  actor: Actor,
  matched: number,
  named: number | null,
): Promise<number> {
  let created = 0;
  const hex = rows.map((r) => ({ panelist_id: r.panelistId, token_hash: r.tokenHash.toString("hex") }));
  for (let i = 0; i < hex.length; i += 5000) {
    const result = await sql`
      insert into invitations (wave_id, panelist_id, token_hash, source)
      select ${wave.id}, x.panelist_id, decode(x.token_hash, 'hex'), ${source}
      from jsonb_to_recordset(${json(sql, hex.slice(i, i + 5000))}) as x(panelist_id bigint, token_hash text)
      on conflict (wave_id, panelist_id) do nothing`;
    created += result.count;
  }
  await audit(actor, "invite", "wave", wave.id, { created, matched, named });
  return created;
}

/** How many people "send invitations" would email now: new matches of the segment and invitations not emailed yet (active people). */
export async function countInvitationsToSend(wave: Wave, rule: RestRule): Promise<{ toSend: number; resting: number }> {
  const [row] = await sql<{ toSend: number; resting: number }[]>`
    with reached as (
      select ${restReasonSql(rule)} as rest from panelists p where ${segmentWhere(wave.panelId, wave.segment)}
        and not exists (select 1 from invitations i where i.wave_id = ${wave.id} and i.panelist_id = p.id)
      union all
      select ${restReasonSql(rule)} as rest from invitations i join panelists p on p.id = i.panelist_id
        where i.wave_id = ${wave.id} and i.sent_at is null and p.status = 'active'
    )
    select count(*) filter (where rest is null) as to_send, count(*) filter (where rest is not null) as resting from reached`;
  return { toSend: Number(row?.toSend ?? 0), resting: Number(row?.resting ?? 0) };
}

/** How many reminders `recordReminders` would record now with these limits. */
export async function countDueReminders(wave: Wave, limit: number, quietSince: Date): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*) as n from invitations i join panelists p on p.id = i.panelist_id
    where i.wave_id = ${wave.id} and i.used_at is null and i.sent_at is not null and p.status = 'active'
      and i.reminder_count < ${limit} and (i.last_mailed_at is null or i.last_mailed_at <= ${quietSince})`;
  return Number(row?.n ?? 0);
}

/** An invitation about to be mailed. */
export interface PendingInvitation {
  id: number;
  waveId: number;
  panelistId: number;
  name: string | null;
  email: string;
  /** Chosen on the page before, preferred by the person, the panel's. */
  invitationLanguage: string | null;
  language: string | null;
  panelLanguage: string;
}

/**
 * Records the emails of every invitation of the wave not emailed yet (active people only), made by
 * `render`, and marks those invitations sent in the same transaction, so nobody is emailed twice.
 * One sender per wave at a time. Returns the recorded messages' ids.
 */
export async function recordInvitationEmails(
  wave: Wave,
  actor: Actor,
  rule: RestRule,
  render: (pending: PendingInvitation[]) => EmailInput[],
): Promise<number[]> {
  const now = rule.now;
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${"wave-mail:" + wave.id}))`;
    const pending = await tx<PendingInvitation[]>`
      select i.id, i.wave_id, i.panelist_id, p.name, p.email, i.language as invitation_language, p.language, x.default_language as panel_language
      from invitations i join panelists p on p.id = i.panelist_id join panels x on x.id = p.panel_id
      where i.wave_id = ${wave.id} and i.sent_at is null and p.status = 'active' and ${restReasonSql(rule)} is null`;
    const queued = await queueEmails(render(pending), tx);
    await tx`update invitations set sent_at = ${now}, last_mailed_at = ${now}, emailed_count = emailed_count + 1
      where id = any(${pending.map((p) => p.id)}) and sent_at is null`;
    await tx`update waves set launched_at = coalesce(launched_at, ${now}) where id = ${wave.id}`;
    await audit(actor, "send", "wave", wave.id, { invitations: queued.length }, tx);
    return queued;
  });
}

/** An invitation due a reminder. */
export interface DueReminder extends PendingInvitation {
  started: boolean;
  reminderCount: number;
}

/**
 * Records reminders, made by `render`, for invitees who have not completed and are still active:
 * fewer than `limit` reminders so far and no email since `quietSince`. Returns the messages' ids.
 */
export async function recordReminders(
  wave: Wave,
  actor: Actor,
  now: Date,
  limit: number,
  quietSince: Date,
  render: (due: DueReminder[]) => EmailInput[],
): Promise<number[]> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${"wave-mail:" + wave.id}))`;
    const due = await tx<DueReminder[]>`
      select i.id, i.wave_id, i.panelist_id, p.name, p.email, i.reminder_count,
        i.language as invitation_language, p.language, x.default_language as panel_language,
        exists (select 1 from responses r where r.invitation_id = i.id and r.status = 'partial') as started
      from invitations i join panelists p on p.id = i.panelist_id join panels x on x.id = p.panel_id
      where i.wave_id = ${wave.id} and i.used_at is null and i.sent_at is not null and p.status = 'active'
        and i.reminder_count < ${limit}
        and (i.last_mailed_at is null or i.last_mailed_at <= ${quietSince})`;
    const queued = await queueEmails(render(due), tx);
    await tx`update invitations set reminder_count = reminder_count + 1, last_mailed_at = ${now}, emailed_count = emailed_count + 1
      where id = any(${due.map((d) => d.id)})`;
    await audit(actor, "remind", "wave", wave.id, { reminders: queued.length }, tx);
    return queued;
  });
}

/** Waves open now, launched, with automatic reminders set. */
export async function wavesWithReminderSchedule(now: Date): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    select id from waves where launched_at is not null and max_reminders > 0 and cardinality(reminder_days) > 0
      and opens_at <= ${now} and (closes_at is null or closes_at > ${now})`;
  return rows.map((r) => r.id);
}

interface Breakdown {
  key: string;
  invited: number;
  completed: number;
}

export interface WaveStatus {
  invited: number;
  emailed: number;
  bounced: number;
  opened: number;
  started: number;
  completed: number;
  responseRate: number;
  openLinkCompleted: number;
  byRegion: Breakdown[];
  byOrganisationType: Breakdown[];
  curve: { day: string; completed: number; cumulative: number }[];
  latest: { at: Date; event: string; email: string | null }[];
  /** Completed responses with no invitation that did not come through the open link (imported, synthetic). */
  otherCompleted: number;
  /** Completed responses by the language they were given in (null: not recorded, before languages). */
  byLanguage: { language: string | null; completed: number }[];
}

/**
 * The fieldwork figures of a wave, straight from the database (admins see them unsuppressed). On an
 * anonymous wave `latest` is empty: who opened, saved or completed when, by name, would let the team
 * line a person up with a response (issue 21); the counts and the daily curve still show progress.
 */
export async function waveStatus(wave: Wave): Promise<WaveStatus> {
  const [totals] = await sql<
    Omit<
      WaveStatus,
      | "responseRate"
      | "byRegion"
      | "byOrganisationType"
      | "curve"
      | "latest"
      | "openLinkCompleted"
      | "otherCompleted"
      | "byLanguage"
    >[]
  >`
    select count(*) as invited,
      count(*) filter (where i.sent_at is not null) as emailed,
      count(*) filter (where p.status = 'bounced') as bounced,
      count(*) filter (where i.opened_at is not null or r.id is not null) as opened,
      count(r.id) as started,
      count(*) filter (where r.status = 'complete') as completed
    from invitations i join panelists p on p.id = i.panelist_id
    left join responses r on r.invitation_id = i.id
    where i.wave_id = ${wave.id}`;
  const [open] = await sql<{ n: number; other: number }[]>`
    select count(*) filter (where source = 'open-link') as n,
      count(*) filter (where source <> 'open-link' and invitation_id is null) as other
    from responses where wave_id = ${wave.id} and status = 'complete'`;
  const breakdown = (column: "region" | "organisation_type") => sql<Breakdown[]>`
    select coalesce(p.${sql(column)}, 'Unknown') as key, count(*) as invited, count(*) filter (where i.used_at is not null) as completed
    from invitations i join panelists p on p.id = i.panelist_id where i.wave_id = ${wave.id}
    group by 1 order by 2 desc`;
  const [byRegion, byOrganisationType, days, latest, byLanguage] = await Promise.all([
    breakdown("region"),
    breakdown("organisation_type"),
    sql<{ day: string; completed: number }[]>`
      select to_char(date_trunc('day', completed_at at time zone 'UTC'), 'YYYY-MM-DD') as day, count(*) as completed
      from responses where wave_id = ${wave.id} and status = 'complete' group by 1 order by 1`,
    !wave.identified
      ? []
      : sql<{ at: Date; event: string; email: string | null }[]>`
      (select r.completed_at as at, 'completed' as event, p.email from responses r
         left join invitations i on i.id = r.invitation_id left join panelists p on p.id = i.panelist_id
         where r.wave_id = ${wave.id} and r.status = 'complete' order by r.completed_at desc limit 10)
      union all
      (select r.updated_at, 'saved progress', p.email from responses r
         join invitations i on i.id = r.invitation_id join panelists p on p.id = i.panelist_id
         where r.wave_id = ${wave.id} and r.status = 'partial' order by r.updated_at desc limit 10)
      union all
      (select i.opened_at, 'opened the link', p.email from invitations i join panelists p on p.id = i.panelist_id
         where i.wave_id = ${wave.id} and i.opened_at is not null order by i.opened_at desc limit 10)
      order by at desc limit 12`,
    sql<{ language: string | null; completed: number }[]>`
      select language, count(*)::int as completed from responses where wave_id = ${wave.id} and status = 'complete'
      group by language order by 2 desc`,
  ]);
  let running = 0;
  const curve = days.map((d) => ({ ...d, cumulative: (running += d.completed) }));
  const t = totals ?? { invited: 0, emailed: 0, bounced: 0, opened: 0, started: 0, completed: 0 };
  return {
    ...t,
    responseRate: t.invited ? Math.round((t.completed / t.invited) * 1000) / 10 : 0,
    openLinkCompleted: open?.n ?? 0,
    otherCompleted: open?.other ?? 0,
    byRegion,
    byOrganisationType,
    curve,
    latest,
    byLanguage,
  };
}

/** Every invitation of a wave with its state, for follow-up outside Quorum. */
export async function invitationStatusRows(wave: Wave) {
  return sql<
    {
      email: string | null;
      name: string | null;
      organisation: string | null;
      country: string | null;
      region: string | null;
      panelistStatus: string;
      sentAt: Date | null;
      openedAt: Date | null;
      state: string;
      reminders: number;
      completedAt: Date | null;
    }[]
  >`
    select p.email, p.name, p.organisation, p.country, p.region, p.status as panelist_status, i.sent_at, i.opened_at,
      case when i.used_at is not null then 'completed' when r.id is not null then 'started' when i.opened_at is not null then 'opened'
        when i.sent_at is not null then 'emailed' else 'invited' end as state,
      i.reminder_count as reminders, i.used_at as completed_at
    from invitations i join panelists p on p.id = i.panelist_id left join responses r on r.invitation_id = i.id
    where i.wave_id = ${wave.id} order by p.email`;
}
