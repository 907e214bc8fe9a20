import { sql } from "~/db.server";
import type { QuestionSpec } from "./questions";

/** A breakdown: a profile field, or the answer to a single-choice question (`answer:<name>`, a cross-tab). */
export type Dimension = "region" | "organisationType" | "roleCategory" | `answer:${string}`;
const COLUMN: Record<string, string> = { region: "region", organisationType: "organisation_type", roleCategory: "role_category" };

/** The lateral subquery that gives each response its group (d.g) for a dimension. */
function groupSource(dimension: Dimension) {
  if (dimension.startsWith("answer:")) return sql`cross join lateral (select r.data ->> ${dimension.slice(7)} as g) as d`;
  const column = COLUMN[dimension];
  if (!column) throw new Error(`unknown dimension ${dimension}`);
  return sql`cross join lateral (select r.${sql(column)} as g) as d`;
}

/** Counts of one question: `group` null is the whole wave. */
export interface CountRow {
  group: string | null;
  row: string | null;
  value: string;
  n: number;
}

export interface RawQuestion {
  spec: QuestionSpec;
  bases: { group: string | null; row: string | null; n: number }[];
  counts: CountRow[];
  /** Ratings and rankings: sum of the numeric values (rank positions for rankings) per group and option. */
  sums: { group: string | null; value: string; sum: number; n: number }[];
}

const scope = (waveId: number, versionId: number) =>
  sql`r.wave_id = ${waveId} and r.questionnaire_version_id = ${versionId} and r.status = 'complete'`;

/** Counts every countable question of a wave's completed responses in PostgreSQL, overall and by one dimension. */
export async function countWave(waveId: number, versionId: number, specs: QuestionSpec[], dimension: Dimension): Promise<RawQuestion[]> {
  const src = groupSource(dimension);
  const where = scope(waveId, versionId);
  const group = sql`case when grouping(d.g) = 1 then null else coalesce(d.g, 'Unknown') end`;
  return Promise.all(
    specs.map(async (spec): Promise<RawQuestion> => {
      const name = spec.name;
      const answered = spec.kind === "multi" || spec.kind === "ranking"
        ? sql`jsonb_typeof(r.data -> ${name}) = 'array' and jsonb_array_length(r.data -> ${name}) > 0`
        : spec.kind === "matrix"
          ? sql`jsonb_typeof(r.data -> ${name}) = 'object'`
          : spec.kind === "text"
            ? sql`coalesce(r.data ->> ${name}, '') <> ''`
            : sql`r.data ? ${name}`;
      const bases = await sql<{ group: string | null; row: string | null; n: number }[]>`
        select ${group} as group, null as row, count(*)::int as n from responses r ${src}
        where ${where} and ${answered} group by grouping sets ((), (d.g))`;
      let counts: CountRow[] = [];
      let sums: RawQuestion["sums"] = [];
      if (spec.kind === "single" || spec.kind === "rating") {
        counts = await sql<CountRow[]>`
          select ${group} as group, null as row, v.value, count(*)::int as n
          from responses r ${src} cross join lateral (select r.data ->> ${name} as value) as v
          where ${where} and ${answered} group by grouping sets ((v.value), (d.g, v.value))`;
      } else if (spec.kind === "multi") {
        counts = await sql<CountRow[]>`
          select ${group} as group, null as row, v.value, count(*)::int as n
          from responses r ${src} cross join lateral jsonb_array_elements_text(r.data -> ${name}) as v(value)
          where ${where} and ${answered} group by grouping sets ((v.value), (d.g, v.value))`;
      } else if (spec.kind === "matrix") {
        counts = await sql<CountRow[]>`
          select ${group} as group, m.key as row, m.value, count(*)::int as n
          from responses r ${src} cross join lateral jsonb_each_text(r.data -> ${name}) as m(key, value)
          where ${where} and ${answered} group by grouping sets ((m.key, m.value), (d.g, m.key, m.value))`;
        const rowBases = await sql<{ group: string | null; row: string; n: number }[]>`
          select ${group} as group, m.key as row, count(*)::int as n
          from responses r ${src} cross join lateral jsonb_each_text(r.data -> ${name}) as m(key, value)
          where ${where} and ${answered} group by grouping sets ((m.key), (d.g, m.key))`;
        bases.push(...rowBases);
      } else if (spec.kind === "ranking") {
        counts = await sql<CountRow[]>`
          select ${group} as group, null as row, v.value, count(*)::int as n
          from responses r ${src} cross join lateral jsonb_array_elements_text(r.data -> ${name}) with ordinality as v(value, position)
          where ${where} and ${answered} and v.position = 1 group by grouping sets ((v.value), (d.g, v.value))`;
        sums = await sql<RawQuestion["sums"]>`
          select ${group} as group, v.value, sum(v.position)::float8 as sum, count(*)::int as n
          from responses r ${src} cross join lateral jsonb_array_elements_text(r.data -> ${name}) with ordinality as v(value, position)
          where ${where} and ${answered} group by grouping sets ((v.value), (d.g, v.value))`;
      }
      if (spec.kind === "rating") {
        sums = await sql<RawQuestion["sums"]>`
          select ${group} as group, 'mean' as value, sum((r.data ->> ${name})::float8) as sum, count(*)::int as n from responses r ${src}
          where ${where} and ${answered} and jsonb_typeof(r.data -> ${name}) = 'number' group by grouping sets ((), (d.g))`;
      }
      return { spec, bases, counts, sums };
    }),
  );
}

export interface Headline {
  respondents: number;
  organisations: number;
  countries: number;
  invited: number;
  regions: { region: string; count: number }[];
}

/** The headline figures of a wave's completed responses. */
export async function headline(waveId: number, versionId: number): Promise<Headline> {
  const where = scope(waveId, versionId);
  const [totals] = await sql<{ respondents: number; organisations: number; countries: number }[]>`
    select count(*)::int as respondents, count(distinct lower(r.organisation))::int as organisations, count(distinct r.country)::int as countries
    from responses r where ${where}`;
  const regions = await sql<{ region: string; count: number }[]>`
    select coalesce(r.region, 'Unknown') as region, count(*)::int as count from responses r where ${where} group by 1 order by 2 desc, 1`;
  const [inv] = await sql<{ n: number }[]>`select count(*)::int as n from invitations where wave_id = ${waveId}`;
  return { respondents: totals?.respondents ?? 0, organisations: totals?.organisations ?? 0, countries: totals?.countries ?? 0, invited: inv?.n ?? 0, regions };
}
