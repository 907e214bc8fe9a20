import { sql, json } from "~/db.server";
import { looksLikeToken } from "~/lib/security";
import { insertThankYous } from "./email.server";
import {
  contextColumns,
  contextOf,
  contextSources,
  type ContextRow,
  type InvitationContext,
} from "./invitation.server";

export type CompleteOutcome =
  | { status: "stored"; responseId: string; completedAt: Date; emailIds: number[] }
  | { status: "repeat"; responseId: string; completedAt: Date }
  | { status: "already-used"; completedAt: Date | null };

/**
 * Stores a completed response, marks the invitation used, snapshots the respondent's profile and
 * records the thank-you email when there is one (its body is written when it is delivered; its
 * delivery job is enqueued after commit), all in
 * one statement: one round trip, atomic, the invitation row locked while it runs. The same submission
 * sent again returns the stored response unchanged.
 */
export async function completeInvitationResponse(input: {
  invitationId: number;
  versionId: number;
  data: Record<string, unknown>;
  submissionId: string | null;
  /** The language the respondent answered in (answers are choice values whatever it is). */
  language?: string | null;
  /** Profile values the respondent gave in the questionnaire; they win over the panel's record. */
  answeredProfile?: {
    country?: string | null;
    region?: string | null;
    organisationType?: string | null;
    roleCategory?: string | null;
    organisation?: string | null;
    jobTitle?: string | null;
  };
  /** The thank-you email to record with it: its subject (thankYouSubject) in the language of its body. */
  thankYou?: { subject: string; language: string };
}): Promise<CompleteOutcome> {
  const a = input.answeredProfile ?? {};
  const [row] = await sql<
    { usedAt: Date | null; responseId: string | null; completedAt: Date | null; emailIds: number[] }[]
  >`
    with inv as (
      select id, wave_id, panelist_id, used_at from invitations where id = ${input.invitationId} for update
    ), stored as (
      insert into responses (wave_id, invitation_id, questionnaire_version_id, status, data, submission_id,
        source, country, region, organisation_type, role_category, organisation, job_title, language, completed_at)
      select inv.wave_id, inv.id, ${input.versionId}, 'complete', ${json(sql, input.data)}, ${input.submissionId},
        'invitation', coalesce(${a.country ?? null}, p.country), coalesce(${a.region ?? null}, p.region),
        coalesce(${a.organisationType ?? null}, p.organisation_type), coalesce(${a.roleCategory ?? null}, p.role_category),
        coalesce(${a.organisation ?? null}, p.organisation), coalesce(${a.jobTitle ?? null}, p.job_title), ${input.language ?? null}, now()
      from inv join panelists p on p.id = inv.panelist_id
      where inv.used_at is null
      on conflict (invitation_id) do update set
        status = 'complete', data = excluded.data, submission_id = excluded.submission_id,
        country = excluded.country, region = excluded.region, organisation_type = excluded.organisation_type,
        role_category = excluded.role_category, organisation = excluded.organisation,
        job_title = excluded.job_title, language = coalesce(excluded.language, responses.language),
        completed_at = excluded.completed_at, updated_at = now()
      returning id, completed_at
    ), used as (
      update invitations i set used_at = stored.completed_at from stored where i.id = ${input.invitationId}
    ), mailed as (
      ${
        input.thankYou
          ? insertThankYous(
              sql,
              sql`select inv.id as invitation_id, inv.panelist_id, p.email as to_address, w.title as wave_title
                from inv join panelists p on p.id = inv.panelist_id join waves w on w.id = inv.wave_id
                where exists (select 1 from stored)`,
              input.thankYou.subject,
              input.thankYou.language,
            )
          : sql`select null::bigint as id where false`
      }
    )
    select inv.used_at, (select id from stored) as response_id, (select completed_at from stored) as completed_at,
      coalesce((select array_agg(id order by id) from mailed), '{}') as email_ids
    from inv`;
  if (!row) throw new Error(`invitation ${input.invitationId} vanished`);
  if (row.responseId && row.completedAt) {
    return {
      status: "stored",
      responseId: row.responseId,
      completedAt: row.completedAt,
      emailIds: row.emailIds.map(Number),
    };
  }
  if (!row.usedAt) throw new Error("could not store the response");
  const [prior] = await sql<{ id: string; submissionId: string | null; completedAt: Date }[]>`
    select id, submission_id, completed_at from responses where invitation_id = ${input.invitationId}`;
  if (prior && input.submissionId && prior.submissionId === input.submissionId) {
    return { status: "repeat", responseId: prior.id, completedAt: prior.completedAt };
  }
  return { status: "already-used", completedAt: row.usedAt };
}

/**
 * A completion checked before its link was looked up (against the questionnaire version the page
 * says it shows), stored in the statement that looks the link up: one round trip. It is stored only
 * when that statement finds the link unused, its wave open and on that version and the person not
 * erased; the same statement records the thank-you email when the wave sends one and the person is
 * active with an address (as the ordinary path decides; its body is written when it is delivered).
 * The invitation row is locked while it runs, as completeInvitationResponse does. Otherwise nothing
 * is written and the link's context is returned for the ordinary path (undefined: no such link).
 */
export async function completeByToken(input: {
  token: string;
  versionId: number;
  data: Record<string, unknown>;
  submissionId: string | null;
  language: string;
  answeredProfile: NonNullable<Parameters<typeof completeInvitationResponse>[0]["answeredProfile"]>;
  /** The thank-you email's subject in `language` (thankYouSubject), recorded when the wave sends one. */
  thankYouSubject: string;
  now: Date;
}): Promise<
  | {
      context: InvitationContext;
      stored: { responseId: string; completedAt: Date; emailIds: number[] } | null;
    }
  | undefined
> {
  if (!looksLikeToken(input.token)) return undefined;
  const a = input.answeredProfile;
  const [row] = await sql<
    (ContextRow & {
      region: string | null;
      mayStore: boolean;
      responseId: string | null;
      storedAt: Date | null;
      emailIds: number[];
    })[]
  >`
    with ctx as (
      select ${contextColumns(sql)}, p.region,
        i.used_at is null and p.status <> 'erased'
          and w.questionnaire_version_id = ${input.versionId}
          and w.opens_at <= ${input.now} and (w.closes_at is null or w.closes_at > ${input.now}) as may_store
      from ${contextSources(sql, input.token)}
      for update of i
    ), stored as (
      insert into responses (wave_id, invitation_id, questionnaire_version_id, status, data, submission_id,
        source, country, region, organisation_type, role_category, organisation, job_title, language, completed_at)
      select ctx.wave_id, ctx.invitation_id, ${input.versionId}, 'complete', ${json(sql, input.data)}, ${input.submissionId},
        'invitation', coalesce(${a.country ?? null}, ctx.country), coalesce(${a.region ?? null}, ctx.region),
        coalesce(${a.organisationType ?? null}, ctx.organisation_type), coalesce(${a.roleCategory ?? null}, ctx.role_category),
        coalesce(${a.organisation ?? null}, ctx.organisation), coalesce(${a.jobTitle ?? null}, ctx.job_title), ${input.language}, now()
      from ctx where ctx.may_store
      on conflict (invitation_id) do update set
        status = 'complete', data = excluded.data, submission_id = excluded.submission_id,
        country = excluded.country, region = excluded.region, organisation_type = excluded.organisation_type,
        role_category = excluded.role_category, organisation = excluded.organisation,
        job_title = excluded.job_title, language = coalesce(excluded.language, responses.language),
        completed_at = excluded.completed_at, updated_at = now()
      returning id, completed_at
    ), used as (
      update invitations i set used_at = stored.completed_at from stored, ctx where i.id = ctx.invitation_id
    ), mailed as (
      ${insertThankYous(
        sql,
        sql`select ctx.invitation_id, ctx.panelist_id, ctx.panelist_email as to_address, ctx.wave_title from ctx
          where ctx.thank_you and ctx.panelist_email is not null and ctx.panelist_status = 'active'
            and exists (select 1 from stored)`,
        input.thankYouSubject,
        input.language,
      )}
    )
    select ctx.*, (select id from stored) as response_id, (select completed_at from stored) as stored_at,
      coalesce((select array_agg(id order by id) from mailed), '{}') as email_ids
    from ctx`;
  if (!row) return undefined;
  const { region: _region, mayStore: _mayStore, responseId, storedAt, emailIds, ...columns } = row;
  const context = await contextOf(columns);
  return {
    context,
    stored: responseId && storedAt ? { responseId, completedAt: storedAt, emailIds: emailIds.map(Number) } : null,
  };
}

/** The answers in progress of an invitation, to resume where the respondent left off. */
export async function partialResponseOf(
  invitationId: number,
): Promise<{ data: Record<string, unknown>; page: number; savedAt: Date } | undefined> {
  const [row] = await sql<{ data: Record<string, unknown>; page: number; savedAt: Date }[]>`
    select data, current_page as page, updated_at as saved_at from responses
    where invitation_id = ${invitationId} and status = 'partial'`;
  return row;
}

/** A panelist's panel and completed answers to a wave (null when they did not answer it); undefined for someone gone. */
export async function panelistAnswers(
  panelistId: number,
  waveId: number,
): Promise<{ panelId: number; data: Record<string, unknown> | null } | undefined> {
  const [row] = await sql<{ panelId: number; data: Record<string, unknown> | null }[]>`
    select p.panel_id, r.data from panelists p
    left join invitations i on i.panelist_id = p.id and i.wave_id = ${waveId}
    left join responses r on r.invitation_id = i.id and r.status = 'complete'
    where p.id = ${panelistId} and p.status in ('active', 'unsubscribed')`;
  return row;
}

/** Saves answers in progress; returns the response id, or undefined when the invitation is already used. */
export async function savePartialResponse(input: {
  invitationId: number;
  versionId: number;
  data: Record<string, unknown>;
  page?: number;
  language?: string | null;
}): Promise<string | undefined> {
  const [row] = await sql<{ id: string }[]>`
    insert into responses (wave_id, invitation_id, questionnaire_version_id, status, data, current_page, source, language)
    select i.wave_id, i.id, ${input.versionId}, 'partial', ${json(sql, input.data)}, ${input.page ?? 0}, 'invitation', ${input.language ?? null}
    from invitations i where i.id = ${input.invitationId} and i.used_at is null
    on conflict (invitation_id) do update set data = excluded.data,
      current_page = coalesce(${input.page ?? null}, responses.current_page),
      language = coalesce(excluded.language, responses.language), updated_at = now()
      where responses.status = 'partial'
    returning id`;
  if (row) await sql`update invitations set started_at = coalesce(started_at, now()) where id = ${input.invitationId}`;
  return row?.id;
}

/**
 * Stores a completed open-link response: one per browser per wave (the database enforces it);
 * the same submission sent again returns the stored response.
 */
export async function completeOpenResponse(input: {
  waveId: number;
  versionId: number;
  browserKey: string;
  data: Record<string, unknown>;
  submissionId: string | null;
  country: string | null;
  region: string | null;
  email: string | null;
}): Promise<CompleteOutcome> {
  // Either unique index (browser, or email when checked) turns a second response away.
  const [row] = await sql<{ id: string; completedAt: Date }[]>`
    insert into responses (wave_id, questionnaire_version_id, status, data, submission_id, source, browser_key, country, region, email, completed_at)
    values (${input.waveId}, ${input.versionId}, 'complete', ${json(sql, input.data)}, ${input.submissionId}, 'open-link',
      ${input.browserKey}, ${input.country}, ${input.region}, ${input.email}, now())
    on conflict do nothing
    returning id, completed_at`;
  if (row) return { status: "stored", responseId: row.id, completedAt: row.completedAt, emailIds: [] };
  const [prior] = await sql<{ id: string; submissionId: string | null; completedAt: Date | null }[]>`
    select id, submission_id, completed_at from responses
    where wave_id = ${input.waveId} and (browser_key = ${input.browserKey} or lower(email) = lower(${input.email ?? ""}))
    order by (browser_key = ${input.browserKey}) desc limit 1`;
  if (prior && input.submissionId && prior.submissionId === input.submissionId && prior.completedAt) {
    return { status: "repeat", responseId: prior.id, completedAt: prior.completedAt };
  }
  return { status: "already-used", completedAt: prior?.completedAt ?? null };
}

/** When this browser already answered an open-link wave. */
export async function openResponseOf(waveId: number, browserKey: string): Promise<Date | undefined> {
  const [row] = await sql<{ completedAt: Date | null }[]>`
    select completed_at from responses where wave_id = ${waveId} and browser_key = ${browserKey} and status = 'complete'`;
  return row?.completedAt ?? undefined;
}

/**
 * Completed responses written straight in, for the demo's published wave: invented people, so no
 * panelist or invitation, counted as invited answers (they must be, for a report to show at all).
 * Returns the ids of those with a written comment its author agreed to have quoted.
 */
export async function insertSyntheticResponses(
  wave: { id: number; questionnaireVersionId: number },
  rows: {
    country: string;
    region: string;
    organisationType: string;
    roleCategory: string;
    organisation: string;
    data: Record<string, unknown>;
    completedAt: Date;
    invitationId?: number;
  }[],
): Promise<{ id: string; comment: string }[]> {
  const payload = rows.map((r) => ({ ...r, completedAt: r.completedAt.toISOString() }));
  return sql<{ id: string; comment: string }[]>`
    with inserted as (
      insert into responses (wave_id, questionnaire_version_id, status, data, source, country, region, organisation_type, role_category, organisation, started_at, completed_at, invitation_id)
      select ${wave.id}, ${wave.questionnaireVersionId}, 'complete', x.data, 'invitation', x.country, x.region, x."organisationType", x."roleCategory", x.organisation,
        x."completedAt" - interval '9 minutes', x."completedAt", x."invitationId"
      from jsonb_to_recordset(${json(sql, payload)}) as x(data jsonb, country text, region text, "organisationType" text, "roleCategory" text, organisation text, "completedAt" timestamptz, "invitationId" bigint)
      returning id, data)
    select id, data ->> 'comment' as comment from inserted where data ->> 'consentToQuote' = 'true' and data ->> 'comment' is not null`;
}
