import { sql } from "~/db.server";
import { publicationsById, seriesOfWave, seriesWaves } from "~/models/series.server";
import type { SameRecord } from "./disclosure/book";
import type { PrivateRecord, ResultFigures } from "./figures";
import { computeSamePeople } from "./figures-pool.server";
import type { QuestionSpec } from "./questions";
import type { SamePeopleQuestion } from "./same-people";
import { seriesTrends, type SamePeople, type SeriesTrends, type TrendWave } from "./series";
import type { Snapshot } from "./snapshot";

/**
 * For each question, how the panelists who completed both waves (through personal invitations)
 * answered then and now ("" = no answer), and how many completed both. Only responses the earlier
 * wave's publication counted (completed and last changed before it) are read, so the pairs add up
 * within its published figures. The link between the two responses is made here, in one aggregate
 * query, and never leaves the server except as counts the disclosure engine lets through.
 */
async function samePeoplePairs(
  earlier: { waveId: number; versionId: number; publishedAt: Date },
  current: { waveId: number; versionId: number },
  names: string[],
): Promise<{
  both: number;
  pairs: Record<string, [string, string, number][]>;
  groups: Record<string, [string, string, number][]>;
}> {
  const linked = sql`
    a as (
      select i.panelist_id, r.data, r.region, r.organisation_type, r.role_category
      from responses r join invitations i on i.id = r.invitation_id
      where r.wave_id = ${earlier.waveId} and r.questionnaire_version_id = ${earlier.versionId}
        and r.status = 'complete' and r.source = 'invitation'
        and r.completed_at <= ${earlier.publishedAt} and r.updated_at <= ${earlier.publishedAt}
    ), b as (
      select i.panelist_id, r.data, r.region, r.organisation_type, r.role_category
      from responses r join invitations i on i.id = r.invitation_id
      where r.wave_id = ${current.waveId} and r.questionnaire_version_id = ${current.versionId}
        and r.status = 'complete' and r.source = 'invitation'
    )`;
  const rows = names.length
    ? await sql<{ name: string; before: string; after: string; n: number }[]>`
        with ${linked}
        select q.name, coalesce(a.data->>q.name, '') as before, coalesce(b.data->>q.name, '') as after, count(*)::int as n
        from a join b using (panelist_id) cross join unnest(${names}::text[]) as q(name)
        group by 1, 2, 3`
    : [];
  const pairs: Record<string, [string, string, number][]> = {};
  for (const r of rows) (pairs[r.name] ??= []).push([r.before, r.after, r.n]);
  // Those who answered both, by their group in each wave (as the breakdowns count them: "Unknown" when
  // empty): with each wave's published group sizes, how many of a group answered one wave only.
  const placed = await sql<{ family: string; before: string; after: string; n: number }[]>`
    with ${linked}, placed as (select a.region as ar, b.region as br, a.organisation_type as ao, b.organisation_type as bo,
      a.role_category as ac, b.role_category as bc from a join b using (panelist_id))
    select 'region' as family, coalesce(nullif(ar, ''), 'Unknown') as before, coalesce(nullif(br, ''), 'Unknown') as after,
      count(*)::int as n from placed group by 2, 3
    union all
    select 'organisationType', coalesce(nullif(ao, ''), 'Unknown'), coalesce(nullif(bo, ''), 'Unknown'), count(*)::int
      from placed group by 2, 3
    union all
    select 'roleCategory', coalesce(nullif(ac, ''), 'Unknown'), coalesce(nullif(bc, ''), 'Unknown'), count(*)::int
      from placed group by 2, 3`;
  const groups: Record<string, [string, string, number][]> = {};
  for (const r of placed) (groups[r.family] ??= []).push([r.before, r.after, r.n]);
  // Everyone who answered both is in exactly one region row: no separate count of the same join.
  const both = (groups.region ?? []).reduce((t, [, , n]) => t + n, 0);
  return { both, pairs, groups };
}

/**
 * What a series wave's publication shows of its series: the earlier published waves' figures beside
 * its own, the change, its mark, and the change among the same people (through the disclosure engine,
 * with both publications' records, and this wave's earlier publications' tables in `before`), with what
 * the publication keeps of those tables. Undefined for a wave in no series.
 */
export async function seriesSection(
  wave: { id: number; slug: string; title: string; questionnaireVersionId: number; minGroupSize: number },
  current: {
    figures: ResultFigures;
    record: PrivateRecord;
    specs: QuestionSpec[];
    wave: TrendWave;
    before?: { same: SameRecord; record: PrivateRecord }[];
  },
  compute: { timeoutMs?: number } = {},
): Promise<{ trends: SeriesTrends; same?: SameRecord } | undefined> {
  const series = await seriesOfWave(wave.id);
  if (!series || current.figures.suppressed) return undefined;
  const waves = await seriesWaves(series.id);
  const at = waves.findIndex((w) => w.id === wave.id);
  const earlierWaves = waves.slice(0, Math.max(0, at)).filter((w) => w.publicationId !== null);
  const publications = await publicationsById<Snapshot>(earlierWaves.map((w) => w.publicationId as number));
  const earlier = earlierWaves.flatMap((w) => {
    const p = publications.get(w.publicationId as number);
    if (!p || p.snapshot.suppressed) return [];
    return [
      {
        wave: {
          slug: w.slug,
          title: w.title,
          opensAt: new Date(w.opensAt).toISOString(),
          closesAt: w.closesAt ? new Date(w.closesAt).toISOString() : null,
          publishedAt: p.snapshot.publishedAt,
          respondents: p.snapshot.respondents,
          segment: w.segment,
        },
        figures: p.snapshot as ResultFigures,
        record: p.record as PrivateRecord | null,
        versionId: w.questionnaireVersionId,
        id: w.id,
        k: w.minGroupSize,
      },
    ];
  });
  if (!earlier.length) return { trends: seriesTrends({ series, earlier: [], current, same: {} }) };

  // Change among the same people, against the latest earlier published wave.
  const previous = earlier[earlier.length - 1]!;
  let same: Record<string, SamePeople> = {};
  let kept: SameRecord | undefined;
  const theirs = new Map(previous.figures.questions.map((q) => [q.name, q]));
  const eligible = current.specs.filter((spec) => {
    if ((spec.kind !== "single" && spec.kind !== "rating") || spec.identifying || spec.sets) return false;
    const mine = current.figures.questions.find((q) => q.name === spec.name);
    const before = theirs.get(spec.name);
    if (!mine || !before || before.kind !== mine.kind) return false;
    const values = (q: typeof mine) =>
      q.options
        .map((o) => o.value)
        .sort()
        .join("\u0000");
    return values(mine) === values(before);
  });
  if (eligible.length && previous.record) {
    const { both, pairs, groups } = await samePeoplePairs(
      { waveId: previous.id, versionId: previous.versionId, publishedAt: new Date(previous.wave.publishedAt) },
      { waveId: wave.id, versionId: wave.questionnaireVersionId },
      eligible.map((q) => q.name),
    );
    if (both >= Math.max(wave.minGroupSize, previous.k)) {
      const questions: SamePeopleQuestion[] = eligible.map((spec) => ({
        name: spec.name,
        kind: spec.kind as "single" | "rating",
        values: spec.options.map((o) => o.value),
        pairs: pairs[spec.name] ?? [],
      }));
      const computed = await computeSamePeople(
        {
          task: "same-people",
          k: Math.max(wave.minGroupSize, previous.k),
          from: previous.wave.slug,
          to: wave.slug,
          both,
          groups,
          earlier: previous.record,
          current: current.record,
          questions,
          ...(current.before?.length ? { before: current.before } : {}),
        },
        compute,
      );
      same = computed.tables;
      kept = computed.record;
    }
  }
  const trends = seriesTrends({
    series,
    earlier: earlier.map((e) => ({ wave: e.wave, figures: e.figures })),
    current,
    same,
  });
  return kept ? { trends, same: kept } : { trends };
}
