import { sql } from "~/db.server";
import { audit, type Actor } from "./audit.server";

/** Waves of one panel that ask the same questions again (issue 28). */
export interface Series {
  id: number;
  panelId: number;
  panelSlug: string;
  slug: string;
  name: string;
  createdAt: Date;
}

/** A wave of a series, oldest first, with its latest publication still shown to readers (if any). */
export interface SeriesWave {
  id: number;
  slug: string;
  title: string;
  opensAt: Date;
  closesAt: Date | null;
  questionnaireVersionId: number;
  minGroupSize: number;
  audience: "respondents" | "panel" | "public";
  completed: number;
  segment: Record<string, unknown>;
  publicationId: number | null;
  publishedAt: Date | null;
}

const columns = () => sql`s.id, s.panel_id, p.slug as panel_slug, s.slug, s.name, s.created_at`;

/** Creates a series on a panel; false when the slug is taken. */
export async function createSeries(
  input: { panelId: number; slug: string; name: string },
  actor: Actor,
): Promise<{ ok: true; series: Series } | { ok: false }> {
  return sql.begin(async (tx) => {
    const [row] = await tx<{ id: number }[]>`
      insert into series (panel_id, slug, name) values (${input.panelId}, ${input.slug}, ${input.name})
      on conflict (slug) do nothing returning id`;
    if (!row) return { ok: false as const };
    await audit(actor, "create", "series", row.id, { slug: input.slug, name: input.name }, tx);
    const [series] = await tx<
      Series[]
    >`select ${columns()} from series s join panels p on p.id = s.panel_id where s.id = ${row.id}`;
    return { ok: true as const, series: series! };
  });
}

export async function getSeriesBySlug(slug: string): Promise<Series | undefined> {
  const [series] = await sql<Series[]>`
    select ${columns()} from series s join panels p on p.id = s.panel_id where s.slug = ${slug}`;
  return series;
}

/** Every series (or those of the panels `panelIds`), with how many waves each has. */
export async function listSeries(panelIds: number[] | null = null): Promise<(Series & { waves: string[] })[]> {
  return sql<(Series & { waves: string[] })[]>`
    select ${columns()},
      coalesce((select array_agg(w.slug order by w.opens_at, w.id) from waves w where w.series_id = s.id), '{}') as waves
    from series s join panels p on p.id = s.panel_id
    where ${panelIds === null ? sql`true` : sql`s.panel_id = any(${panelIds}::bigint[])`}
    order by s.created_at, s.id`;
}

/** Puts a wave into a series (or takes it out with null); the database refuses a series of another panel. */
export async function setWaveSeries(waveId: number, seriesId: number | null, actor: Actor): Promise<void> {
  await sql.begin(async (tx) => {
    const [before] = await tx<
      { seriesId: number | null }[]
    >`select series_id from waves where id = ${waveId} for update`;
    await tx`update waves set series_id = ${seriesId}, updated_at = now() where id = ${waveId}`;
    await audit(actor, "series", "wave", waveId, { series: { from: before?.seriesId ?? null, to: seriesId } }, tx);
  });
}

/** The waves of a series, oldest first (by opening), with their latest publication shown to readers. */
export async function seriesWaves(seriesId: number): Promise<SeriesWave[]> {
  return sql<SeriesWave[]>`
    select w.id, w.slug, w.title, w.opens_at, w.closes_at, w.questionnaire_version_id, w.min_group_size, w.audience, w.segment,
      (select count(*)::int from responses r where r.wave_id = w.id and r.status = 'complete') as completed,
      pub.id as publication_id, pub.published_at
    from waves w
    left join lateral (
      select p.id, p.published_at from publications p
      where p.wave_id = w.id and p.unpublished_at is null
      order by p.published_at desc, p.id desc limit 1
    ) pub on true
    where w.series_id = ${seriesId}
    order by w.opens_at, w.id`;
}

/** The series a wave belongs to, if any. */
export async function seriesOfWave(waveId: number): Promise<Series | undefined> {
  const [series] = await sql<Series[]>`
    select ${columns()} from waves w join series s on s.id = w.series_id join panels p on p.id = s.panel_id
    where w.id = ${waveId}`;
  return series;
}

/** Publications' snapshots and (for the server only) private records, by id. */
export async function publicationsById<S>(ids: number[]): Promise<Map<number, { snapshot: S; record: unknown }>> {
  if (!ids.length) return new Map();
  const rows = await sql<{ id: number; snapshot: S; record: unknown }[]>`
    select id, snapshot, private_cells->'record' as record from publications where id = any(${ids}::bigint[])`;
  return new Map(rows.map((r) => [Number(r.id), { snapshot: r.snapshot, record: r.record }]));
}
