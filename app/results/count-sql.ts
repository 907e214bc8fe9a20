// The counting query of a questionnaire version, generated from its questions: each response's answers
// are read once into typed columns (jsonb_to_record), and every counter of the layout is one
// `count(*) FILTER (...)` (or a sum) over them, grouped by a plain GROUP BY so PostgreSQL can split
// the scan across parallel workers. Names and values come from the questionnaire, so they are quoted
// here as SQL literals and identifiers; the wave, version and range are bind parameters.
import { counterLayout, type Counter } from "./layout";
import type { QuestionSpec } from "./questions";

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
const isJsonNumber = (s: string) => /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(s);

type ColumnType = "text" | "jsonb";
const columnType = (spec: QuestionSpec): ColumnType => (spec.kind === "single" || spec.kind === "text" ? "text" : "jsonb");

function answered(spec: QuestionSpec, col: string): string {
  switch (spec.kind) {
    case "single":
    case "rating":
      return `${col} is not null`;
    case "text":
      return `coalesce(${col}, '') <> ''`;
    case "multi":
    case "ranking":
      return `case when jsonb_typeof(${col}) = 'array' then jsonb_array_length(${col}) > 0 else false end`;
    case "matrix":
      return `jsonb_typeof(${col}) = 'object'`;
  }
}

/** An element of a JSON array equal to the option: strings with `?`, numbers by containment. */
const contains = (col: string, value: string) =>
  isJsonNumber(value) ? `(${col} ? ${literal(value)} or ${col} @> ${literal(`[${value}]`)}::jsonb)` : `${col} ? ${literal(value)}`;

function expression(counter: Counter, specs: QuestionSpec[]): string {
  if (counter.q < 0) return "count(*)";
  const spec = specs[counter.q] as QuestionSpec;
  const col = `x.${ident(spec.name)}`;
  const filter = (cond: string) => `count(*) filter (where ${cond})`;
  switch (counter.kind) {
    case "base":
      if (counter.row === null) return filter(answered(spec, col));
      return filter(`case when jsonb_typeof(${col}) = 'object' then ${col} ? ${literal(counter.row)} else false end`);
    case "count":
      if (spec.kind === "single") return filter(`${col} = ${literal(counter.value)}`);
      if (spec.kind === "rating") return filter(`${col} #>> '{}' = ${literal(counter.value)}`);
      if (spec.kind === "multi") return filter(`jsonb_typeof(${col}) = 'array' and ${contains(col, counter.value)}`);
      if (spec.kind === "matrix") return filter(`${col} ->> ${literal(counter.row ?? "")} = ${literal(counter.value)}`);
      // ranking: ranked first
      return filter(`jsonb_typeof(${col}) = 'array' and ${col} ->> 0 = ${literal(counter.value)}`);
    case "sum":
      if (spec.kind === "rating") return `coalesce(sum(case when jsonb_typeof(${col}) = 'number' then (${col})::float8 end), 0)`;
      return `coalesce(sum(case when jsonb_typeof(${col}) = 'array' and ${contains(col, counter.value)} then
        (select e.position from jsonb_array_elements_text(${col}) with ordinality as e(value, position) where e.value = ${literal(counter.value)} limit 1) end), 0)`;
    case "sumN":
      if (spec.kind === "rating") return filter(`jsonb_typeof(${col}) = 'number'`);
      return filter(`jsonb_typeof(${col}) = 'array' and ${contains(col, counter.value)}`);
  }
}

export interface CountQuery {
  layout: Counter[];
  /** `select <keys>, counters from responses r ... where <scope> <range> group by <keys>`: fill in the parts. */
  text(options: { groupBy: "cell" | "answer"; range: "all" | "from" | "between" }): string;
}

/**
 * The counting query for these questions (one per stored name: the caller keeps the first).
 * Bind parameters: $1 wave id, $2 version id, then $3 (and $4) the xid range, then the answer name.
 */
export function countQuery(specs: QuestionSpec[]): CountQuery {
  const columns = new Map<string, ColumnType>();
  for (const spec of specs) {
    if (columns.has(spec.name)) throw new Error(`two counted questions store their answers under "${spec.name}"`);
    columns.set(spec.name, columnType(spec));
  }
  const layout = counterLayout(specs);
  const record = columns.size ? `cross join lateral jsonb_to_record(r.data) as x(${[...columns].map(([n, t]) => `${ident(n)} ${t}`).join(", ")})` : "";
  const counters = layout.map((c) => `(${expression(c, specs)})::float8`).join(",\n    ");
  return {
    layout,
    text({ groupBy, range }) {
      const where = ["r.wave_id = $1", "r.questionnaire_version_id = $2", "r.status = 'complete'"];
      if (range !== "all") where.push("r.completed_xid >= $3::xid8");
      if (range === "between") where.push("r.completed_xid < $4::xid8");
      const answerParam = range === "all" ? "$3" : range === "from" ? "$4" : "$5";
      const keys = groupBy === "cell"
        ? "coalesce(r.region, '') as region, coalesce(r.organisation_type, '') as organisation_type, coalesce(r.role_category, '') as role_category"
        : `coalesce(r.data ->> ${answerParam}::text, '') as answer`;
      const groups = groupBy === "cell" ? "1, 2, 3" : "1";
      return `select ${keys},\n  array[\n    ${counters}\n  ] as counters\nfrom responses r ${record}\nwhere ${where.join(" and ")}\ngroup by ${groups}`;
    },
  };
}
