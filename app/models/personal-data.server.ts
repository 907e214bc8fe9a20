import { sql } from "~/db.server";

/** One panel membership as the person's own copy shows it (right of access). */
export interface MembershipCopy {
  panel: string;
  profile: {
    email: string | null;
    name: string | null;
    jobTitle: string | null;
    roleCategory: string | null;
    organisation: string | null;
    organisationType: string | null;
    country: string | null;
    region: string | null;
    language: string | null;
    attributes: Record<string, unknown>;
    status: string;
    source: string;
    exemptFromContactRule: boolean;
    joinedAt: Date;
    updatedAt: Date;
  };
  consent: { version: number | null; givenAt: Date | null; text: string | null };
  invitations: {
    questionnaire: string;
    createdAt: Date;
    firstEmailedAt: Date | null;
    openedAt: Date | null;
    startedAt: Date | null;
    reminders: number;
    language: string | null;
  }[];
  answers: {
    questionnaire: string;
    status: string;
    startedAt: Date;
    completedAt: Date | null;
    language: string | null;
    data: Record<string, unknown>;
  }[];
  emails: { kind: string; subject: string; to: string; status: string; createdAt: Date; sentAt: Date | null }[];
  history: { action: string; by: string; at: Date }[];
}

/**
 * Everything held about the person behind a membership, in every panel their address is on (they proved
 * the address by signing in): profile, consent, invitations, their own answers (by invitation, and
 * answers through an open link given with this address), the emails sent to them and the audit trail
 * about them. Nothing about anyone else.
 */
export async function personalData(panelistId: number): Promise<MembershipCopy[]> {
  const members = await sql<
    (MembershipCopy["profile"] & {
      id: number;
      panel: string;
      consentVersion: number | null;
      consentedAt: Date | null;
      consentText: string | null;
    })[]
  >`
    select p.id, x.name as panel, p.email, p.name, p.job_title, p.role_category, p.organisation, p.organisation_type,
      p.country, p.region, p.language, p.attributes, p.status, p.source, p.contact_exempt as exempt_from_contact_rule,
      p.created_at as joined_at, p.updated_at, p.consent_version, p.consented_at,
      case when p.consent_version = x.consent_version then x.consent_text end as consent_text
    from panelists me join panelists p on p.id = me.id or (me.email is not null and lower(p.email) = lower(me.email))
      join panels x on x.id = p.panel_id
    where me.id = ${panelistId} and p.status <> 'erased'
    order by p.id = ${panelistId} desc, p.id`;
  return Promise.all(
    members.map(async (m) => {
      const [invitations, answers, emails, history] = await Promise.all([
        sql<MembershipCopy["invitations"]>`
          select w.title as questionnaire, i.created_at, i.sent_at as first_emailed_at, i.opened_at, i.started_at,
            i.reminder_count as reminders, i.language
          from invitations i join waves w on w.id = i.wave_id where i.panelist_id = ${m.id} order by i.created_at`,
        sql<MembershipCopy["answers"]>`
          select w.title as questionnaire, r.status, r.started_at, r.completed_at, r.language, r.data
          from responses r join waves w on w.id = r.wave_id
          where r.invitation_id in (select id from invitations where panelist_id = ${m.id})
            or (r.invitation_id is null and ${m.email}::text is not null and lower(r.email) = lower(${m.email})
                and w.panel_id = (select panel_id from panelists where id = ${m.id}))
          order by r.started_at`,
        sql<MembershipCopy["emails"]>`
          select kind, subject, to_address as to, status, created_at, sent_at from emails
          where panelist_id = ${m.id} order by id`,
        sql<MembershipCopy["history"]>`
          select action, case when admin_id is not null then 'the panel team' when api_key_id is not null then 'the panel team (API)'
            when actor like 'panelist:%' then 'you' else 'Quorum' end as by, at
          from audit_log where entity = 'panelist' and entity_id = ${String(m.id)} order by id`,
      ]);
      const { id: _id, panel, consentVersion, consentedAt, consentText, ...profile } = m;
      return {
        panel,
        profile,
        consent: { version: consentVersion, givenAt: consentedAt, text: consentText },
        invitations: [...invitations],
        answers: [...answers],
        emails: [...emails],
        history: [...history],
      };
    }),
  );
}
