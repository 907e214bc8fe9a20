import { sharedBlocks } from "../groups";
import { protect, type Cell, type Equation, type Partition, type System } from "./engine";
import { PUBLICATION_WORK, Work } from "./work";

let lastWork = 0;
/** The work units (./work.ts) the last protection in this thread used (npm run bench:publish prints them). */
export const lastProtectionWork = (): number => lastWork;

/** A cell's key: question, matrix row, breakdown, group and category ("base", "na", "o:<value>", …). */
export type CellKey = [question: string, row: string, family: string, group: string, category: string];
export const cellKey = (...parts: CellKey) => JSON.stringify(parts);

/** How a question's counts were laid out: its kind, rows, and categories with the answers each stands for. */
export interface QuestionLayout {
  kind: string;
  rows: string[];
  categories: { category: string; members: string[] }[];
}

/**
 * What a publication keeps for the server only, never served: each cell's counts ([all, verified,
 * 1 when a reader could know it]), the equations a reader knew between them, its groupings and its
 * questions' layouts. A later publication of the wave puts all of it into its own book.
 */
export interface PrivateRecord {
  cells: Record<string, [number, number, 0 | 1]>;
  equations: [string[], string[]][];
  groups: Record<string, { id: string; members: string[]; size: number; verified: number }[]>;
  questions: Record<string, QuestionLayout>;
  /** A series wave's same-people tables against the wave before it (../same-people.ts), kept the same way. */
  same?: SameRecord;
}

/** The cells of a publication's same-people tables ("S|…" keys) and the equations among them, against wave `from`. */
export interface SameRecord {
  from: string;
  cells: Record<string, [number, number, 0 | 1]>;
  equations: [string[], string[]][];
}

/** Categories that are the same thing in every publication, whatever the answers folded into "other". */
const FIXED = (category: string) => !category.startsWith("o:");

/**
 * The cells of one publication with stable keys, the equations a reader knows between them, the
 * answer partitions checked for group disclosure, and (against each earlier publication of the wave)
 * that publication's own cells and equations plus a "change" cell for every set of respondents both
 * determine: the engine keeps every such change a safe count too.
 */
export class CellBook {
  readonly cells: Cell[] = [];
  readonly keys: string[] = [];
  readonly equations: Equation[] = [];
  readonly partitions: Partition[] = [];
  private readonly byKey = new Map<string, number>();
  /** Cells of this publication (the others belong to earlier publications or are changes). */
  private own = 0;
  private sealed = false;

  /** A count; the same key twice returns the same cell. */
  cell(
    key: string,
    value: number,
    verified: number,
    options: { showable?: boolean; fixed?: boolean; signed?: boolean } = {},
  ): number {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    this.cells.push({
      value,
      verified,
      showable: options.showable ?? true,
      fixed: options.fixed,
      ...(options.signed ? { signed: true } : {}),
    });
    this.keys.push(key);
    this.byKey.set(key, this.cells.length - 1);
    if (!this.sealed) this.own = this.cells.length;
    return this.cells.length - 1;
  }

  find(key: string): number | undefined {
    return this.byKey.get(key);
  }

  /**
   * total = Σ parts, known to the reader. `answers` marks it an answer partition, checked for group
   * disclosure (all its parts, or those listed).
   */
  sum(total: number, parts: number[], answers: boolean | number[] = false): void {
    if (parts.length === 0) return;
    this.equations.push({ plus: [total], minus: parts });
    if (answers) this.partitions.push({ total, parts, checked: answers === true ? undefined : answers });
  }

  /** What this publication keeps for later ones (see PrivateRecord); call after `protect`. */
  record(
    known: (c: number) => boolean,
    groups: PrivateRecord["groups"],
    questions: PrivateRecord["questions"],
  ): PrivateRecord {
    const cells: PrivateRecord["cells"] = {};
    for (let c = 0; c < this.own; c++)
      cells[this.keys[c] as string] = [this.cells[c]!.value, this.cells[c]!.verified, known(c) ? 1 : 0];
    const mine = (eq: Equation) => [...eq.plus, ...eq.minus].every((c) => c < this.own);
    const equations = this.equations
      .filter(mine)
      .map((eq): [string[], string[]] => [eq.plus.map((c) => this.keys[c]!), eq.minus.map((c) => this.keys[c]!)]);
    return { cells, equations, groups, questions };
  }

  /**
   * Adds an earlier publication: its cells (known ones as constants, hidden ones as unknowns), its
   * equations, and a change cell for each block of groups (and of folded answers) that both
   * publications determine, defined as the counts now minus the counts then.
   */
  addEarlier(earlier: PrivateRecord, tag: string, now: Pick<PrivateRecord, "groups" | "questions">): void {
    this.sealed = true;
    const then = new Map<string, number>();
    for (const [key, [all, verified, known]] of Object.entries(earlier.cells)) {
      then.set(key, this.cell(`${tag}${key}`, all, verified, known ? { fixed: true } : { showable: false }));
    }
    for (const [plus, minus] of earlier.equations) {
      if ([...plus, ...minus].every((k) => then.has(k)))
        this.equations.push({ plus: plus.map((k) => then.get(k)!), minus: minus.map((k) => then.get(k)!) });
    }
    type G = { id: string; members: string[]; size?: number };
    const wholeKey = cellKey("", "", "*", "*", "size");
    const wholeNow = this.find(wholeKey);
    const families: [string, G[], G[]][] = [
      [
        "*",
        [{ id: "*", members: ["*"], size: wholeNow === undefined ? undefined : this.cells[wholeNow]!.value }],
        [{ id: "*", members: ["*"], size: earlier.cells[wholeKey]?.[0] }],
      ],
    ];
    for (const [family, groups] of Object.entries(now.groups))
      if (earlier.groups[family]) families.push([family, groups, earlier.groups[family]!]);
    for (const [name, layout] of Object.entries(now.questions)) {
      const before = earlier.questions[name];
      if (!before || before.kind !== layout.kind) continue;
      const blocksOfAnswers = sharedBlocks(
        layout.categories.filter((c) => !FIXED(c.category)).map((c) => c.members),
        before.categories.filter((c) => !FIXED(c.category)).map((c) => c.members),
      );
      const fixed = [...new Set(layout.categories.filter((c) => FIXED(c.category)).map((c) => c.category))].map((c) => [
        c,
      ]);
      // A ranking's positions below the first ("p2:a", …) are cells of their own, not categories: their changes are
      // guarded like the first places' (round 4, M4-1: five late respondents' last places were last-place counts'
      // differences between the two publications).
      const ranked = (l: QuestionLayout) =>
        l.kind === "ranking"
          ? l.categories.filter((c) => c.category.startsWith("o:")).map((c) => c.category.slice(2))
          : [];
      const options = ranked(layout).filter((v) => ranked(before).includes(v));
      const positions = Array.from({ length: Math.max(0, ranked(layout).length - 1) }, (_, p) => p + 2).flatMap((p) =>
        options.map((v) => [`p${p}:${v}`]),
      );
      const categoryBlocks = [
        ...fixed.map((c) => ({ id: c[0]!, now: c, then: c })),
        ...positions.map((c) => ({ id: c[0]!, now: c, then: c })),
        ...blocksOfAnswers.map((block) => ({
          id: `o:${block.join("+")}`,
          now: layout.categories
            .filter((c) => !FIXED(c.category) && c.members.some((m) => block.includes(m)))
            .map((c) => c.category),
          then: before.categories
            .filter((c) => !FIXED(c.category) && c.members.some((m) => block.includes(m)))
            .map((c) => c.category),
        })),
      ];
      for (const row of layout.rows) {
        for (const [family, groupsNow, groupsThen] of families) {
          for (const block of sharedBlocks(
            groupsNow.map((g) => g.members),
            groupsThen.map((g) => g.members),
          )) {
            const inBlock = (g: { members: string[] }) => g.members.some((m) => block.includes(m));
            // A reader who sees a block of groups the same size in both publications takes it that nothing changed
            // there (round 4, M4-2): a change that is truly 0 in such a block is known to be 0, so the two
            // publications' shown cells are read together. (A change that is not 0 there stays unknown.)
            const sizeIn = (gs: G[]) => gs.filter(inBlock).reduce((n, g) => n + (g.size ?? NaN), 0);
            const sameSize = sizeIn(groupsNow) === sizeIn(groupsThen);
            const changes = new Map<string, number>();
            for (const cb of categoryBlocks) {
              const nowCells = groupsNow
                .filter(inBlock)
                .flatMap((g) => cb.now.map((c) => this.find(cellKey(name, row, family, g.id, c))));
              const thenCells = groupsThen
                .filter(inBlock)
                .flatMap((g) => cb.then.map((c) => then.get(cellKey(name, row, family, g.id, c))));
              if (
                !nowCells.length ||
                !thenCells.length ||
                nowCells.includes(undefined) ||
                thenCells.includes(undefined)
              )
                continue;
              const sumOf = (list: number[]) =>
                list.reduce<[number, number]>(
                  (s, c) => [s[0] + this.cells[c]!.value, s[1] + this.cells[c]!.verified],
                  [0, 0],
                );
              const [na, nv] = sumOf(nowCells as number[]);
              const [ta, tv] = sumOf(thenCells as number[]);
              const d = this.cell(
                `${tag}Δ${JSON.stringify([name, row, family, block.join("+"), cb.id])}`,
                na - ta,
                nv - tv,
                sameSize && na === ta && nv === tv ? { fixed: true } : { showable: false, signed: true },
              );
              this.equations.push({ plus: [d, ...(thenCells as number[])], minus: nowCells as number[] });
              changes.set(cb.id, d);
            }
            // The newcomers of a group all giving one answer is a group disclosure too.
            const base = changes.get("base");
            const answers = [...changes].filter(([id]) => id.startsWith("o:")).map(([, d]) => d);
            if (base !== undefined && answers.length > 1) {
              if (layout.kind === "multi") {
                for (const [id, d] of changes)
                  if (id.startsWith("o:"))
                    this.partitions.push({
                      total: base,
                      parts: [d, changes.get(`not:${id.slice(2)}`) ?? d],
                      checked: [d],
                    });
              } else {
                this.partitions.push({ total: base, parts: answers });
              }
            }
          }
        }
      }
    }
  }

  /**
   * Protects every independent part of the book (cells tied by no equation are protected apart).
   * `farther`: a pinned cell with nothing to hide in its own equations or theirs gets the nearest shown
   * count tied to it through unknowns hidden (engine.ts), rather than being taken as pinned anyway.
   */
  protect(k: number, primaryOnly = false, farther = false): { hidden: Set<number>; known: (c: number) => boolean } {
    const parent = this.cells.map((_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x] as number)));
    for (const eq of this.equations) {
      const [first, ...rest] = [...eq.plus, ...eq.minus];
      for (const c of rest) parent[find(first as number)] = find(c);
    }
    const components = new Map<number, number[]>();
    this.cells.forEach((_, c) => components.set(find(c), [...(components.get(find(c)) ?? []), c]));
    const hidden = new Set<number>();
    const derivable = new Set<number>();
    // One publication's audit may do PUBLICATION_WORK units of work (./work.ts): past it, the systems left are withheld
    // whole (but for what a reader knows anyway) rather than checked. Counted, not timed: load changes nothing.
    const work = new Work(PUBLICATION_WORK);
    for (const members of components.values()) {
      const index = new Map(members.map((c, i) => [c, i]));
      const local = (c: number) => index.get(c) as number;
      const system: System = {
        cells: members.map((c) => this.cells[c] as Cell),
        equations: this.equations
          .filter((eq) => index.has(eq.plus[0] ?? eq.minus[0]!))
          .map((eq) => ({ plus: eq.plus.map(local), minus: eq.minus.map(local) })),
        partitions: this.partitions
          .filter((p) => index.has(p.total))
          .map((p) => ({ total: local(p.total), parts: p.parts.map(local), checked: p.checked?.map(local) })),
      };
      const result = protect(system, k, primaryOnly, work, farther);
      for (const c of result.hidden) hidden.add(members[c] as number);
      for (const c of result.derivable) derivable.add(members[c] as number);
    }
    lastWork = work.used;
    const isHidden = (c: number) => !this.cells[c]!.showable || hidden.has(c);
    return { hidden, known: (c) => !isHidden(c) || derivable.has(c) };
  }
}
