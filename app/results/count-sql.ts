// The counting query of a questionnaire version, generated from its questions: each response's answers
// are read once into typed columns (jsonb_to_record), and every counter of the layout is one
// `count(*) FILTER (...)` (or a sum) over them, grouped by a plain GROUP BY so PostgreSQL can split
// the scan across parallel workers. Names and values come from the questionnaire, so they are quoted
// here as SQL literals and identifiers; the wave, version and range are bind parameters.
import { counterLayout, type Counter } from "~/results/counters";
import type { QuestionSpec } from "./questions";
import type { AnswerState, ConditionAtoms } from "./conditions";

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
const isJsonNumber = (s: string) => /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(s);

type ColumnType = "text" | "jsonb";
const columnType = (spec: QuestionSpec): ColumnType =>
  spec.kind === "single" || spec.kind === "text" || spec.kind === "rating" ? "text" : "jsonb";

/** A single-choice question with more options than this is counted by grouping on its answer instead. */
const PIVOT_AFTER = 16;

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
  isJsonNumber(value)
    ? `(${col} ? ${literal(value)} or ${col} @> ${literal(`[${value}]`)}::jsonb)`
    : `${col} ? ${literal(value)}`;

/** Matrix rows are read once per response into a record of their own (m<q>), as text. */
const matrixRow = (q: number, row: string) => `m${q}.${ident(row)}`;

/** Whether a response's answer is in one state of a condition's atoms (see conditions.ts). */
function inState(spec: QuestionSpec, state: AnswerState): string {
  const col = `x.${ident(spec.name)}`;
  if ("empty" in state) return `not coalesce(${answered(spec, col)}, false)`;
  if ("answered" in state) return answered(spec, col);
  if ("value" in state) return `${col} = ${literal(state.value)}`;
  const each = state.named.map((o) => (state.chosen.includes(o) ? contains(col, o) : `not ${contains(col, o)}`));
  return [answered(spec, col), ...each].map((c) => `(${c})`).join(" and ");
}

function expression(counter: Counter, specs: QuestionSpec[]): string {
  if (counter.q < 0) return "count(*)";
  const spec = specs[counter.q] as QuestionSpec;
  const col = `x.${ident(spec.name)}`;
  const filter = (cond: string) => `count(*) filter (where ${cond})`;
  switch (counter.kind) {
    case "base":
      if (counter.row === null) return filter(answered(spec, col));
      return filter(`${matrixRow(counter.q, counter.row)} is not null`);
    case "count":
      if (spec.kind === "single" || spec.kind === "rating") return filter(`${col} = ${literal(counter.value)}`);
      if (spec.kind === "multi") return filter(contains(col, counter.value)); // answers were checked: an array
      if (spec.kind === "matrix")
        return filter(`${matrixRow(counter.q, counter.row ?? "")} = ${literal(counter.value)}`);
      // ranking: ranked first
      return filter(`jsonb_typeof(${col}) = 'array' and ${col} ->> 0 = ${literal(counter.value)}`);
    case "sum":
      return `coalesce(sum(case when jsonb_typeof(${col}) = 'array' and ${contains(col, counter.value)} then
        (select e.position from jsonb_array_elements_text(${col}) with ordinality as e(value, position) where e.value = ${literal(counter.value)} limit 1) end), 0)`;
    case "sumN":
      return filter(`jsonb_typeof(${col}) = 'array' and ${contains(col, counter.value)}`);
    case "atom": {
      const when = spec.shownWhen as ConditionAtoms;
      const combo = when.combos[Number(counter.value)]!;
      const parts = when.variables.map((v, j) =>
        inState(specs.find((s) => s.name === v.name) as QuestionSpec, v.states[combo.at[j]!]!),
      );
      return filter(parts.map((c) => `(${c})`).join(" and "));
    }
    case "position":
      return filter(
        `jsonb_typeof(${col}) = 'array' and ${col} ->> ${counter.position - 1} = ${literal(counter.value)}`,
      );
  }
}

/**
 * A response's answers as counted: a choice with a comment of its own is stored as survey-core writes
 * it, `{value, comment}` (a checkbox's items then each `{value}` or `{value, comment}`); such answers
 * are read as their values. Questionnaires without such choices read the stored answers as they are.
 */
function answersOf(specs: QuestionSpec[]): string {
  const commented = specs.filter(
    (s) => (s.kind === "single" || s.kind === "multi") && s.options.some((o) => o.comment),
  );
  if (commented.length === 0) return "r.data";
  const plain = (spec: QuestionSpec) => {
    const v = `r.data -> ${literal(spec.name)}`;
    return spec.kind === "single"
      ? `case when jsonb_typeof(${v}) = 'object' then ${v} -> 'value' else ${v} end`
      : `case when jsonb_typeof(${v}) = 'array' then (select coalesce(jsonb_agg(case when jsonb_typeof(e) = 'object' then e -> 'value' else e end order by i), '[]'::jsonb)
          from jsonb_array_elements(${v}) with ordinality as a(e, i)) else ${v} end`;
  };
  return `(r.data || jsonb_strip_nulls(jsonb_build_object(${commented.map((s) => `${literal(s.name)}, ${plain(s)}`).join(", ")})))`;
}

interface CountRow {
  pivot?: string | null;
  counters: (number | string)[];
}

export interface CountQuery {
  layout: Counter[];
  /** The query: `select <keys>, [pivot,] counters from responses r ... where <scope> <range> group by ...`. */
  text(options: { groupBy: "cell" | "answer"; range: "all" | "from" | "between" }): string;
  /** A result row's counters as a vector of the whole layout. */
  vector(row: CountRow): number[];
}

/**
 * The counting query for these questions (one per stored name: the caller keeps the first).
 * Bind parameters: $1 wave id, $2 version id, then $3 (and $4) the xid range, then the answer name.
 *
 * Each counter costs every response one FILTER test, so the single-choice question with the most
 * options (a country list: 246) is not tested option by option: it joins the GROUP BY, and its
 * counts are the sizes of those groups.
 */
export function countQuery(specs: QuestionSpec[]): CountQuery {
  const columns = new Map<string, ColumnType>();
  for (const spec of specs) {
    if (columns.has(spec.name)) throw new Error(`two counted questions store their answers under "${spec.name}"`);
    columns.set(spec.name, columnType(spec));
  }
  const layout = counterLayout(specs);
  const widest = specs.reduce<number>(
    (best, s, q) =>
      s.kind === "single" && s.options.length > PIVOT_AFTER && s.options.length > (specs[best]?.options.length ?? 0)
        ? q
        : best,
    -1,
  );
  const pivot = widest >= 0 ? (specs[widest] as QuestionSpec) : undefined;
  const inSql: number[] = [];
  const pivotIndex = new Map<string, number>();
  let pivotBase = -1;
  // A rating's sum and count of numeric answers follow from its per-value counts (answers are checked
  // against the scale), so they cost the database nothing.
  const ratingSums: { sum: number; n: number; values: [number, number][] }[] = [];
  layout.forEach((c, i) => {
    const spec = specs[c.q];
    if (spec?.kind === "rating" && (c.kind === "sum" || c.kind === "sumN")) {
      if (c.kind === "sum") {
        const values = layout.flatMap((d, j): [number, number][] =>
          d.q === c.q && d.kind === "count" && isJsonNumber(d.value) ? [[j, Number(d.value)]] : [],
        );
        ratingSums.push({ sum: i, n: i + 1, values });
      }
      return;
    }
    if (c.q !== widest || widest < 0) inSql.push(i);
    else if (c.kind === "base") pivotBase = i;
    else if (c.kind === "count") pivotIndex.set(c.value, i);
  });

  const data = answersOf(specs);
  const record = columns.size
    ? `cross join lateral jsonb_to_record(${data}) as x(${[...columns].map(([n, t]) => `${ident(n)} ${t}`).join(", ")})`
    : "";
  const matrices = specs
    .map((spec, q) =>
      spec.kind !== "matrix" || spec.rows.length === 0
        ? ""
        : `left join lateral jsonb_to_record(case when jsonb_typeof(x.${ident(spec.name)}) = 'object' then x.${ident(spec.name)} end)
      as m${q}(${[...new Set(spec.rows.map((r) => r.value))].map((r) => `${ident(r)} text`).join(", ")}) on true`,
    )
    .filter(Boolean)
    .join("\n");
  const counters = inSql.map((i) => `(${expression(layout[i] as Counter, specs)})::float8`).join(",\n    ");
  return {
    layout,
    text({ groupBy, range }) {
      const where = ["r.wave_id = $1", "r.questionnaire_version_id = $2", "r.status = 'complete'"];
      if (range !== "all") where.push("r.completed_xid >= $3::xid8");
      if (range === "between") where.push("r.completed_xid < $4::xid8");
      const answerParam = range === "all" ? "$3" : range === "from" ? "$4" : "$5";
      const keys =
        groupBy === "cell"
          ? [
              "coalesce(r.region, '') as region",
              "coalesce(r.organisation_type, '') as organisation_type",
              "coalesce(r.role_category, '') as role_category",
              "(r.source = 'invitation') as verified",
            ]
          : [`coalesce(${data} ->> ${answerParam}::text, '') as answer`, "(r.source = 'invitation') as verified"];
      if (pivot) keys.push(`x.${ident(pivot.name)} as pivot`);
      const groups = keys.map((_, i) => i + 1).join(", ");
      return `select ${keys.join(", ")},\n  array[\n    ${counters}\n  ] as counters\nfrom responses r ${record}\n${matrices}\nwhere ${where.join(" and ")}\ngroup by ${groups}`;
    },
    vector(row) {
      const full = new Array<number>(layout.length).fill(0);
      inSql.forEach((i, j) => (full[i] = Number(row.counters[j] ?? 0)));
      if (pivot && row.pivot !== null && row.pivot !== undefined) {
        const n = full[0] ?? 0;
        full[pivotBase] = n;
        const at = pivotIndex.get(row.pivot);
        if (at !== undefined) full[at] = n;
      }
      for (const r of ratingSums) {
        full[r.sum] = r.values.reduce((t, [j, v]) => t + v * (full[j] ?? 0), 0);
        full[r.n] = r.values.reduce((t, [j]) => t + (full[j] ?? 0), 0);
      }
      return full;
    },
  };
}
