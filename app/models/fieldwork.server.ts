import { sql } from "~/db.server";
import { getEnv } from "~/env.server";
import { hashToken, invitationToken } from "~/lib/tokens";
import { DEFAULT_INVITATION_BODY, renderWaveEmail, type MergeValues } from "~/lib/wave-email";
import { longDate } from "~/lib/waves";
import { getServerSecret } from "~/secrets.server";
import { audit, type Actor } from "./audit.server";
import { enqueueDeliveries, queueEmail, queueEmails, type EmailInput } from "./email.server";
import { segmentWhere } from "./segment.server";
import { invitationUrl } from "./invitation.server";
import { listHeaders, unsubscribeUrl } from "./membership.server";
import { getWave, type Wave } from "./wave.server";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** No mail to the same person about the same wave within this time. */
export const MIN_GAP_MS = 48 * HOUR;

/**
 * Invites the wave's segment (active panelists only), or the named people: an invitation per person
 * and wave, never two. Returns how many were new and which emails were already invited or not eligible.
 */
export async function invite(wave: Wave, actor: Actor, emails?: string[]) {
  const secret = getServerSecret();
  const targets = emails
    ? await sql<{ id: number; email: string }[]>`
        select p.id, p.email from panelists p
        where p.panel_id = ${wave.panelId} and p.status = 'active' and lower(p.email) = any(${emails.map((e) => e.trim().toLowerCase())})`
    : await sql<{ id: number; email: string }[]>`select p.id, p.email from panelists p where ${segmentWhere(wave.panelId, wave.segment)}`;
  const rows = targets.map((t) => ({ panelist_id: t.id, token_hash: hashToken(invitationToken(secret, wave.id, t.id)).toString("hex") }));
  let created = 0;
  for (let i = 0; i < rows.length; i += 5000) {
    const result = await sql`
      insert into invitations (wave_id, panelist_id, token_hash, source)
      select ${wave.id}, x.panelist_id, decode(x.token_hash, 'hex'), ${emails ? "named" : "segment"}
      from jsonb_to_recordset(${sql.json(rows.slice(i, i + 5000) as never)}) as x(panelist_id bigint, token_hash text)
      on conflict (wave_id, panelist_id) do nothing`;
    created += result.count;
  }
  const found = new Set(targets.map((t) => t.email.toLowerCase()));
  const notEligible = emails ? emails.filter((e) => !found.has(e.trim().toLowerCase())) : [];
  await audit(actor, "invite", "wave", wave.id, { created, matched: targets.length, named: emails?.length ?? null });
  return { created, alreadyInvited: targets.length - created, notEligible, invitees: targets };
}

function mergeValues(wave: Wave, p: { waveId: number; panelistId: number; name: string | null }, title: string): MergeValues {
  return {
    firstName: p.name?.split(" ")[0] || "colleague",
    surveyTitle: title,
    link: invitationUrl(p.waveId, p.panelistId),
    closeDate: wave.closesAt ? longDate(wave.closesAt) : "when enough people have answered",
    unsubscribeLink: unsubscribeUrl(p.panelistId),
  };
}

/**
 * Emails every invitation of the wave not emailed yet (active people only). Sending again emails
 * nobody twice: an invitation is marked sent in the same transaction that records its message.
 */
export async function sendInvitations(wave: Wave, actor: Actor, now = new Date()): Promise<{ queued: number }> {
  const title = wave.title;
  const ids = await sql.begin(async (tx) => {
    // One sender per wave at a time; the second finds everything already sent.
    await tx`select pg_advisory_xact_lock(hashtext(${"wave-mail:" + wave.id}))`;
    const pending = await tx<{ id: number; waveId: number; panelistId: number; name: string | null; email: string }[]>`
      select i.id, i.wave_id, i.panelist_id, p.name, p.email from invitations i join panelists p on p.id = i.panelist_id
      where i.wave_id = ${wave.id} and i.sent_at is null and p.status = 'active'`;
    const emails: EmailInput[] = pending.map((p) => {
      const values = mergeValues(wave, p, title);
      return {
        kind: "invitation",
        panelistId: p.panelistId,
        to: p.email,
        content: renderWaveEmail(wave.invitationSubject, wave.invitationBody, values),
        headers: listHeaders(p.panelistId),
        dedupeKey: `invitation:${p.id}`,
      };
    });
    const queued = await queueEmails(emails, tx);
    await tx`update invitations set sent_at = ${now}, last_mailed_at = ${now}, emailed_count = emailed_count + 1
      where id = any(${pending.map((p) => p.id)}) and sent_at is null`;
    await tx`update waves set launched_at = coalesce(launched_at, ${now}) where id = ${wave.id}`;
    await audit(actor, "send", "wave", wave.id, { invitations: queued.length }, tx);
    return queued;
  });
  await enqueueDeliveries(ids);
  return { queued: ids.length };
}

/**
 * Reminds invitees who have not completed and are still active: at most the wave's maximum, never
 * within 48 hours of their last email. People who started get "pick up where you left off".
 * `upTo` limits the reminder number (the automatic schedule's due reminder); manual reminders use the maximum.
 */
export async function remind(wave: Wave, actor: Actor, options: { now?: Date; upTo?: number } = {}): Promise<{ queued: number }> {
  const now = options.now ?? new Date();
  const limit = Math.min(options.upTo ?? wave.maxReminders, wave.maxReminders);
  if (limit <= 0 || (wave.closesAt && now >= wave.closesAt)) return { queued: 0 };
  const title = wave.title;
  const ids = await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${"wave-mail:" + wave.id}))`;
    const due = await tx<{ id: number; waveId: number; panelistId: number; name: string | null; email: string; started: boolean; reminderCount: number }[]>`
      select i.id, i.wave_id, i.panelist_id, p.name, p.email, i.reminder_count,
        exists (select 1 from responses r where r.invitation_id = i.id and r.status = 'partial') as started
      from invitations i join panelists p on p.id = i.panelist_id
      where i.wave_id = ${wave.id} and i.used_at is null and i.sent_at is not null and p.status = 'active'
        and i.reminder_count < ${limit}
        and (i.last_mailed_at is null or i.last_mailed_at <= ${new Date(now.getTime() - MIN_GAP_MS)})`;
    const emails: EmailInput[] = due.map((p) => {
      const values = mergeValues(wave, p, title);
      const resumeSentence = p.started
        ? "You have already started: the link takes you back to where you left off, with your answers kept."
        : "It takes about five minutes.";
      return {
        kind: "reminder",
        panelistId: p.panelistId,
        to: p.email,
        content: renderWaveEmail(wave.reminderSubject, wave.reminderBody, { ...values, resumeSentence }),
        headers: listHeaders(p.panelistId),
        dedupeKey: `reminder:${p.id}:${p.reminderCount + 1}`,
      };
    });
    const queued = await queueEmails(emails, tx);
    await tx`update invitations set reminder_count = reminder_count + 1, last_mailed_at = ${now}, emailed_count = emailed_count + 1
      where id = any(${due.map((d) => d.id)})`;
    await audit(actor, "remind", "wave", wave.id, { reminders: queued.length }, tx);
    return queued;
  });
  await enqueueDeliveries(ids);
  return { queued: ids.length };
}

/** How many reminders the wave's automatic schedule has made due by now (days after launch). */
export function dueReminders(wave: Pick<Wave, "launchedAt" | "reminderDays" | "maxReminders">, now: Date): number {
  if (!wave.launchedAt) return 0;
  const days = (now.getTime() - wave.launchedAt.getTime()) / DAY;
  return Math.min(wave.maxReminders, [...wave.reminderDays].sort((a, b) => a - b).filter((d) => d <= days).length);
}

/** Runs the automatic reminder schedule of every open, launched wave (the worker calls this regularly). */
export async function runReminderSchedule(now = new Date()): Promise<number> {
  const open = await sql<{ id: number }[]>`
    select id from waves where launched_at is not null and max_reminders > 0 and cardinality(reminder_days) > 0
      and opens_at <= ${now} and (closes_at is null or closes_at > ${now})`;
  let total = 0;
  for (const { id } of open) {
    const wave = await getWave(id);
    if (!wave) continue;
    const upTo = dueReminders(wave, now);
    if (upTo > 0) total += (await remind(wave, { label: "schedule" }, { now, upTo })).queued;
  }
  return total;
}

export interface Breakdown {
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
}

/** The fieldwork figures of a wave, straight from the database (admins see them unsuppressed). */
export async function waveStatus(wave: Wave): Promise<WaveStatus> {
  const [totals] = await sql<Omit<WaveStatus, "responseRate" | "byRegion" | "byOrganisationType" | "curve" | "latest" | "openLinkCompleted">[]>`
    select count(*) as invited,
      count(*) filter (where i.sent_at is not null) as emailed,
      count(*) filter (where p.status = 'bounced') as bounced,
      count(*) filter (where i.opened_at is not null or r.id is not null) as opened,
      count(r.id) as started,
      count(*) filter (where r.status = 'complete') as completed
    from invitations i join panelists p on p.id = i.panelist_id
    left join responses r on r.invitation_id = i.id
    where i.wave_id = ${wave.id}`;
  const [open] = await sql<{ n: number }[]>`select count(*) as n from responses where wave_id = ${wave.id} and source = 'open-link' and status = 'complete'`;
  const breakdown = (column: "region" | "organisation_type") => sql<Breakdown[]>`
    select coalesce(p.${sql(column)}, 'Unknown') as key, count(*) as invited, count(*) filter (where i.used_at is not null) as completed
    from invitations i join panelists p on p.id = i.panelist_id where i.wave_id = ${wave.id}
    group by 1 order by 2 desc`;
  const [byRegion, byOrganisationType, days, latest] = await Promise.all([
    breakdown("region"),
    breakdown("organisation_type"),
    sql<{ day: string; completed: number }[]>`
      select to_char(date_trunc('day', completed_at at time zone 'UTC'), 'YYYY-MM-DD') as day, count(*) as completed
      from responses where wave_id = ${wave.id} and status = 'complete' group by 1 order by 1`,
    sql<{ at: Date; event: string; email: string | null }[]>`
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
  ]);
  let running = 0;
  const curve = days.map((d) => ({ ...d, cumulative: (running += d.completed) }));
  const t = totals ?? { invited: 0, emailed: 0, bounced: 0, opened: 0, started: 0, completed: 0 };
  return {
    ...t,
    responseRate: t.invited ? Math.round((t.completed / t.invited) * 1000) / 10 : 0,
    openLinkCompleted: open?.n ?? 0,
    byRegion,
    byOrganisationType,
    curve,
    latest,
  };
}

/** Every invitation of a wave with its state, for follow-up outside Quorum. */
export async function invitationStatusRows(wave: Wave) {
  return sql<{ email: string | null; name: string | null; organisation: string | null; country: string | null; region: string | null; panelistStatus: string; sentAt: Date | null; openedAt: Date | null; state: string; reminders: number; completedAt: Date | null }[]>`
    select p.email, p.name, p.organisation, p.country, p.region, p.status as panelist_status, i.sent_at, i.opened_at,
      case when i.used_at is not null then 'completed' when r.id is not null then 'started' when i.opened_at is not null then 'opened'
        when i.sent_at is not null then 'emailed' else 'invited' end as state,
      i.reminder_count as reminders, i.used_at as completed_at
    from invitations i join panelists p on p.id = i.panelist_id left join responses r on r.invitation_id = i.id
    where i.wave_id = ${wave.id} order by p.email`;
}

/** Mails an admin the invitation as a panelist would get it, with sample merge values. */
export async function sendTestInvitation(to: string, subject: string | undefined, body: string | undefined, title: string): Promise<void> {
  const base = getEnv().publicUrl;
  const content = renderWaveEmail(subject ?? "Your invitation: {{surveyTitle}}", body ?? DEFAULT_INVITATION_BODY, {
    firstName: "Ana", surveyTitle: title, link: `${base}/s/EXAMPLE-PERSONAL-LINK`, closeDate: "the closing date", unsubscribeLink: `${base}/u/EXAMPLE`,
  });
  await queueEmail({ kind: "test", panelistId: null, to, content: { ...content, subject: `[Test] ${content.subject}` } });
}
