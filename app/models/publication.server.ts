import { json, sql } from "~/db.server";
import { audit, type Actor } from "./audit.server";
import type { Wave } from "./wave.server";

/** What every stored snapshot says of itself (the results code defines the rest of its shape). */
export interface StoredSnapshot {
  respondents: number | null;
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

/** Stores a publication of a wave (its frozen snapshot), audited in the same transaction. */
export async function insertPublication<S extends StoredSnapshot>(wave: Wave, snapshot: S, commentary: Record<string, string>, publishedAt: Date, actor: Actor): Promise<Publication<S>> {
  return sql.begin(async (tx) => {
    const [row] = await tx<Publication<S>[]>`
      insert into publications (wave_id, snapshot, commentary, published_at, published_by)
      values (${wave.id}, ${json(tx, snapshot)}, ${json(tx, commentary)}, ${publishedAt}, ${actor.label})
      returning id, wave_id, snapshot, commentary, published_at, published_by`;
    await audit(actor, "publish", "wave", wave.id, { publication: row?.id, respondents: snapshot.respondents }, tx);
    return row as Publication<S>;
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

/** The publication readers see: the newest one, unless the wave was unpublished since. `S` is the shape its snapshot was stored with. */
export async function currentPublication<S extends StoredSnapshot = StoredSnapshot>(waveId: number): Promise<Readonly<Publication<S>> | undefined> {
  const [current] = await sql<{ id: number }[]>`
    select id from publications where wave_id = ${waveId} and unpublished_at is null order by published_at desc limit 1`;
  if (!current) return undefined;
  const kept = publications.get(current.id);
  if (kept) return kept as Readonly<Publication<S>>;
  const [row] = await sql<Publication[]>`
    select id, wave_id, snapshot, commentary, published_at, published_by from publications where id = ${current.id}`;
  if (!row) return undefined; // deleted with its wave in between
  publications.set(row.id, row);
  if (publications.size > KEPT_PUBLICATIONS) publications.delete(publications.keys().next().value as number);
  return row as Publication<S>;
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
  return sql<{ id: number; name: string | null; email: string; invited: boolean; panelName: string }[]>`
    select p.id, p.name, p.email, (i.id is not null) as invited, x.name as panel_name
    from panelists p join panels x on x.id = p.panel_id
    left join invitations i on i.panelist_id = p.id and i.wave_id = ${wave.id}
    where p.panel_id = ${wave.panelId} and p.status = 'active'
      ${wave.audience === "respondents" ? sql`and i.used_at is not null` : sql``}`;
}
