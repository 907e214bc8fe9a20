import { sql, json } from "~/db.server";
import { countryName } from "~/lib/countries";
import { ROLE_CATEGORIES } from "~/lib/profile-options";
import { audit, type Actor } from "./audit.server";
import type { Wave } from "./wave.server";

export interface QuoteCandidate {
  responseId: string;
  question: string;
  answer: string;
  region: string | null;
  country: string | null;
  quoteId: number | null;
  quoteText: string | null;
}

export interface Quote {
  question: string;
  text: string;
  attribution: string;
}

/** Free-text answers to these questions that may be quoted: only from respondents who said yes to `consentToQuote`. */
export async function quoteCandidates(wave: Wave, names: string[], filter: { region?: string } = {}): Promise<QuoteCandidate[]> {
  if (names.length === 0) return [];
  return sql<QuoteCandidate[]>`
    select r.id as response_id, t.question, r.data ->> t.question as answer, r.region, r.country, q.id as quote_id, q.text as quote_text
    from responses r cross join unnest(${names}::text[]) as t(question)
    left join quotes q on q.response_id = r.id and q.question = t.question
    where r.wave_id = ${wave.id} and r.status = 'complete' and r.data -> 'consentToQuote' = 'true'::jsonb
      and coalesce(r.data ->> t.question, '') <> ''
      ${filter.region ? sql`and r.region = ${filter.region}` : sql``}
    order by r.completed_at desc limit 500`;
}

/** "(Respondent, Chile)", or with the wave's role setting "(Provost or Chief Academic Officer, Chile)". */
export function attribution(style: unknown, row: { country: string | null; roleCategory: string | null }): string {
  const place = row.country ? countryName(row.country) : null;
  const who = style === "role" && row.roleCategory ? (ROLE_CATEGORIES[row.roleCategory as keyof typeof ROLE_CATEGORIES] ?? "Respondent") : "Respondent";
  return `(${place ? `${who}, ${place}` : who})`;
}

/** Approves a quote of a free-text answer (its text as edited by the panel team); refuses answers without consent to quote. */
export async function approveQuote(wave: Wave, responseId: string, question: string, text: string, actor: Actor): Promise<boolean> {
  const [settings] = await sql<{ settings: Record<string, unknown> }[]>`select settings from waves where id = ${wave.id}`;
  const [row] = await sql<{ country: string | null; roleCategory: string | null }[]>`
    select country, role_category from responses
    where id = ${responseId} and wave_id = ${wave.id} and status = 'complete' and data -> 'consentToQuote' = 'true'::jsonb
      and coalesce(data ->> ${question}, '') <> ''`;
  if (!row) return false;
  await sql.begin(async (tx) => {
    await tx`
      insert into quotes (wave_id, response_id, question, text, attribution, approved_by)
      values (${wave.id}, ${responseId}, ${question}, ${text}, ${attribution(settings?.settings.quoteAttribution, row)}, ${actor.label})
      on conflict (response_id, question) do update set text = excluded.text, attribution = excluded.attribution,
        approved_by = excluded.approved_by, approved_at = now()`;
    await audit(actor, "approve", "quote", null, { responseId, question }, tx);
  });
  return true;
}

export async function withdrawQuote(wave: Wave, quoteId: number, actor: Actor): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`delete from quotes where id = ${quoteId} and wave_id = ${wave.id}`;
    await audit(actor, "withdraw", "quote", quoteId, {}, tx);
  });
}

/** The approved quotes of a wave, for a publication. */
export async function approvedQuotes(waveId: number): Promise<Quote[]> {
  return sql<Quote[]>`select question, text, attribution from quotes where wave_id = ${waveId} order by approved_at`;
}

/** How quotes of a wave are signed: "(Respondent, Chile)" or "(Provost…, Chile)"; re-signs approved quotes. */
export async function setAttributionStyle(wave: Wave, style: "respondent" | "role", actor: Actor): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`update waves set settings = settings || ${json(tx, { quoteAttribution: style })} where id = ${wave.id}`;
    const rows = await tx<{ id: number; country: string | null; roleCategory: string | null }[]>`
      select q.id, r.country, r.role_category from quotes q join responses r on r.id = q.response_id where q.wave_id = ${wave.id}`;
    for (const r of rows) await tx`update quotes set attribution = ${attribution(style, r)} where id = ${r.id}`;
    await audit(actor, "set-quote-attribution", "wave", wave.id, { style }, tx);
  });
}

export async function attributionStyle(wave: Wave): Promise<"respondent" | "role"> {
  const [row] = await sql<{ style: string | null }[]>`select settings ->> 'quoteAttribution' as style from waves where id = ${wave.id}`;
  return row?.style === "role" ? "role" : "respondent";
}
