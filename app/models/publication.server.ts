import { json, sql } from "~/db.server";
import { audit, type Actor } from "./audit.server";
import type { Wave } from "./wave.server";

/** What every stored snapshot says of itself (the results code defines the rest of its shape). */
export interface StoredSnapshot {
  respondents: number | null;
  quotes: unknown[];
}

/** A publication; `S` is the shape of its snapshot, which the results code defines. */
export interface Publication<S extends StoredSnapshot = StoredSnapshot> {
  id: number;
  waveId: number;
  snapshot: S;
  commentary: Record<string, string>;
  publishedAt: Date;
  publishedBy: string;
}

/** What a publication keeps for the server only: its counts (never served) and whose answers its quotes are. */
export interface PrivateData {
  record: unknown;
  quoteSources: string[];
}

/** Stores a publication of a wave (its frozen snapshot and private data), audited in the same transaction. */
export async function insertPublication<S extends StoredSnapshot>(
  wave: Wave,
  snapshot: S,
  commentary: Record<string, string>,
  publishedAt: Date,
  actor: Actor,
  privateData: PrivateData,
  countedResponses: number,
): Promise<Publication<S>> {
  return sql.begin(async (tx) => {
    const [row] = await tx<Publication<S>[]>`
      insert into publications (wave_id, snapshot, commentary, published_at, published_by, private_cells, counted_responses)
      values (${wave.id}, ${json(tx, snapshot)}, ${json(tx, commentary)}, ${publishedAt}, ${actor.label}, ${json(tx, privateData)}, ${countedResponses})
      returning id, wave_id, snapshot, commentary, published_at, published_by`;
    await audit(actor, "publish", "wave", wave.id, { publication: row?.id, respondents: snapshot.respondents }, tx);
    return row as Publication<S>;
  });
}

/** The private data of every earlier publication of a wave, oldest first (a reader may have kept any of them). */
export async function earlierPrivateData(waveId: number): Promise<PrivateData[]> {
  const rows = await sql<{ privateCells: PrivateData }[]>`
    select private_cells from publications where wave_id = ${waveId} and private_cells ? 'record' order by published_at`;
  return rows.map((r) => r.privateCells);
}

/**
 * How many responses of the wave's version were added, changed or removed since its last publication
 * (none published: null). `now` bounds "since" so a response completing while this runs is not missed.
 */
export async function changesSinceLastPublication(wave: Wave): Promise<{ publishedAt: Date; changes: number } | null> {
  const [row] = await sql<{ publishedAt: Date; counted: number; added: number; changed: number; still: number }[]>`
    with last as (
      select published_at, counted_responses from publications where wave_id = ${wave.id} order by published_at desc limit 1
    ), mine as (
      select completed_at, updated_at from responses
      where wave_id = ${wave.id} and questionnaire_version_id = ${wave.questionnaireVersionId} and status = 'complete'
    )
    select last.published_at, last.counted_responses as counted,
      (select count(*) from mine where completed_at > last.published_at)::int as added,
      (select count(*) from mine where completed_at <= last.published_at and updated_at > last.published_at)::int as changed,
      (select count(*) from mine where completed_at <= last.published_at)::int as still
    from last`;
  if (!row) return null;
  return { publishedAt: row.publishedAt, changes: row.added + row.changed + Math.max(0, row.counted - row.still) };
}

/** Hides a wave's results until it is published again. */
export async function unpublish(wave: Wave, actor: Actor): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`update publications set unpublished_at = now() where wave_id = ${wave.id} and unpublished_at is null`;
    await audit(actor, "unpublish", "wave", wave.id, {}, tx);
  });
}

/** Strikes a response's quotes from every publication that carries them (an erasure). */
export async function strikeQuotesOf(responseIds: string[]): Promise<number> {
  if (responseIds.length === 0) return 0;
  const rows = await sql<{ id: number; snapshot: StoredSnapshot; privateCells: PrivateData }[]>`
    select id, snapshot, private_cells from publications
    where exists (select 1 from jsonb_array_elements_text(private_cells -> 'quoteSources') s where s = any(${responseIds}))`;
  for (const row of rows) {
    const sources = row.privateCells.quoteSources;
    const keep = sources.map((s, i) => (responseIds.includes(s) ? -1 : i)).filter((i) => i >= 0);
    const snapshot = { ...row.snapshot, quotes: keep.map((i) => row.snapshot.quotes[i]) };
    const privateCells = { ...row.privateCells, quoteSources: keep.map((i) => sources[i]) };
    await sql`update publications set snapshot = ${json(sql, snapshot)}, private_cells = ${json(sql, privateCells)}, revision = revision + 1 where id = ${row.id}`;
  }
  return rows.length;
}

// A publication changes only by revision (a struck quote), so its parsed snapshot is kept in memory
// by id and revision: the page reads one small row to learn which is current.
const publications = new Map<string, Readonly<Publication>>();
const KEPT_PUBLICATIONS = 50;

/** The publication readers see: the newest one, unless the wave was unpublished since. `S` is the shape its snapshot was stored with. */
export async function currentPublication<S extends StoredSnapshot = StoredSnapshot>(
  waveId: number,
): Promise<Readonly<Publication<S>> | undefined> {
  const [current] = await sql<{ id: number; revision: number }[]>`
    select id, revision from publications where wave_id = ${waveId} and unpublished_at is null order by published_at desc limit 1`;
  if (!current) return undefined;
  const cacheKey = `${current.id}.${current.revision}`;
  const kept = publications.get(cacheKey);
  if (kept) return kept as Readonly<Publication<S>>;
  const [row] = await sql<Publication<S>[]>`
    select id, wave_id, snapshot, commentary, published_at, published_by from publications where id = ${current.id}`;
  if (!row) return undefined; // deleted with its wave in between
  publications.set(cacheKey, row);
  if (publications.size > KEPT_PUBLICATIONS) publications.delete(publications.keys().next().value as string);
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

/** Who hears that a wave's results are out: its panel's active people (only those who answered, for a respondents-only wave). */
export async function resultsAudience(wave: Wave) {
  return sql<
    {
      id: number;
      name: string | null;
      email: string;
      answered: boolean;
      panelName: string;
      invitationLanguage: string | null;
      language: string | null;
      panelLanguage: string;
    }[]
  >`
    select p.id, p.name, p.email, (i.used_at is not null) as answered, x.name as panel_name,
      i.language as invitation_language, p.language, x.default_language as panel_language
    from panelists p join panels x on x.id = p.panel_id
    left join invitations i on i.panelist_id = p.id and i.wave_id = ${wave.id}
    where p.panel_id = ${wave.panelId} and p.status = 'active'
      ${wave.audience === "respondents" ? sql`and i.used_at is not null` : sql``}`;
}

/** The current publications made by the disclosure engine before issue 21's (engine 1), to be checked again. */
export async function publicationsOfOldEngine(): Promise<Publication<StoredSnapshot & object>[]> {
  return sql<Publication<StoredSnapshot & object>[]>`
    select p.id, p.wave_id, p.snapshot, p.commentary, p.published_at, p.published_by from publications p
    where p.engine = 1 and p.unpublished_at is null
      and p.published_at = (select max(q.published_at) from publications q where q.wave_id = p.wave_id)`;
}

/** Marks a publication checked by the current engine and kept. */
export async function keepPublication(id: number): Promise<void> {
  await sql`update publications set engine = 2 where id = ${id}`;
}

/** Withdraws a publication from readers, with the reason the team is told (audited). */
export async function withdrawPublication(id: number, waveId: number, reason: string, actor: Actor): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`update publications set unpublished_at = now(), withdrawn_reason = ${reason}, engine = 2 where id = ${id}`;
    await audit(actor, "withdraw-publication", "wave", waveId, { publication: id, reason }, tx);
  });
}

/** Why the wave's last publication was withdrawn by the app itself, if it was (and not published again since). */
export async function withdrawal(waveId: number): Promise<{ reason: string; at: Date } | null> {
  const [row] = await sql<{ withdrawnReason: string | null; unpublishedAt: Date | null }[]>`
    select withdrawn_reason, unpublished_at from publications where wave_id = ${waveId} order by published_at desc limit 1`;
  return row?.withdrawnReason && row.unpublishedAt ? { reason: row.withdrawnReason, at: row.unpublishedAt } : null;
}

/** The addresses of a panel's owners and editors (those who can publish again). */
export async function publishersOf(panelId: number): Promise<string[]> {
  const rows = await sql<{ email: string }[]>`
    select a.email from admins a
    where (a.role in ('owner', 'editor') and not exists (select 1 from admin_panel_roles r where r.admin_id = a.id))
       or exists (select 1 from admin_panel_roles r where r.admin_id = a.id and r.panel_id = ${panelId} and r.role in ('owner', 'editor'))
    order by lower(a.email)`;
  return rows.map((r) => r.email);
}
