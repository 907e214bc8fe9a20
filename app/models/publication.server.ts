import { sql } from "~/db.server";
import { getEnv } from "~/env.server";
import { resultsOutEmail } from "~/lib/email-templates";
import { invitationToken } from "~/lib/tokens";
import { getServerSecret } from "~/secrets.server";
import { enqueueDeliveries, queueEmails, type EmailInput } from "./email.server";
import { listHeaders, unsubscribeUrl } from "./membership.server";
import { countResults, resultsBy } from "~/results/results.server";
import type { GroupFigures, ResultFigures } from "~/results/figures";
import { audit, type Actor } from "./audit.server";
import { approvedQuotes, type Quote } from "./quote.server";
import type { Wave } from "./wave.server";

export interface Snapshot extends ResultFigures {
  wave: string;
  title: string;
  publishedAt: string;
  fieldwork: { opensAt: string; closesAt: string | null };
  audience: Wave["audience"];
  quotes: Quote[];
  /** The other breakdowns, per question: organisation type and role category groups (suppressed alike). */
  breakdowns?: Record<"organisationType" | "roleCategory", Record<string, GroupFigures[]>>;
}

export interface Publication {
  id: number;
  waveId: number;
  snapshot: Snapshot;
  commentary: Record<string, string>;
  publishedAt: Date;
  publishedBy: string;
}

/** The snapshot publishing now would freeze (also the admin's preview). */
export async function draftSnapshot(wave: Wave, publishedAt = new Date()): Promise<Snapshot> {
  // One read of the counts (the roll-up plus what came since) gives all three breakdowns.
  const counts = await countResults(wave);
  const [figures, byType, byRole] = [resultsBy(counts, "region"), resultsBy(counts, "organisationType"), resultsBy(counts, "roleCategory")];
  const groupsOf = (r: typeof byType) => Object.fromEntries(r.questions.map((q) => [q.name, q.groups]));
  return {
    wave: wave.slug,
    title: wave.title,
    publishedAt: publishedAt.toISOString(),
    fieldwork: { opensAt: wave.opensAt.toISOString(), closesAt: wave.closesAt?.toISOString() ?? null },
    audience: wave.audience,
    ...figures,
    // Quotes only when the results themselves can be shown.
    quotes: figures.suppressed ? [] : await approvedQuotes(wave.id),
    breakdowns: { organisationType: groupsOf(byType), roleCategory: groupsOf(byRole) },
  };
}

/** Freezes the wave's results, suppressed at its k, as a new publication (later responses do not move it). */
export async function publish(wave: Wave, actor: Actor, commentary: Record<string, string> = {}): Promise<Publication> {
  const publishedAt = new Date();
  const snapshot = await draftSnapshot(wave, publishedAt);
  return sql.begin(async (tx) => {
    const [row] = await tx<Publication[]>`
      insert into publications (wave_id, snapshot, commentary, published_at, published_by)
      values (${wave.id}, ${tx.json(snapshot as never)}, ${tx.json(commentary as never)}, ${publishedAt}, ${actor.label})
      returning id, wave_id, snapshot, commentary, published_at, published_by`;
    await audit(actor, "publish", "wave", wave.id, { publication: row?.id, respondents: snapshot.respondents }, tx);
    return row as Publication;
  });
}

/** Hides a wave's results until it is published again. */
export async function unpublish(wave: Wave, actor: Actor): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`update publications set unpublished_at = now() where wave_id = ${wave.id} and unpublished_at is null`;
    await audit(actor, "unpublish", "wave", wave.id, {}, tx);
  });
}

// A publication never changes once written (unpublishing marks it, publishing again adds a new one),
// so its parsed snapshot is kept in memory by id: the page reads one small row to learn which is current.
const publications = new Map<number, Readonly<Publication>>();
const KEPT_PUBLICATIONS = 50;

/** The publication readers see: the newest one, unless the wave was unpublished since. */
export async function currentPublication(waveId: number): Promise<Readonly<Publication> | undefined> {
  const [current] = await sql<{ id: number }[]>`
    select id from publications where wave_id = ${waveId} and unpublished_at is null order by published_at desc limit 1`;
  if (!current) return undefined;
  const kept = publications.get(current.id);
  if (kept) return kept;
  const [row] = await sql<Publication[]>`
    select id, wave_id, snapshot, commentary, published_at, published_by from publications where id = ${current.id}`;
  if (!row) return undefined; // deleted with its wave in between
  publications.set(row.id, row);
  if (publications.size > KEPT_PUBLICATIONS) publications.delete(publications.keys().next().value as number);
  return row;
}

export interface ListedPublication {
  slug: string;
  title: string;
  audience: Wave["audience"];
  publishedAt: Date;
  respondents: number | null;
  panelId: number;
  waveId: number;
}

/** Every wave with a current publication. */
export async function listPublications(): Promise<ListedPublication[]> {
  return sql<ListedPublication[]>`
    select distinct on (w.id) w.slug, w.title, w.audience, p.published_at, (p.snapshot ->> 'respondents')::int as respondents, w.panel_id, w.id as wave_id
    from publications p join waves w on w.id = p.wave_id
    where p.unpublished_at is null order by w.id, p.published_at desc`;
}

/**
 * Emails the wave's audience that its results are out, with a personal link where they were invited
 * (it opens respondents-only results). Once per person and publication.
 */
export async function announceResults(wave: Wave, publication: Publication): Promise<number> {
  const base = getEnv().publicUrl;
  const secret = getServerSecret();
  const people = await sql<{ id: number; name: string | null; email: string; invited: boolean; panelName: string }[]>`
    select p.id, p.name, p.email, (i.id is not null) as invited, x.name as panel_name
    from panelists p join panels x on x.id = p.panel_id
    left join invitations i on i.panelist_id = p.id and i.wave_id = ${wave.id}
    where p.panel_id = ${wave.panelId} and p.status = 'active'
      ${wave.audience === "respondents" ? sql`and i.used_at is not null` : sql``}`;
  const emails: EmailInput[] = people.map((p) => {
    const url = `${base}/results/${wave.slug}${p.invited ? `?t=${invitationToken(secret, wave.id, p.id)}` : ""}`;
    return {
      kind: "results",
      panelistId: p.id,
      to: p.email,
      content: resultsOutEmail({ name: p.name, panelName: p.panelName, surveyTitle: wave.title, url, unsubscribeUrl: unsubscribeUrl(p.id) }),
      headers: listHeaders(p.id),
      dedupeKey: `results:${publication.id}:${p.id}`,
    };
  });
  const ids = await queueEmails(emails);
  await enqueueDeliveries(ids);
  return ids.length;
}
