import { sql } from "~/db.server";
import type { ContactLimit } from "~/lib/fieldwork";
import { restReasonSql } from "./contact.server";

/** How one panel is doing: members, who came and left lately, how the last waves were answered, who rests. */
export interface PanelHealth {
  active: number;
  /** Joined or added in the last `days` days (a join request never confirmed does not count). */
  joined: number;
  /** Unsubscribed or erased in the last `days` days, by whatever path. */
  left: number;
  /** Active people the contact rule would skip if a wave were sent now. */
  resting: number;
  /** The panel's last launched waves, newest first: people emailed an invitation and how many of them completed. */
  waves: { slug: string; title: string; invited: number; completed: number }[];
}

/** The dashboard's figures for one panel at `now`, under its contact rule. */
export async function panelHealth(
  panel: { id: number; contactLimit: ContactLimit },
  now: Date,
  acrossPanels: boolean,
  days = 90,
  lastWaves = 3,
): Promise<PanelHealth> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const rule = { limit: panel.contactLimit, waveId: 0, now, acrossPanels };
  const [[members], waves] = await Promise.all([
    sql<{ active: number; joined: number; left: number; resting: number }[]>`
      select count(*) filter (where p.status = 'active')::int as active,
        count(*) filter (where p.created_at > ${since} and p.status <> 'pending')::int as joined,
        count(*) filter (where p.left_at > ${since})::int as left,
        count(*) filter (where p.status = 'active' and ${restReasonSql(rule)} is not null)::int as resting
      from panelists p where p.panel_id = ${panel.id}`,
    sql<PanelHealth["waves"]>`
      select w.slug, w.title,
        (select count(*) from invitations i where i.wave_id = w.id and i.sent_at is not null)::int as invited,
        (select count(*) from invitations i join responses r on r.invitation_id = i.id
          where i.wave_id = w.id and i.sent_at is not null and r.status = 'complete')::int as completed
      from waves w
      where w.panel_id = ${panel.id} and exists (select 1 from invitations i where i.wave_id = w.id and i.sent_at is not null)
      order by w.opens_at desc, w.id desc limit ${lastWaves}`,
  ]);
  return { active: 0, joined: 0, left: 0, resting: 0, ...members, waves: [...waves] };
}
