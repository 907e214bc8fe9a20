import { sql } from "~/db.server";
import type { ContactLimit, RestReason } from "~/lib/fieldwork";
import { audit, type Actor } from "./audit.server";

/** The contact rule as it applies to one wave at one moment. */
export interface RestRule {
  limit: ContactLimit;
  waveId: number;
  now: Date;
  /** Count invitations to the same address in every panel of the installation, not only this person's in this panel. */
  acrossPanels: boolean;
}

/**
 * SQL for why the panelist `p` must rest instead of being invited (`'gap'`, `'limit'`) or null:
 * only first invitations count (their `sent_at`; reminders do not), those of this wave are left out,
 * and a person the team exempted never rests.
 */
export function restReasonSql(rule: RestRule) {
  const { limit, waveId, now, acrossPanels } = rule;
  return sql`(case when p.contact_exempt then null else (
    select case
      when max(a.sent_at) > ${now}::timestamptz - make_interval(days => ${limit.gapDays}::int) then 'gap'
      when count(*) filter (where a.sent_at > ${now}::timestamptz - make_interval(days => ${limit.days}::int))
        >= ${limit.invitations}::int then 'limit'
    end
    from invitations a ${acrossPanels ? sql`join panelists q on q.id = a.panelist_id` : sql``}
    where ${acrossPanels ? sql`lower(q.email) = lower(p.email)` : sql`a.panelist_id = p.id`}
      and a.sent_at is not null and a.sent_at <= ${now} and a.wave_id <> ${waveId}
  ) end)`;
}

/** One person's recent invitations in a panel (newest first): the wave, when, and whether they answered (never what). */
export interface RecentInvitation {
  waveSlug: string;
  waveTitle: string;
  sentAt: Date | null;
  reminders: number;
  answered: boolean;
}

export async function recentInvitations(panelistId: number, limit = 20): Promise<RecentInvitation[]> {
  return sql<RecentInvitation[]>`
    select w.slug as wave_slug, w.title as wave_title, i.sent_at, i.reminder_count as reminders, i.used_at is not null as answered
    from invitations i join waves w on w.id = i.wave_id
    where i.panelist_id = ${panelistId}
    order by coalesce(i.sent_at, i.created_at) desc limit ${limit}`;
}

/** Whether one person is exempt from the rule, and whether (and why) they rest under it now. */
export async function contactState(
  panelistId: number,
  rule: RestRule,
): Promise<{ exempt: boolean; rest: RestReason | null }> {
  const [row] = await sql<{ exempt: boolean; rest: RestReason | null }[]>`
    select p.contact_exempt as exempt, ${restReasonSql(rule)} as rest from panelists p where p.id = ${panelistId}`;
  return { exempt: row?.exempt ?? false, rest: row?.rest ?? null };
}

/** Exempts a person from the contact rule (they opted in to more), or ends the exemption. */
export async function setContactExempt(
  panelId: number,
  panelistId: number,
  exempt: boolean,
  actor: Actor = { label: "system" },
): Promise<void> {
  await sql.begin(async (tx) => {
    const rows = await tx`
      update panelists set contact_exempt = ${exempt}, updated_at = now()
      where id = ${panelistId} and panel_id = ${panelId} returning id`;
    if (rows.length)
      await audit(actor, exempt ? "exempt-from-contact-rule" : "apply-contact-rule", "panelist", panelistId, {}, tx);
  });
}
