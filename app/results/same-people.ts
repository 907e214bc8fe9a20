// Change among the same people (issue 28): of the panelists who answered two consecutive waves of a
// series, how many kept or changed their answer. Every count is a new published cell, so it goes
// through the disclosure engine together with both waves' own publications (their private records:
// what each showed, what each hid, and the equations between them), tied to them by the equations a
// reader knows: a wave's answer is those who answered both plus those who answered it alone. So
// nothing about the people who answered one wave but not the other — fewer than k of them, or all
// of one answer — can be worked out from the table and the two reports. Pure; run by a figure thread.
import { CellBook, cellKey, type PrivateRecord, type SameRecord } from "./disclosure/book";
import { safeCount } from "./disclosure/engine";
import type { SamePeople } from "./series";

/** One question's pairs: for each panelist who completed both waves, their answer then and now ("" = no answer). */
export interface SamePeopleQuestion {
  name: string;
  kind: "single" | "rating";
  /** The answer values, in the questionnaire's order (a scale: lowest first). */
  values: string[];
  /** [answer in the earlier wave, answer in this one, how many] ("" = not answered). */
  pairs: [string, string, number][];
}

export interface SamePeopleInput {
  task: "same-people";
  k: number;
  from: string;
  to: string;
  /** How many completed both waves (through personal invitations). */
  both: number;
  /**
   * Those who completed both, per breakdown family: [their group value in the earlier wave, in this one,
   * how many]. With each wave's published group sizes they say how many of a group answered one wave only.
   */
  groups?: Record<string, [string, string, number][]>;
  earlier: PrivateRecord;
  current: PrivateRecord;
  questions: SamePeopleQuestion[];
  /** This wave's earlier publications (a republication after late or changed responses): their tables and records. */
  before?: { same: SameRecord; record: PrivateRecord }[];
}

/** The tables that may be published, and what this publication keeps of them for the wave's later ones. */
export interface SamePeopleOutput {
  tables: Record<string, SamePeople>;
  record?: SameRecord;
}

const NONE = "";

/** The same-people tables that may be published, withheld cells as null; a question missing from a wave's record is left out. */
export function samePeopleFigures(input: SamePeopleInput): SamePeopleOutput {
  const { k } = input;
  const out: Record<string, SamePeople> = {};
  const none = { tables: out };
  if (input.both < k || !input.questions.length) return none;
  const book = new CellBook();
  const scope = { groups: {}, questions: {} };
  book.addEarlier(input.earlier, "A", scope);
  book.addEarlier(input.current, "B", scope);
  const recorded = (tag: "A" | "B", q: string, category: string) =>
    book.find(`${tag}${cellKey(q, "", "*", "*", category)}`);
  const value = (c: number) => book.cells[c]!;

  // Those who completed both waves, and those who completed one only (never shown).
  const both = book.cell("S|both", input.both, input.both);
  const sizeA = recorded("A", "", "size");
  const sizeB = recorded("B", "", "size");
  if (sizeA === undefined || sizeB === undefined) return none;
  const aloneSize = (tag: "A" | "B", size: number) =>
    book.cell(`S|${tag}|alone`, value(size).value - input.both, value(size).verified - input.both, { showable: false });
  const aloneA = aloneSize("A", sizeA);
  const aloneB = aloneSize("B", sizeB);
  // How many answered one wave only follows from the two waves' sizes and any total of the table (when
  // a question is answered by everyone, its table's total is everyone who answered both): when that is
  // 1 to k-1 people, no table is shown (the independent series attack pinned it through the engine).
  if (
    !safeCount(value(aloneA).value, value(aloneA).verified, k) ||
    !safeCount(value(aloneB).value, value(aloneB).verified, k)
  )
    return none;
  book.sum(sizeA, [both, aloneA]);
  book.sum(sizeB, [both, aloneB]);
  tieGroups(book, input, both);

  type Built = {
    q: SamePeopleQuestion;
    pair: Map<string, number>;
    rowShown: Map<string, number>;
    colShown: Map<string, number>;
    base: number;
    moves?: [number, number, number];
  };
  const built: Built[] = [];
  for (const q of input.questions) {
    const cats = (tag: "A" | "B") => q.values.map((v) => recorded(tag, q.name, `o:${v}`));
    const naA = recorded("A", q.name, "na");
    const naB = recorded("B", q.name, "na");
    const catsA = cats("A");
    const catsB = cats("B");
    if (naA === undefined || naB === undefined || catsA.includes(undefined) || catsB.includes(undefined)) continue;
    const counts = new Map<string, number>();
    for (const [a, b, n] of q.pairs) counts.set(`${a}\u0000${b}`, (counts.get(`${a}\u0000${b}`) ?? 0) + n);
    const values = [...q.values, NONE];
    const showPairs = q.kind === "single";
    const pair = new Map<string, number>();
    for (const a of values)
      for (const b of values) {
        const n = counts.get(`${a}\u0000${b}`) ?? 0;
        const answered = a !== NONE && b !== NONE;
        pair.set(`${a}\u0000${b}`, book.cell(`S|${q.name}|${a}|${b}`, n, n, { showable: showPairs && answered }));
      }
    // A row (column) is everyone who gave this answer then (now) and answered both waves; its published
    // total counts only those who answered the question both times, as the table's cells do (a
    // conditional or optional question's row would otherwise not be the sum of its cells).
    const rowA = new Map<string, number>();
    const colB = new Map<string, number>();
    const rowShown = new Map<string, number>();
    const colShown = new Map<string, number>();
    const line = (side: "from" | "to", v: string) => {
      const parts = values.map((w) => pair.get(side === "from" ? `${v}\u0000${w}` : `${w}\u0000${v}`)!);
      const sumOf = (cs: number[]) => cs.reduce((s, c) => s + value(c).value, 0);
      const full = book.cell(`S|${q.name}|${side}|${v}`, sumOf(parts), sumOf(parts), { showable: false });
      book.sum(full, parts);
      (side === "from" ? rowA : colB).set(v, full);
      if (v === NONE) return;
      const answered = parts.slice(0, -1);
      const shownLine = book.cell(`S|${q.name}|${side}|${v}|answered`, sumOf(answered), sumOf(answered), {
        showable: showPairs,
      });
      // Everyone who answered both times and gave this answer then (now): did they all give one answer now (then)?
      book.sum(shownLine, answered, true);
      book.sum(full, [shownLine, parts.at(-1)!]);
      (side === "from" ? rowShown : colShown).set(v, shownLine);
    };
    for (const v of values) {
      line("from", v);
      line("to", v);
    }
    book.sum(
      both,
      values.map((a) => rowA.get(a)!),
      true,
    );
    book.sum(
      both,
      values.map((b) => colB.get(b)!),
      true,
    );
    // Each wave's published answer is those who answered both plus those who answered it alone.
    const tie = (
      tag: "A" | "B",
      list: (number | undefined)[],
      na: number,
      sums: Map<string, number>,
      alone: number,
      shownLines: Map<string, number>,
    ) => {
      const parts = values.map((v, i) => {
        const total = v === NONE ? na : (list[i] as number);
        const mine = sums.get(v)!;
        const rest = book.cell(
          `S|${tag}|${q.name}|alone|${v}`,
          value(total).value - value(mine).value,
          value(total).verified - value(mine).verified,
          { showable: false },
        );
        book.sum(total, [mine, rest]);
        // The wave's count of this answer less the table's total of it: those who gave it then and did not
        // answer the question both times (answered one wave only, or left it out in the other). A count to
        // keep safe like any other (round 3, M3-11: the demo's 51 "less likely" in 2024 less the table's 48).
        const line = shownLines.get(v);
        if (line !== undefined) {
          const other = book.cell(
            `S|${tag}|${q.name}|not-both|${v}`,
            value(total).value - value(line).value,
            value(total).verified - value(line).verified,
            { showable: false },
          );
          book.sum(total, [line, other]);
        }
        return rest;
      });
      book.sum(alone, parts);
    };
    tie("A", catsA, naA, rowA, aloneA, rowShown);
    tie("B", catsB, naB, colB, aloneB, colShown);
    // Those who answered the question both times.
    const answeredPairs = q.values.flatMap((a) => q.values.map((b) => pair.get(`${a}\u0000${b}`)!));
    const nBase = answeredPairs.reduce((s, c) => s + value(c).value, 0);
    const base = book.cell(`S|${q.name}|base`, nBase, nBase);
    book.sum(base, answeredPairs);
    // Those who answered both waves but left this question out in one of them (an optional question, or
    // one shown only for some answers): "answered both" of a question beside everyone who answered
    // both gives their number, so it is a count to keep safe like any other (issue 21, round 3).
    const skipped = book.cell(`S|${q.name}|skipped`, input.both - nBase, input.both - nBase, { showable: false });
    book.sum(both, [base, skipped]);
    book.sum(base, [...rowShown.values()]);
    const entry: Built = { q, pair, rowShown, colShown, base };
    if (q.kind === "rating") {
      const group = (name: string, test: (i: number, j: number) => boolean) => {
        const parts = q.values.flatMap((a, i) =>
          q.values.flatMap((b, j) => (test(i, j) ? [pair.get(`${a}\u0000${b}`)!] : [])),
        );
        const n = parts.reduce((s, c) => s + value(c).value, 0);
        const cell = book.cell(`S|${q.name}|move|${name}`, n, n);
        if (parts.length) book.sum(cell, parts);
        return cell;
      };
      const stayed = group("stayed", (i, j) => i === j);
      const up = group("up", (i, j) => j > i);
      const down = group("down", (i, j) => j < i);
      book.sum(base, [stayed, up, down], true);
      entry.moves = [stayed, up, down];
    }
    built.push(entry);
  }
  if (!built.length) return none;
  // Counts that do not add up (a response changed while this ran): nothing is shown rather than a guess.
  if (book.cells.some((c) => c.value < 0 || c.verified < 0)) return none;

  // A republication of this wave (after late or changed responses): each figure of an earlier publication's
  // tables beside the same figure now differs by those late or changed respondents, a count kept safe like
  // any other (round 4, M4-3: "answered both" 21 → 23 gave 2 of the 5 late respondents). Its cells (shown
  // ones as facts, withheld ones as unknowns) and equations come in, with a change cell for each figure.
  const mine = book.cells.length;
  (input.before ?? [])
    .filter((p) => p.same.from === input.from)
    .forEach(({ same: r, record: wave }, i) => {
      const then = new Map<string, number>();
      // That publication's own figures of this wave (keyed as this book keys the current ones, "B…"), each tied
      // to the same figure now by a change cell: what a reader with both publications knows of the late answers.
      for (const [key, [all, verified, known]] of Object.entries(wave.cells))
        then.set(`B${key}`, book.cell(`P${i}B${key}`, all, verified, known ? { fixed: true } : { showable: false }));
      for (const [plus, minus] of wave.equations)
        book.equations.push({ plus: plus.map((k) => then.get(`B${k}`)!), minus: minus.map((k) => then.get(`B${k}`)!) });
      for (const [key, [all, verified, known]] of Object.entries(r.cells))
        then.set(key, book.cell(`P${i}|${key}`, all, verified, known ? { fixed: true } : { showable: false }));
      // The earlier wave's cells ("A…") are this book's own when they are the same figures (the same publication).
      const term = (key: string) => {
        if (!key.startsWith("A")) return then.get(key);
        const c = book.find(key);
        const was = input.earlier.cells[key.slice(1)];
        return c !== undefined && was !== undefined && value(c).value === was[0] ? c : undefined;
      };
      for (const [plus, minus] of r.equations) {
        const [p, m] = [plus.map(term), minus.map(term)];
        if (![...p, ...m].includes(undefined)) book.equations.push({ plus: p as number[], minus: m as number[] });
      }
      const changes = new Map<number, number>();
      for (const [key, earlier] of then) {
        const now = book.find(key);
        if (now === undefined || now >= mine) continue;
        const change = book.cell(
          `P${i}Δ|${key}`,
          value(now).value - value(earlier).value,
          value(now).verified - value(earlier).verified,
          { showable: false, signed: true },
        );
        book.sum(now, [earlier, change]);
        changes.set(now, change);
      }
      // Those who came into a question's table since (late answers) all giving one answer, then or now, is
      // a group disclosure like any other.
      for (const b of built) {
        const total = changes.get(b.base);
        for (const lines of [b.rowShown, b.colShown]) {
          const parts = [...lines.values()].map((c) => changes.get(c));
          if (total !== undefined && parts.length > 1 && parts.every((c) => c !== undefined))
            book.partitions.push({ total, parts: parts as number[] });
        }
      }
    });
  // The engine alone decides what is withheld: every relation above is in its book, and its audit reads
  // them as an LP reader does, ranges included (round 4: "answered both" 26 of a question, with 27 ≤ B ≤ 29
  // from another question's and the wave's size, gave 1..3 who were not shown it). No check after it.
  const protection = book.protect(k, false, true);
  const shown = (c: number) => value(c).showable && !protection.hidden.has(c);
  // What later publications of this wave read of these tables: every "S|…" cell and the equations among them
  // and the two waves' figures ("A…", "B…").
  const own = (c: number) => c < mine && book.keys[c]!.startsWith("S|");
  const tied = (c: number) => c < mine && /^(S\||[AB]\[)/.test(book.keys[c]!);
  const record: SameRecord = {
    from: input.from,
    cells: Object.fromEntries(
      book.keys.flatMap((key, c) =>
        own(c)
          ? [[key, [value(c).value, value(c).verified, protection.known(c) ? 1 : 0] as [number, number, 0 | 1]]]
          : [],
      ),
    ),
    equations: book.equations
      .filter((eq) => [...eq.plus, ...eq.minus].some(own) && [...eq.plus, ...eq.minus].every(tied))
      .map((eq): [string[], string[]] => [eq.plus.map((c) => book.keys[c]!), eq.minus.map((c) => book.keys[c]!)]),
  };
  for (const b of built) {
    const { q } = b;
    const countOf = (c: number) => (shown(c) ? value(c).value : null);
    out[q.name] = {
      from: input.from,
      to: input.to,
      kind: q.kind,
      answeredBoth: countOf(b.base),
      entries:
        q.kind === "single"
          ? q.values.flatMap((a) =>
              q.values.map((v) => ({ from: a, to: v, count: countOf(b.pair.get(`${a}\u0000${v}`)!) })),
            )
          : [],
      before: q.kind === "single" ? q.values.map((v) => ({ value: v, count: countOf(b.rowShown.get(v)!) })) : [],
      after: q.kind === "single" ? q.values.map((v) => ({ value: v, count: countOf(b.colShown.get(v)!) })) : [],
      ...(b.moves
        ? { moves: { stayed: countOf(b.moves[0]), up: countOf(b.moves[1]), down: countOf(b.moves[2]) } }
        : {}),
    };
  }
  return { tables: out, record };
}

/**
 * Each breakdown group of either wave: its published size is those of it who answered both waves plus
 * those who answered this wave alone; its members who answered both add up to everyone who did; and a
 * reader may take profiles as unchanged between waves, so that those of a group who answered both are
 * the same number in both waves (tied only where it is true). So a group's leavers or joiners of 1 to
 * k-1 (when one wave's respondents all answered the other, its sizes minus the other's) are guarded.
 */
function tieGroups(book: CellBook, input: SamePeopleInput, both: number): void {
  for (const [family, rows] of Object.entries(input.groups ?? {})) {
    const layouts = { A: input.earlier.groups[family], B: input.current.groups[family] };
    if (!layouts.A?.length) continue;
    if (!layouts.B?.length) {
      // This wave shows no such breakdown (sent to one segment, say): when all who answered both are of one
      // group of the earlier wave, a reader who knows the segment knows it, and that group's size less
      // them is its members who answered the earlier wave alone.
      const only = layouts.A.filter((g) => rows.some(([before]) => g.members.includes(before)));
      const size = only.length === 1 ? book.find(`A${cellKey("", "", family, only[0]!.id, "size")}`) : undefined;
      if (size !== undefined) {
        const g = only[0]!;
        const total = book.cells[size]!;
        const n = book.cells[both]!.value;
        const alone = book.cell(`S|A|${family}|${g.id}|alone`, total.value - n, total.verified - n, {
          showable: false,
        });
        book.sum(size, [both, alone]);
      }
      continue;
    }
    const bothOf: Record<"A" | "B", Map<string, number>> = { A: new Map(), B: new Map() };
    let complete = true;
    for (const tag of ["A", "B"] as const) {
      const members = layouts[tag]!;
      const cells: number[] = [];
      for (const g of members) {
        const n = rows
          .filter(([before, after]) => g.members.includes(tag === "A" ? before : after))
          .reduce((t, [, , c]) => t + c, 0);
        const sizeKey = cellKey("", "", family, g.id, "size");
        const size = book.find(`${tag}${sizeKey}`);
        if (size === undefined) {
          complete = false;
          continue;
        }
        const mine = book.cell(`S|${tag}|${family}|${g.id}|both`, n, n, { showable: false });
        const total = book.cells[size]!;
        const alone = book.cell(`S|${tag}|${family}|${g.id}|alone`, total.value - n, total.verified - n, {
          showable: false,
        });
        book.sum(size, [mine, alone]);
        bothOf[tag].set(g.id, mine);
        cells.push(mine);
      }
      const placed = cells.reduce((t, c) => t + book.cells[c]!.value, 0);
      if (complete && placed === book.cells[both]!.value) book.sum(both, cells);
    }
    // Unchanged profiles: the groups of the two waves that hold the same members hold the same people.
    if (!complete || rows.some(([before, after]) => before !== after)) continue;
    const key = (g: { members: string[] }) => [...g.members].sort().join("\u0000");
    for (const g of layouts.A!) {
      const twin: { id: string } | undefined = layouts.B!.find((h) => key(h) === key(g));
      const a = bothOf.A.get(g.id);
      const b = twin ? bothOf.B.get(twin.id) : undefined;
      if (a !== undefined && b !== undefined && book.cells[a]!.value === book.cells[b]!.value) book.sum(a, [b]);
    }
  }
}
