// Counts → published figures. Every count that could be published becomes a cell of a CellBook with
// the equations a reader knows (a table adds up to its base, groups add up to the whole wave, a
// conditional question's base is a sum of another's answers, an earlier publication's figures
// differ by deltas); the engine hides what must be hidden; then the figures are shaped from what
// is left. With `protect` off (the panel team's live view) nothing is merged or hidden.
import { CellBook, cellKey, type PrivateRecord, type QuestionLayout } from "./disclosure/book";
import { addQuestionnaireRelations, type Built, type Category, type Table } from "./disclosure/relations";
import type {
  BreakdownFigures,
  FamilyKey,
  FigureCell,
  FigureInput,
  QuestionFigures,
  ResultFigures,
  TableFigures,
  Vectors,
} from "./figure-types";
import { safeCount } from "./disclosure/safe-count";
import type { Counter } from "./counters";
import { mergeGroups, OTHER, type MergedGroup } from "./groups";
import type { Option, QuestionSpec } from "./questions";

export type { PrivateRecord };
export type {
  FamilyKey,
  Vectors,
  FigureCell,
  TableFigures,
  BreakdownFigures,
  ResultFigures,
  FigureInput,
} from "./figure-types";

const OTHER_ANSWER = "__other";
const round1 = (x: number) => Math.round(x * 10) / 10;
const pct = (count: number, base: number) => (base > 0 ? round1((count / base) * 100) : null);

function addVectors(list: Vectors[], size: number): Vectors {
  const out = { all: new Array<number>(size).fill(0), verified: new Array<number>(size).fill(0) };
  for (const v of list) {
    for (let i = 0; i < size; i++) {
      out.all[i]! += v.all[i] ?? 0;
      out.verified[i]! += v.verified[i] ?? 0;
    }
  }
  return out;
}

/** Finds a counter's index in the layout. */
function indexer(layout: Counter[]) {
  const map = new Map<string, number>();
  layout.forEach((c, i) =>
    map.set(
      `${c.kind}|${c.q}|${"row" in c ? c.row : ""}|${"value" in c ? c.value : ""}|${"position" in c ? c.position : ""}`,
      i,
    ),
  );
  return (kind: Counter["kind"], q: number, row: string | null, value = "", position: number | "" = "") =>
    map.get(`${kind}|${q}|${row ?? (kind === "base" || kind === "count" ? null : "")}|${value}|${position}`);
}

export function resultFigures(input: FigureInput): { figures: ResultFigures; record: PrivateRecord } {
  const { specs, layout, whole, k } = input;
  const size = layout.length;
  const at = indexer(layout);
  const n = whole.all[0] ?? 0;
  const empty: ResultFigures = {
    minGroupSize: k,
    suppressed: true,
    respondents: null,
    organisations: null,
    countries: null,
    responseRate: null,
    breakdowns: [],
    questions: [],
  };
  if (n === 0 || (input.protect && !safeCount(n, whole.verified[0] ?? 0, k)))
    return { figures: empty, record: { cells: {}, equations: [], groups: {}, questions: {} } };

  // Breakdowns: groups merged so that every size, and every change of size since an earlier publication, is safe.
  const merged = new Map<FamilyKey, MergedGroup[]>();
  for (const family of input.families) {
    const base = [...family.groups].map(([key, v]) => ({ key, size: v.all[0] ?? 0, verified: v.verified[0] ?? 0 }));
    const groups = input.protect
      ? mergeGroups(
          base,
          k,
          (input.earlier ?? []).map((e) => e.groups[family.key] ?? []).filter((g) => g.length),
        )
      : base
          .filter((g) => g.size > 0)
          .sort((a, b) => b.size - a.size || a.key.localeCompare(b.key))
          .map((g) => ({ id: g.key, members: [g.key], other: false, size: g.size, verified: g.verified }));
    // Only "other" left: the breakdown would be the whole wave again.
    merged.set(family.key, groups.length === 1 && groups[0]!.other ? [] : groups);
  }
  const vectorsOf = (family: FamilyKey, g: MergedGroup) =>
    addVectors(
      g.members.map((m) => input.families.find((f) => f.key === family)!.groups.get(m)!).filter(Boolean),
      size,
    );

  const book = new CellBook();
  const key = (q: string, row: string | null, t: Table, cat: string) => cellKey(q, row ?? "", t.family, t.group, cat);
  const value = (t: Table, counters: number[]) =>
    counters.reduce<[number, number]>((s, i) => [s[0] + (t.v.all[i] ?? 0), s[1] + (t.v.verified[i] ?? 0)], [0, 0]);
  const wholeTable: Table = { family: "*", group: "*", v: whole };
  const groupTables = new Map<FamilyKey, Table[]>(
    [...merged].map(([family, groups]) => [
      family,
      groups.map((g) => ({ family, group: g.id, v: vectorsOf(family, g) })),
    ]),
  );
  // Every table's size is published (the headline and the breakdowns), and sizes add up.
  const sizeCell = (t: Table) =>
    book.cell(key("", null, t, "size"), t.v.all[0] ?? 0, t.v.verified[0] ?? 0, { fixed: true });
  for (const [, tables] of groupTables) if (tables.length) book.sum(sizeCell(wholeTable), tables.map(sizeCell));

  /** The categories of a question (or matrix row), folding an identifying question's small answers into "other". */
  const categoriesOf = (spec: QuestionSpec, q: number, row: string | null): Category[] => {
    const list = spec.options
      .map((o) => ({ key: `o:${o.value}`, option: o, counters: [at("count", q, row, o.value) as number] }))
      .filter((c) => c.counters[0] !== undefined);
    if (!spec.identifying || spec.kind !== "single") return list;
    const sized = list
      .map((c) => ({ c, v: value(wholeTable, c.counters) }))
      .filter((x) => x.v[0] > 0)
      .sort((a, b) => b.v[0] - a.v[0]);
    if (!input.protect) return sized.map((x) => x.c);
    const shown = sized.filter((x) => safeCount(x.v[0], x.v[1], k));
    const rest = sized.filter((x) => !shown.includes(x));
    const restSize = () => rest.reduce<[number, number]>((s, x) => [s[0] + x.v[0], s[1] + x.v[1]], [0, 0]);
    while (rest.length && shown.length && !safeCount(restSize()[0], restSize()[1], k)) rest.push(shown.pop()!);
    // Listed in the questionnaire's order, not by size: a figure the engine withholds later keeps its place, and a
    // place between two shown counts would bracket it (Argentina after Saudi Arabia 8 and before Japan 7 = 7).
    const out = shown.map((x) => x.c).sort((a, b) => list.indexOf(a) - list.indexOf(b));
    if (rest.length) {
      const members = rest.map((x) => x.c.option.value).sort();
      out.push({
        key: `o:${OTHER_ANSWER}[${members.join("+")}]`,
        option: { value: OTHER_ANSWER, label: "Other" },
        counters: rest.flatMap((x) => x.c.counters),
      });
    }
    return out;
  };

  const built: Built[] = [];
  const unpublished: NonNullable<ResultFigures["unpublished"]> = [];
  specs.forEach((spec, q) => {
    if (spec.kind === "text") return;
    if (input.protect && spec.shownWhen && "unmodelled" in spec.shownWhen) {
      unpublished.push({ name: spec.name, title: spec.title, reason: spec.shownWhen.unmodelled });
      return;
    }
    const rows: (Option | null)[] = spec.kind === "matrix" ? spec.rows : [null];
    const wholeOnly = spec.identifying && input.protect;
    // A question is not broken down by the groups its own answer sets (they would only repeat it).
    const tables = [
      wholeTable,
      ...(wholeOnly ? [] : [...groupTables].flatMap(([family, list]) => (family === spec.sets ? [] : list))),
    ];
    const entry: Built = { spec, q, categories: [], items: [] };
    for (const row of rows) {
      const r = row?.value ?? null;
      const categories = categoriesOf(spec, q, r);
      entry.categories = categories;
      const baseIndex = at("base", q, r) as number;
      const item: Built["items"][number] = { row, tables: [] };
      for (const t of tables) {
        const cell = (cat: string, counters: number[], options?: { showable?: boolean }) => {
          const [all, verified] = value(t, counters);
          return book.cell(key(spec.name, r, t, cat), all, verified, options);
        };
        const base = cell("base", [baseIndex]);
        const [ba, bv] = value(t, [baseIndex]);
        // Nobody skips a question everyone must answer: its "no answer" count is 0 to any reader who has seen the questionnaire.
        const everyone = spec.alwaysAnswered && spec.kind !== "matrix";
        const na = book.cell(
          key(spec.name, r, t, "na"),
          (t.v.all[0] ?? 0) - ba,
          (t.v.verified[0] ?? 0) - bv,
          everyone ? { fixed: true } : { showable: false },
        );
        // Answering or not is an answer too (unless everyone must): "none of a group answered" (n = 0 beside a
        // group of 8) is a group disclosure, checked. "All of a group answered" an optional question is not:
        // protecting it withheld 65 and 61 more figures of the two demo reports (431 and 459 instead of 366
        // and 398) for a fact that says nothing of what anyone answered (decision 007, issue 21 round 3).
        book.sum(sizeCell(t), [base, na], everyone ? false : [na]);
        const cats = categories.map((c) => cell(c.key, c.counters));
        if (spec.kind === "multi") {
          categories.forEach((c, i) => {
            const [ca, cv] = value(t, c.counters);
            const not = book.cell(key(spec.name, r, t, `not:${c.option.value}`), ba - ca, bv - cv, { showable: false });
            book.sum(base, [cats[i]!, not], [cats[i]!]);
          });
          // (Only while true: answers given before the limit was set may have more ticks.)
          const ticks = cats.reduce((n, c) => n + book.cells[c]!.value, 0);
          if (spec.oneTick && ticks === ba) book.sum(base, cats, true);
        } else {
          book.sum(base, cats, true);
        }
        let agree: number | undefined;
        if (spec.topTwo.length === 2 && spec.kind !== "multi") {
          const top = categories.map((c, i) => (spec.topTwo.includes(c.option.value) ? i : -1)).filter((i) => i >= 0);
          agree = cell(
            "agree",
            top.flatMap((i) => categories[i]!.counters),
          );
          book.sum(
            agree,
            top.map((i) => cats[i]!),
          );
          book.sum(base, [agree, ...cats.filter((_, i) => !top.includes(i))], true);
        }
        item.tables.push({ t, base, cats, agree });
      }
      // Groups add up to the whole wave, category by category.
      const wholeT = item.tables[0]!;
      for (const [family] of groupTables) {
        const parts = item.tables.filter((x) => x.t.family === family);
        if (!parts.length) continue;
        book.sum(
          wholeT.base,
          parts.map((x) => x.base),
        );
        const naOf = (x: (typeof parts)[number]) => book.cell(key(spec.name, r, x.t, "na"), 0, 0);
        book.sum(naOf(wholeT), parts.map(naOf));
        wholeT.cats.forEach((c, i) =>
          book.sum(
            c,
            parts.map((x) => x.cats[i]!),
          ),
        );
        if (wholeT.agree !== undefined)
          book.sum(
            wholeT.agree,
            parts.map((x) => x.agree!),
          );
        if (spec.kind === "multi") {
          categories.forEach((c) => {
            const notOf = (x: (typeof parts)[number]) =>
              book.cell(key(spec.name, r, x.t, `not:${c.option.value}`), 0, 0);
            book.sum(notOf(wholeT), parts.map(notOf));
          });
        }
      }
      entry.items.push(item);
    }
    built.push(entry);
  });

  addQuestionnaireRelations({ book, specs, at, built, whole: wholeTable, groupTables, merged, sizeCell });

  const groupsRecord: PrivateRecord["groups"] = Object.fromEntries(
    [...merged].map(([family, groups]) => [
      family,
      groups.map((g) => ({ id: g.id, members: g.members, size: g.size, verified: g.verified })),
    ]),
  );
  const layouts: Record<string, QuestionLayout> = Object.fromEntries(
    built.map((b) => [
      b.spec.name,
      {
        kind: b.spec.kind,
        rows: b.items.map((it) => it.row?.value ?? ""),
        categories: [
          { category: "base", members: [] },
          { category: "na", members: [] },
          ...(b.items[0]?.tables[0]?.agree !== undefined ? [{ category: "agree", members: [] }] : []),
          ...b.categories.map((c) => ({
            category: c.key,
            members: c.key.startsWith(`o:${OTHER_ANSWER}[`)
              ? c.key.slice(OTHER_ANSWER.length + 3, -1).split("+")
              : [c.option.value],
          })),
          ...(b.spec.kind === "multi"
            ? b.categories.map((c) => ({ category: `not:${c.option.value}`, members: [] }))
            : []),
        ],
      },
    ]),
  );
  (input.earlier ?? []).forEach((e, i) => book.addEarlier(e, `#${i}`, { groups: groupsRecord, questions: layouts }));
  const protection = input.protect
    ? book.protect(k, input.primaryOnly)
    : { hidden: new Set<number>(), known: () => true };
  const shown = (c: number) => !protection.hidden.has(c);
  const countOf = (c: number) => (shown(c) ? (book.cells[c]!.value as number) : null);

  const questions: QuestionFigures[] = built.map((b) => ({
    name: b.spec.name,
    title: b.spec.title,
    type: b.spec.type,
    kind: b.spec.kind,
    identifying: b.spec.identifying,
    options: b.categories.map((c) => c.option),
    items: b.items.map((item) => {
      const shape = (x: (typeof item.tables)[number]): TableFigures => {
        const base = countOf(x.base);
        const cell = (c: number): FigureCell => {
          const count = countOf(c);
          return { count, percent: count !== null && base !== null ? pct(count, base) : null };
        };
        const out: TableFigures = { base, cells: x.cats.map(cell) };
        if (x.agree !== undefined) out.agree = cell(x.agree);
        if (b.spec.kind === "rating") {
          const all = base !== null && base > 0 && x.cats.every(shown);
          out.mean = all
            ? round1(
                b.categories.reduce(
                  (s, c, i) => s + Number(c.option.raw ?? c.option.value) * (book.cells[x.cats[i]!]!.value as number),
                  0,
                ) / base,
              )
            : null;
        }
        if (b.spec.kind === "ranking" && x.positions) {
          // Average positions only from position counts that are all shown (derived from shown figures).
          out.positions = x.positions.map((cells) => cells.map(countOf));
          out.ranks = x.positions.map((cells) => {
            const counts = cells.map(countOf);
            const total = counts.reduce<number>((s, c) => s + (c ?? 0), 0);
            if (counts.some((c) => c === null) || total === 0) return null;
            return round1(counts.reduce<number>((s, c, p) => s + (p + 1) * (c ?? 0), 0) / total);
          });
        }
        return out;
      };
      const groups: Record<FamilyKey, TableFigures[]> = {};
      for (const x of item.tables.slice(1)) (groups[x.t.family] ??= []).push(shape(x));
      return { row: item.row, whole: shape(item.tables[0]!), groups };
    }),
  }));

  const breakdowns: BreakdownFigures[] = [...merged]
    .filter(([, g]) => g.length)
    .map(([family, groups]) => ({
      family,
      groups: groups.map((g) => ({
        id: g.other ? OTHER : g.id,
        other: g.other,
        size: g.size,
        percent: pct(g.size, n) ?? 0,
      })),
    }));
  const figures: ResultFigures = {
    minGroupSize: k,
    suppressed: false,
    respondents: n,
    organisations: input.headline.organisations,
    countries: input.headline.countries,
    responseRate: input.headline.invited ? pct(n, input.headline.invited) : null,
    breakdowns,
    questions,
    ...(unpublished.length ? { unpublished } : {}),
  };
  return { figures, record: book.record(protection.known, groupsRecord, layouts) };
}
