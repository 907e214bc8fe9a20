// Attacks one publication (or two of the same wave) the way a determined reader would: every
// published count is a constant, every withheld one an unknown integer ≥ 0, and the reader writes
// every relation they can know: tables add up to their bases, groups to the whole wave, group sizes
// to the respondents, a required question's base to the group's size, a conditional question's base
// to the answers that show it, the top two points to "agree", a rounded mean to its scale. Then the
// reader computes the exact range of every withheld count and of each table's withheld remainder.
import type { FigureCell, ResultFigures, TableFigures } from "~/results/figures";
import { Reader } from "./attacker";

export interface QuestionKnowledge {
  /** Required and shown to everyone. */
  alwaysAnswered: boolean;
  /** Answered exactly by those who gave these answers to that question. */
  askedWhen?: { question: string; values: string[] };
}

export interface Finding {
  what: string;
  value: number;
}

export interface AttackReport {
  attacks: number;
  findings: Finding[];
}

type Table = { key: string; t: TableFigures; size: number | null };

/** The unknown or constant a published count is. */
function value(
  reader: Reader,
  name: string,
  cell: FigureCell | number | null | undefined,
): { name: string; known: number | null } {
  const known = typeof cell === "number" ? cell : cell === null || cell === undefined ? null : cell.count;
  if (known === null) reader.unknown(name);
  return { name, known };
}

/** Σ plus − Σ minus = 0 over counts that are constants or unknowns. */
function relate(
  reader: Reader,
  plus: { name: string; known: number | null }[],
  minus: { name: string; known: number | null }[],
) {
  const terms: [string, number][] = [];
  let constant = 0;
  for (const x of plus)
    if (x.known === null) terms.push([x.name, 1]);
    else constant += x.known;
  for (const x of minus)
    if (x.known === null) terms.push([x.name, -1]);
    else constant -= x.known;
  reader.relate(terms, constant);
}

/** Builds the reader's model of one publication; names are prefixed with `tag`. */
function modelOf(reader: Reader, f: ResultFigures, knowledge: Record<string, QuestionKnowledge>, tag = "") {
  const n = f.respondents ?? 0;
  const sizes = new Map<string, number>();
  for (const b of f.breakdowns) {
    b.groups.forEach((g, i) => sizes.set(`${b.family}#${i}`, g.size));
    relate(
      reader,
      [{ name: "", known: n }],
      b.groups.map((g) => ({ name: "", known: g.size })),
    );
  }
  const cells: {
    name: string;
    known: number | null;
    base: { name: string; known: number | null };
    single: boolean;
    what: string;
  }[] = [];
  const remainders: { names: string[]; what: string }[] = [];
  for (const q of f.questions) {
    const k = knowledge[q.name] ?? { alwaysAnswered: false };
    for (const item of q.items) {
      const tables: Table[] = [{ key: "*", t: item.whole, size: n }];
      for (const b of f.breakdowns)
        (item.groups[b.family] ?? []).forEach((t, i) =>
          tables.push({ key: `${b.family}#${i}`, t, size: sizes.get(`${b.family}#${i}`) ?? null }),
        );
      const id = (t: Table, what: string) => `${tag}${q.name}|${item.row?.value ?? ""}|${t.key}|${what}`;
      const refs = new Map<
        string,
        {
          base: ReturnType<typeof value>;
          cells: ReturnType<typeof value>[];
          not: ReturnType<typeof value>[];
          na: ReturnType<typeof value>;
          agree?: ReturnType<typeof value>;
        }
      >();
      for (const t of tables) {
        const base = value(reader, id(t, "base"), t.t.base);
        const cs = q.options.map((o, i) => value(reader, id(t, `o:${o.value}`), t.t.cells[i]));
        const na = value(reader, id(t, "na"), k.alwaysAnswered && q.kind !== "matrix" ? 0 : null);
        relate(reader, [{ name: "", known: t.size }], [base, na]);
        const not = q.kind === "multi" ? q.options.map((o) => value(reader, id(t, `not:${o.value}`), null)) : [];
        if (q.kind === "multi") cs.forEach((c, i) => relate(reader, [base], [c, not[i]!]));
        else relate(reader, [base], cs);
        let agree: ReturnType<typeof value> | undefined;
        if (t.t.agree) {
          agree = value(reader, id(t, "agree"), t.t.agree);
          relate(reader, [agree], cs.slice(-2));
        }
        refs.set(t.key, { base, cells: cs, not, na, agree });
        cs.forEach((c, i) =>
          cells.push({
            ...c,
            base,
            single: q.kind !== "multi",
            what: `${tag}${q.title}${item.row ? ` / ${item.row.label}` : ""} [${t.key}] ${q.options[i]!.label}`,
          }),
        );
        not.forEach((c, i) =>
          cells.push({
            ...c,
            base,
            single: false,
            what: `${tag}${q.title} [${t.key}] did not choose ${q.options[i]!.label}`,
          }),
        );
        cells.push({
          ...na,
          base,
          single: false,
          what: `${tag}${q.title}${item.row ? ` / ${item.row.label}` : ""} [${t.key}] no answer`,
        });
        const hidden = cs.filter((c) => c.known === null).map((c) => c.name);
        if (hidden.length > 1)
          remainders.push({ names: hidden, what: `${tag}${q.title} [${t.key}] withheld answers together` });
      }
      // Groups add up to the whole wave, count by count.
      const whole = refs.get("*")!;
      for (const b of f.breakdowns) {
        const parts = [...refs].filter(([key]) => key.startsWith(`${b.family}#`)).map(([, r]) => r);
        if (!parts.length) continue;
        relate(
          reader,
          [whole.base],
          parts.map((p) => p.base),
        );
        relate(
          reader,
          [whole.na],
          parts.map((p) => p.na),
        );
        whole.cells.forEach((c, i) =>
          relate(
            reader,
            [c],
            parts.map((p) => p.cells[i]!),
          ),
        );
        whole.not.forEach((c, i) =>
          relate(
            reader,
            [c],
            parts.map((p) => p.not[i]!),
          ),
        );
        if (whole.agree)
          relate(
            reader,
            [whole.agree],
            parts.map((p) => p.agree!),
          );
      }
      if (k.askedWhen) {
        const source = f.questions.find((x) => x.name === k.askedWhen!.question);
        if (source) {
          for (const [key, r] of refs) {
            const st =
              key === "*"
                ? source.items[0]!.whole
                : (() => {
                    const [family, i] = key.split("#");
                    return source.items[0]!.groups[family!]?.[Number(i)];
                  })();
            if (!st) continue;
            const parts = source.options.flatMap((o, i) =>
              k.askedWhen!.values.includes(o.value)
                ? [value(reader, `${tag}${source.name}||${key}|o:${o.value}`, st.cells[i])]
                : [],
            );
            relate(reader, [r.base], parts);
          }
        }
      }
    }
  }
  return { cells, remainders };
}

/** Attacks one publication: how many counts it tried to pin down, and what it learnt that it should not. */
export async function attackPublication(
  f: ResultFigures,
  k: number,
  knowledge: Record<string, QuestionKnowledge>,
): Promise<AttackReport> {
  const findings: Finding[] = [];
  let attacks = 0;
  if (f.suppressed) return { attacks, findings };
  const reader = new Reader();
  const { cells, remainders } = modelOf(reader, f, knowledge);
  for (const b of f.breakdowns)
    for (const g of b.groups)
      if (g.size > 0 && g.size < k) findings.push({ what: `group ${b.family} ${g.id} has ${g.size}`, value: g.size });
  const solved = new Map<string, number | null>();
  const pin = async (name: string) => {
    if (!solved.has(name)) solved.set(name, await exact(reader, name));
    return solved.get(name) as number | null;
  };
  for (const c of cells) {
    attacks++;
    const v = c.known ?? (await pin(c.name));
    if (v === null) continue;
    const base = c.base.known ?? (await pin(c.base.name));
    if (v > 0 && v < k) findings.push({ what: `${c.what}: ${v} people`, value: v });
    else if (c.single && base !== null && base > 0 && v === base && c.known !== null)
      findings.push({ what: `${c.what}: every one of the group (${v})`, value: v });
    else if (c.single && base !== null && base > 0 && v === base && c.known === null)
      findings.push({ what: `${c.what}: worked out as every one of the group (${v})`, value: v });
  }
  for (const r of remainders) {
    attacks++;
    const b = await reader.bounds(r.names.map((n) => [n, 1]));
    if (b && b.min === b.max && b.min > 0 && b.min < k)
      findings.push({ what: `${r.what}: ${b.min} people`, value: b.min });
    // Withheld figures a reader can pin (by integer programming) are as good as shown: what the rest
    // of the line adds up to must be safe too.
    const open: string[] = [];
    for (const n of r.names) if ((await pin(n)) === null) open.push(n);
    if (open.length > 1 && open.length < r.names.length) {
      attacks++;
      const rest = await reader.bounds(open.map((n) => [n, 1]));
      const pinned = r.names.filter((n) => !open.includes(n)).map((n) => `${n.split("|").at(-1)} = ${solved.get(n)}`);
      if (rest && rest.min === rest.max && rest.min > 0 && rest.min < k)
        findings.push({
          what: `${r.what}, less those worked out (${pinned.join(", ")}): ${rest.min} people`,
          value: rest.min,
        });
    }
  }
  return { attacks, findings };
}

/** The value a hidden count must have, if the relations leave it only one. */
async function exact(reader: Reader, name: string): Promise<number | null> {
  const b = await reader.bounds([[name, 1]]);
  return b && b.min === b.max ? b.min : null;
}

/**
 * Attacks two publications of the same wave together: for the whole wave, every group both show,
 * and the rest of each breakdown taken together, the reader computes how each count changed between
 * them (from shown figures or figures worked out exactly). A change of 1 to k-1 describes the few
 * people added, changed or removed; all of a group's newcomers giving one answer is a group disclosure.
 */
export async function attackRepublication(
  before: ResultFigures,
  after: ResultFigures,
  k: number,
  knowledge: Record<string, QuestionKnowledge>,
): Promise<AttackReport> {
  const findings: Finding[] = [];
  let attacks = 0;
  if (before.suppressed || after.suppressed) return { attacks, findings };
  const reader = new Reader();
  modelOf(reader, before, knowledge, "a:");
  modelOf(reader, after, knowledge, "b:");
  /** The exact value of a sum of published counts (constants or unknowns), if the reader can know it. */
  const sumOf = async (parts: { name: string; known: number | null }[]) => {
    const unknown = parts.filter((p) => p.known === null);
    const constant = parts.reduce((s, p) => s + (p.known ?? 0), 0);
    if (!unknown.length) return constant;
    const b = await reader.bounds(unknown.map((p) => [p.name, 1]));
    return b && b.min === b.max ? constant + b.min : null;
  };
  const check = async (
    what: string,
    a: { name: string; known: number | null }[],
    b: { name: string; known: number | null }[],
    baseDelta: number | null,
  ) => {
    attacks++;
    const [va, vb] = [await sumOf(a), await sumOf(b)];
    if (va === null || vb === null) return;
    const d = Math.abs(vb - va);
    if (d > 0 && d < k) findings.push({ what: `${what} changed by ${vb - va}`, value: d });
    else if (baseDelta !== null && baseDelta > 0 && vb - va === baseDelta)
      findings.push({ what: `${what}: all ${baseDelta} newcomers`, value: d });
  };
  const families = before.breakdowns.map((b) => b.family).filter((f) => after.breakdowns.some((x) => x.family === f));
  for (const q of after.questions) {
    const qa = before.questions.find((x) => x.name === q.name);
    if (!qa) continue;
    for (const [ii, item] of q.items.entries()) {
      const itemA = qa.items[ii];
      if (!itemA) continue;
      // Blocks: the whole wave; each group both publications show; the rest of the breakdown.
      const blocks: { label: string; a: string[]; b: string[] }[] = [{ label: "*", a: ["*"], b: ["*"] }];
      for (const family of families) {
        const ga = before.breakdowns.find((x) => x.family === family)!.groups;
        const gb = after.breakdowns.find((x) => x.family === family)!.groups;
        const both = gb.filter((g) => !g.other && ga.some((x) => !x.other && x.id === g.id)).map((g) => g.id);
        for (const id of both)
          blocks.push({
            label: `${family} ${id}`,
            a: [`${family}#${ga.findIndex((x) => x.id === id)}`],
            b: [`${family}#${gb.findIndex((x) => x.id === id)}`],
          });
        const rest = (groups: typeof ga) =>
          groups
            .map((g, i) => (both.includes(g.id) && !g.other ? null : `${family}#${i}`))
            .filter((x): x is string => x !== null);
        if (rest(ga).length || rest(gb).length) blocks.push({ label: `${family} rest`, a: rest(ga), b: rest(gb) });
      }
      const table = (f: ResultFigures, it: typeof item, key: string): TableFigures | undefined => {
        if (key === "*") return it.whole;
        const [family, i] = key.split("#");
        return it.groups[family!]?.[Number(i)];
      };
      for (const block of blocks) {
        const ref = (
          tag: "a:" | "b:",
          f: ResultFigures,
          it: typeof item,
          keys: string[],
          what: string,
          pick: (t: TableFigures) => FigureCell | number | null,
        ) =>
          keys.map((key) => {
            const t = table(f, it, key);
            const cell = t ? pick(t) : null;
            const known = typeof cell === "number" ? cell : (cell?.count ?? null);
            return { name: `${tag}${q.name}|${it.row?.value ?? ""}|${key}|${what}`, known };
          });
        const baseA = ref("a:", before, itemA, block.a, "base", (t) => t.base);
        const baseB = ref("b:", after, item, block.b, "base", (t) => t.base);
        const [ba, bb] = [await sumOf(baseA), await sumOf(baseB)];
        const baseDelta = ba !== null && bb !== null ? bb - ba : null;
        await check(`${q.title} [${block.label}] base`, baseA, baseB, null);
        // Answers both publications show on their own are compared one by one; the others (an
        // identifying question's "other", folded differently each time) only all together.
        const own = (o: { value: string }) => o.value !== "__other";
        const common = q.options.filter((o) => own(o) && qa.options.some((x) => x.value === o.value));
        const answerBlocks = [
          ...common.map((o) => ({
            label: o.label,
            a: [qa.options.findIndex((x) => x.value === o.value)],
            b: [q.options.indexOf(o)],
          })),
          {
            label: "every other answer",
            a: qa.options.map((o, i) => (common.some((c) => c.value === o.value) ? -1 : i)).filter((i) => i >= 0),
            b: q.options.map((o, i) => (common.includes(o) ? -1 : i)).filter((i) => i >= 0),
          },
        ].filter((x) => x.a.length && x.b.length);
        for (const ab of answerBlocks) {
          await check(
            `${q.title}${item.row ? ` / ${item.row.label}` : ""} [${block.label}] ${ab.label}`,
            ab.a.flatMap((ia) =>
              ref("a:", before, itemA, block.a, `o:${qa.options[ia]!.value}`, (t) => t.cells[ia] ?? null),
            ),
            ab.b.flatMap((ib) =>
              ref("b:", after, item, block.b, `o:${q.options[ib]!.value}`, (t) => t.cells[ib] ?? null),
            ),
            q.kind === "multi" || ab.a.length > 1 ? null : baseDelta,
          );
        }
      }
    }
  }
  return { attacks, findings };
}
