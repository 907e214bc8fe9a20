import { json, sql } from "~/db.server";
import { audit, type Actor } from "./audit.server";
import type { Wave } from "./wave.server";

export interface QuoteCandidate {
  responseId: string;
  question: string;
  answer: string;
  region: string | null;
  country: string | null;
  roleCategory: string | null;
  quoteId: number | null;
  quoteText: string | null;
  /** The question it is shown next to, when not its own. */
  shownWith: string | null;
}

/** An approved quote with its author's profile as it was when they answered. */
export interface ApprovedQuote {
  responseId: string;
  question: string;
  text: string;
  shownWith: string | null;
  country: string | null;
  region: string | null;
  roleCategory: string | null;
}

/** Free-text answers to these questions that may be quoted: only from respondents who said yes to `consentToQuote`. */
export async function quoteCandidates(
  wave: Wave,
  names: string[],
  filter: { region?: string } = {},
): Promise<QuoteCandidate[]> {
  if (names.length === 0) return [];
  return sql<QuoteCandidate[]>`
    select r.id as response_id, t.question, r.data ->> t.question as answer, r.region, r.country, r.role_category, q.id as quote_id, q.text as quote_text, q.shown_with
    from responses r cross join unnest(${names}::text[]) as t(question)
    left join quotes q on q.response_id = r.id and q.question = t.question
    where r.wave_id = ${wave.id} and r.status = 'complete' and r.data -> 'consentToQuote' = 'true'::jsonb
      and coalesce(r.data ->> t.question, '') <> ''
      ${filter.region ? sql`and r.region = ${filter.region}` : sql``}
    order by r.completed_at desc limit 500`;
}

/** A comment written beside a chosen choice (`{value, comment}`), by a respondent who agreed to be quoted. */
export interface ChoiceComment {
  responseId: string;
  question: string;
  choice: string;
  comment: string;
  region: string | null;
  country: string | null;
  roleCategory: string | null;
}

/**
 * The comments written beside chosen choices of these questions (a radio group's or dropdown's answer
 * `{value, comment}`, a checkbox's items), from respondents who agreed to be quoted, newest first.
 */
export async function choiceComments(
  wave: Wave,
  names: string[],
  filter: { region?: string } = {},
): Promise<ChoiceComment[]> {
  if (names.length === 0) return [];
  return sql<ChoiceComment[]>`
    select r.id as response_id, t.question, c.item ->> 'value' as choice, c.item ->> 'comment' as comment,
      r.region, r.country, r.role_category
    from responses r cross join unnest(${names}::text[]) as t(question)
    cross join lateral jsonb_array_elements(case jsonb_typeof(r.data -> t.question)
      when 'array' then r.data -> t.question when 'object' then jsonb_build_array(r.data -> t.question) else '[]'::jsonb end) as c(item)
    where r.wave_id = ${wave.id} and r.status = 'complete' and r.data -> 'consentToQuote' = 'true'::jsonb
      and jsonb_typeof(c.item) = 'object' and jsonb_typeof(c.item -> 'comment') = 'string' and c.item ->> 'comment' <> ''
      ${filter.region ? sql`and r.region = ${filter.region}` : sql``}
    order by r.completed_at desc, t.question limit 500`;
}

/**
 * Verified respondents of a wave (personal invitations, completed) by country, region and role:
 * what a quote's signature is checked against.
 */
export async function signatureGroups(waveId: number) {
  return sql<{ country: string | null; region: string | null; roleCategory: string | null; n: number }[]>`
    select country, region, role_category, count(*)::int as n from responses
    where wave_id = ${waveId} and status = 'complete' and source = 'invitation'
    group by 1, 2, 3`;
}

/**
 * Approves a quote of a free-text answer, edited by the panel team; refuses answers without consent to
 * quote. `tellsReaders` is what the quote tells readers of its author's other answers, as the
 * approver confirmed it ("answered “No” to …"), kept in the audit log.
 */
export async function approveQuote(
  wave: Wave,
  responseId: string,
  question: string,
  text: string,
  actor: Actor,
  shownWith: string | null = null,
  tellsReaders: string | null = null,
): Promise<boolean> {
  const [row] = await sql`
    select 1 from responses
    where id = ${responseId} and wave_id = ${wave.id} and status = 'complete' and data -> 'consentToQuote' = 'true'::jsonb
      and coalesce(data ->> ${question}, '') <> ''`;
  if (!row) return false;
  await sql.begin(async (tx) => {
    await tx`
      insert into quotes (wave_id, response_id, question, text, attribution, approved_by, shown_with)
      values (${wave.id}, ${responseId}, ${question}, ${text}, '', ${actor.label}, ${shownWith})
      on conflict (response_id, question) do update set text = excluded.text, approved_by = excluded.approved_by, shown_with = excluded.shown_with, approved_at = now()`;
    const changes = {
      responseId,
      question,
      ...(shownWith ? { shownWith } : {}),
      ...(tellsReaders ? { tellsReaders } : {}),
    };
    await audit(actor, "approve", "quote", null, changes, tx);
  });
  return true;
}

export async function withdrawQuote(wave: Wave, quoteId: number, actor: Actor): Promise<void> {
  await sql.begin(async (tx) => {
    const gone = await tx`delete from quotes where id = ${quoteId} and wave_id = ${wave.id} returning id`;
    // A quote of another wave is not this wave's to withdraw, nor to write into the audit log.
    if (gone.length) await audit(actor, "withdraw", "quote", quoteId, {}, tx);
  });
}

/** The approved quotes of a wave with their authors' profiles, in the order they were approved. */
export async function approvedQuotes(waveId: number): Promise<ApprovedQuote[]> {
  return sql<ApprovedQuote[]>`
    select q.response_id, q.question, q.text, q.shown_with, r.country, r.region, r.role_category
    from quotes q join responses r on r.id = q.response_id where q.wave_id = ${waveId} order by q.approved_at, q.id`;
}

/** How quotes of a wave are signed: "(Respondent, Chile)" or "(Provost…, Chile)", as far as group sizes allow. */
export async function setAttributionStyle(wave: Wave, style: "respondent" | "role", actor: Actor): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`update waves set settings = settings || ${json(tx, { quoteAttribution: style })} where id = ${wave.id}`;
    await audit(actor, "set-quote-attribution", "wave", wave.id, { style }, tx);
  });
}

export async function attributionStyle(wave: Wave): Promise<"respondent" | "role"> {
  const [row] = await sql<
    { style: string | null }[]
  >`select settings ->> 'quoteAttribution' as style from waves where id = ${wave.id}`;
  return row?.style === "role" ? "role" : "respondent";
}
