import type postgres from "postgres";
import { sql, json } from "~/db.server";
import { countQuery, type CountQuery } from "./count-sql";
import { addInto, layoutKey, type Cell } from "~/results/counters";
import type { QuestionSpec } from "./questions";

type Tx = postgres.TransactionSql | postgres.Sql;

/** Responses completed since the last roll-up that a reader counts itself before rolling them up. */
export const ROLLUP_AFTER = 1000;

/** A version's questions with their counting query and its layout's fingerprint, made once and passed along. */
export interface Counting {
  specs: QuestionSpec[];
  /** Answered questions the report gives no figures for (numbers, tables, panels, files…): it names them. */
  uncounted?: { name: string; title: string }[];
  key: string;
  query: CountQuery;
}

/** The counting query of a version's questions (callers keep it: generating it and its key costs a pass over every counter). */
export function countingFor(specs: QuestionSpec[]): Counting {
  return { specs, key: layoutKey(specs), query: countQuery(specs) };
}

interface CellRow {
  region: string;
  organisationType: string;
  roleCategory: string;
  verified: boolean;
  counters: number[];
}

const lockKey = (waveId: number) => `results-rollup:${waveId}`;

/** Counts completed responses of a wave into cells: all of them, or those completed in an xid range. */
async function countCells(
  tx: Tx,
  waveId: number,
  versionId: number,
  query: CountQuery,
  range?: { from: string; to?: string },
): Promise<Cell[]> {
  const text = query.text({ groupBy: "cell", range: !range ? "all" : range.to ? "between" : "from" });
  const params: (string | number)[] = [waveId, versionId];
  if (range) params.push(range.from);
  if (range?.to) params.push(range.to);
  const rows = await tx.unsafe<(CellRow & { pivot?: string | null })[]>(text, params);
  const cells = rows.map((r) => ({
    region: r.region,
    organisationType: r.organisationType,
    roleCategory: r.roleCategory,
    verified: r.verified,
    counters: query.vector(r),
  }));
  return [...mergeCells(new Map(), cells).values()]; // rows of one cell with different pivot answers become one
}

/** Counts completed responses grouped by the answer to one question (cross-tabs), every time from the rows: all, and verified only. */
export async function countByAnswer(
  waveId: number,
  versionId: number,
  query: CountQuery,
  answer: string,
): Promise<Map<string, { all: number[]; verified: number[] }>> {
  const rows = await sql.unsafe<{ answer: string; verified: boolean; pivot?: string | null; counters: number[] }[]>(
    query.text({ groupBy: "answer", range: "all" }),
    [waveId, versionId, answer],
  );
  const out = new Map<string, { all: number[]; verified: number[] }>();
  for (const r of rows) {
    const vector = query.vector(r);
    const seen = out.get(r.answer) ?? {
      all: new Array<number>(vector.length).fill(0),
      verified: new Array<number>(vector.length).fill(0),
    };
    addInto(seen.all, vector);
    if (r.verified) addInto(seen.verified, vector);
    out.set(r.answer, seen);
  }
  return out;
}

const cellKey = (c: Pick<Cell, "region" | "organisationType" | "roleCategory" | "verified">) =>
  `${c.region}\u0000${c.organisationType}\u0000${c.roleCategory}\u0000${c.verified}`;

function mergeCells(into: Map<string, Cell>, cells: Cell[]): Map<string, Cell> {
  for (const c of cells) {
    const seen = into.get(cellKey(c));
    if (seen) addInto(seen.counters, c.counters);
    else into.set(cellKey(c), { ...c, counters: [...c.counters] });
  }
  return into;
}

/**
 * Adds the responses completed since the wave's last roll-up to its stored cells. Runs only where no
 * other roll-up of the wave is running (returns false otherwise). A new layout starts again from zero.
 */
export async function rollUp(waveId: number, versionId: number, { key, query }: Counting): Promise<boolean> {
  return sql.begin(async (tx) => {
    const [lock] = await tx<{ ok: boolean }[]>`select pg_try_advisory_xact_lock(hashtext(${lockKey(waveId)})) as ok`;
    if (!lock?.ok) return false;
    let [mark] = await tx<{ upto: string; layout: string }[]>`
      select upto::text, layout from result_rollup_marks where wave_id = ${waveId} and questionnaire_version_id = ${versionId}`;
    if (mark && mark.layout !== key) {
      await tx`delete from result_rollup_marks where wave_id = ${waveId} and questionnaire_version_id = ${versionId}`;
      mark = undefined;
    }
    // Every transaction older than this one's snapshot xmin has finished: the responses they completed
    // are all visible to the statements below, and later ones are left for the next roll-up.
    const [now] = await tx<{ upto: string }[]>`select pg_snapshot_xmin(pg_current_snapshot())::text as upto`;
    const range = { from: mark?.upto ?? "0", to: (now as { upto: string }).upto };
    const fresh = await countCells(tx, waveId, versionId, query, range);
    const stored = await tx<CellRow[]>`
      select region, organisation_type, role_category, verified, counters from result_rollups
      where wave_id = ${waveId} and questionnaire_version_id = ${versionId}`;
    const touched = new Set(fresh.map(cellKey));
    const merged = mergeCells(
      new Map(
        stored
          .filter((c) => touched.has(cellKey(c)))
          .map((c) => [cellKey(c), { ...c, counters: c.counters.map(Number) }]),
      ),
      fresh,
    );
    await tx`
      insert into result_rollup_marks (wave_id, questionnaire_version_id, upto, layout, rolled_up_at)
      values (${waveId}, ${versionId}, ${range.to}::xid8, ${key}, now())
      on conflict (wave_id, questionnaire_version_id) do update set upto = excluded.upto, layout = excluded.layout, rolled_up_at = excluded.rolled_up_at`;
    // Distinct organisations and countries: the keys not seen before, counted as they are added.
    const added = await tx<{ kind: string; n: number }[]>`
      with added as (
        insert into result_rollup_keys (wave_id, questionnaire_version_id, kind, key)
        select distinct ${waveId}::bigint, ${versionId}::bigint, k.kind, k.key from responses r
        cross join lateral (values ('organisation', lower(r.organisation)), ('country', r.country::text)) as k(kind, key)
        where r.wave_id = ${waveId} and r.questionnaire_version_id = ${versionId} and r.status = 'complete'
          and r.completed_xid >= ${range.from}::xid8 and r.completed_xid < ${range.to}::xid8 and k.key is not null
        on conflict do nothing
        returning kind
      ) select kind, count(*)::int as n from added group by kind`;
    const more = (kind: string) => added.find((a) => a.kind === kind)?.n ?? 0;
    await tx`
      update result_rollup_marks set organisations = organisations + ${more("organisation")}, countries = countries + ${more("country")}
      where wave_id = ${waveId} and questionnaire_version_id = ${versionId}`;
    if (merged.size) {
      const rows = [...merged.values()].map((c) => ({
        region: c.region,
        organisation_type: c.organisationType,
        role_category: c.roleCategory,
        verified: c.verified,
        counters: c.counters,
      }));
      await tx`
        insert into result_rollups (wave_id, questionnaire_version_id, region, organisation_type, role_category, verified, counters)
        select ${waveId}, ${versionId}, t.region, t.organisation_type, t.role_category, t.verified, t.counters
        from jsonb_to_recordset(${json(tx, rows)}) as t(region text, organisation_type text, role_category text, verified boolean, counters float8[])
        on conflict (wave_id, questionnaire_version_id, region, organisation_type, role_category, verified) do update set counters = excluded.counters`;
    }
    return true;
  });
}

export interface CountedWave {
  cells: Cell[];
  organisations: number;
  countries: number;
  /** Responses counted from their rows in this read (completed since the last roll-up, or all of them). */
  counted: number;
  rolledUp: boolean;
}

/** The stored cells plus the responses completed since, read in one snapshot; undefined without a roll-up of this layout. */
async function readRolledUp(
  waveId: number,
  versionId: number,
  key: string,
  query: CountQuery,
  maxPending = Infinity,
): Promise<CountedWave | "stale" | undefined> {
  return sql.begin("isolation level repeatable read read only", async (tx) => {
    const rows = await tx<
      ({ upto: string; layout: string; organisations: number; countries: number } & Partial<CellRow>)[]
    >`
      select m.upto::text, m.layout, m.organisations, m.countries, c.region, c.organisation_type, c.role_category, c.verified, c.counters
      from result_rollup_marks m left join result_rollups c using (wave_id, questionnaire_version_id)
      where m.wave_id = ${waveId} and m.questionnaire_version_id = ${versionId}`;
    const mark = rows[0];
    if (!mark || mark.layout !== key) return undefined;
    if (Number.isFinite(maxPending)) {
      const [waiting] = await tx<{ n: number }[]>`
        select count(*)::int as n from (select 1 from responses where wave_id = ${waveId} and questionnaire_version_id = ${versionId}
          and status = 'complete' and completed_xid >= ${mark.upto}::xid8 limit ${maxPending + 1}) as s`;
      if ((waiting?.n ?? 0) > maxPending) return "stale";
    }
    const stored: Cell[] = rows
      .filter((r) => r.counters)
      .map((r) => ({
        region: r.region as string,
        organisationType: r.organisationType as string,
        roleCategory: r.roleCategory as string,
        verified: r.verified as boolean,
        counters: (r.counters as number[]).map(Number),
      }));
    const fresh = await countCells(tx, waveId, versionId, query, { from: mark.upto });
    // Organisations and countries not yet seen by the roll-up, among the responses since.
    const unseen = await tx<{ kind: string; n: number }[]>`
      select k.kind, count(distinct k.key)::int as n from responses r
      cross join lateral (values ('organisation', lower(r.organisation)), ('country', r.country::text)) as k(kind, key)
      where r.wave_id = ${waveId} and r.questionnaire_version_id = ${versionId} and r.status = 'complete'
        and r.completed_xid >= ${mark.upto}::xid8 and k.key is not null
        and not exists (select 1 from result_rollup_keys t where t.wave_id = ${waveId} and t.questionnaire_version_id = ${versionId} and t.kind = k.kind and t.key = k.key)
      group by k.kind`;
    const n = (kind: string) => unseen.find((d) => d.kind === kind)?.n ?? 0;
    return {
      cells: [...mergeCells(mergeCells(new Map(), stored), fresh).values()],
      organisations: mark.organisations + n("organisation"),
      countries: mark.countries + n("country"),
      counted: fresh.reduce((s, c) => s + (c.counters[0] ?? 0), 0),
      rolledUp: true,
    };
  });
}

/** Everything counted from the rows (no usable roll-up, e.g. while the first one is being made elsewhere). */
export async function readAll(waveId: number, versionId: number, query: CountQuery): Promise<CountedWave> {
  const [cells, [distinct]] = await Promise.all([
    countCells(sql, waveId, versionId, query),
    sql<{ organisations: number; countries: number }[]>`
      select count(distinct lower(organisation))::int as organisations, count(distinct country)::int as countries
      from responses where wave_id = ${waveId} and questionnaire_version_id = ${versionId} and status = 'complete'`,
  ]);
  const counted = cells.reduce((s, c) => s + (c.counters[0] ?? 0), 0);
  return {
    cells,
    organisations: distinct?.organisations ?? 0,
    countries: distinct?.countries ?? 0,
    counted,
    rolledUp: false,
  };
}

/**
 * Responses a reader may roll up itself: above this many waiting (a bulk import, or a roll-up voided
 * by an erasure in a very large wave), a reader counts from the rows (a parallel scan, several times
 * cheaper than a first roll-up, which also records every organisation) and leaves the roll-up to the
 * worker's next pass.
 */
export const ROLLUP_INLINE_MAX = 20_000;

/** Completed responses not in the wave's roll-up of this layout (all of them without one), counted up to `limit` + 1. */
async function waitingRows(waveId: number, versionId: number, key: string, limit: number): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from (
      select 1 from responses where wave_id = ${waveId} and questionnaire_version_id = ${versionId} and status = 'complete'
        and completed_xid >= coalesce((select upto from result_rollup_marks
          where wave_id = ${waveId} and questionnaire_version_id = ${versionId} and layout = ${key}), '0'::xid8)
      limit ${limit + 1}) as s`;
  return row?.n ?? 0;
}

/**
 * A wave's counts now: its roll-up plus what was completed since. When more than ROLLUP_AFTER
 * responses are waiting (or there is no roll-up yet), they are rolled up first, unless more than
 * ROLLUP_INLINE_MAX wait: then everything is counted from the rows and the worker rolls up.
 */
export async function countWaveCells(waveId: number, versionId: number, counting: Counting): Promise<CountedWave> {
  const { key, query } = counting;
  const first = await readRolledUp(waveId, versionId, key, query, ROLLUP_AFTER);
  if (first && first !== "stale") return first;
  if ((await waitingRows(waveId, versionId, key, ROLLUP_INLINE_MAX)) > ROLLUP_INLINE_MAX)
    return readAll(waveId, versionId, query);
  await rollUp(waveId, versionId, counting);
  const second = await readRolledUp(waveId, versionId, key, query);
  return second && second !== "stale" ? second : readAll(waveId, versionId, query);
}
