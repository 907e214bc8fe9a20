import { protect, type Cell, type Equation, type Partition, type System } from "./engine";

/** What a publication keeps, never served, of each cell: [all, verified, 1 when a reader could know it]. */
export type PrivateCells = Record<string, [number, number, 0 | 1]>;

/**
 * The cells of one publication with stable keys, the equations a reader knows between them, and
 * (against earlier publications of the wave) a delta for each cell the reader knew then.
 */
export class CellBook {
  readonly cells: Cell[] = [];
  readonly keys: string[] = [];
  readonly equations: Equation[] = [];
  readonly partitions: Partition[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly deltas = new Set<number>();

  /** A count; the same key twice returns the same cell. */
  cell(key: string, value: number, verified: number, options: { showable?: boolean; fixed?: boolean } = {}): number {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    this.cells.push({ value, verified, showable: options.showable ?? true, fixed: options.fixed });
    this.keys.push(key);
    this.byKey.set(key, this.cells.length - 1);
    return this.cells.length - 1;
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

  /**
   * Adds, for an earlier publication, a delta of every cell that publication had (now − then):
   * the same equations hold between deltas, and a delta follows its cell (hiding one hides both).
   * A reader knows a delta when they knew the cell then and know it now.
   */
  addDeltas(earlier: PrivateCells, tag: string): void {
    const current = this.cells.length;
    const delta = new Map<number, number>();
    for (let c = 0; c < current; c++) {
      const then = earlier[this.keys[c] as string];
      const cell = this.cells[c] as Cell;
      if (!then) continue;
      const d = this.cell(`Δ${tag}|${this.keys[c]}`, cell.value - then[0], cell.verified - then[1], { showable: cell.showable && then[2] === 1, fixed: cell.fixed });
      this.deltas.add(d);
      if (cell.showable) (this.cells[d] as Cell).follows = c;
      delta.set(c, d);
      // now − delta = then: known when the reader knew the cell then.
      if (then[2] === 1) this.equations.push({ plus: [c], minus: [d] });
    }
    const mapped = (list: number[]) => (list.every((c) => delta.has(c)) ? list.map((c) => delta.get(c) as number) : undefined);
    for (const eq of this.equations.slice()) {
      const plus = mapped(eq.plus);
      const minus = mapped(eq.minus);
      if (plus && minus && !(eq.plus.length === 1 && eq.minus.length === 1 && delta.get(eq.plus[0]!) === eq.minus[0])) this.equations.push({ plus, minus });
    }
    for (const p of this.partitions.slice()) {
      const parts = mapped(p.parts);
      const checked = p.checked ? mapped(p.checked) : undefined;
      const total = delta.get(p.total);
      if (parts && total !== undefined) this.partitions.push({ total, parts, checked });
    }
  }

  /** Protects every independent part of the book (cells tied by no equation are protected apart). */
  protect(k: number): { hidden: Set<number>; known: (c: number) => boolean } {
    const parent = this.cells.map((_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x] as number)));
    const join = (a: number, b: number) => (parent[find(a)] = find(b));
    for (const eq of this.equations) {
      const [first, ...rest] = [...eq.plus, ...eq.minus];
      for (const c of rest) join(first as number, c);
    }
    this.cells.forEach((cell, c) => cell.follows !== undefined && join(c, cell.follows));
    const components = new Map<number, number[]>();
    this.cells.forEach((_, c) => components.set(find(c), [...(components.get(find(c)) ?? []), c]));
    const hidden = new Set<number>();
    const derivable = new Set<number>();
    for (const members of components.values()) {
      if (members.length === 1 && !this.cells[members[0]!]!.follows) {
        const c = members[0] as number;
        const only = protect({ cells: [{ ...(this.cells[c] as Cell), follows: undefined }], equations: [], partitions: [] }, k);
        if (only.hidden.size) hidden.add(c);
        continue;
      }
      const index = new Map(members.map((c, i) => [c, i]));
      const local = (c: number) => index.get(c) as number;
      const system: System = {
        cells: members.map((c) => {
          const cell = this.cells[c] as Cell;
          return { ...cell, follows: cell.follows === undefined ? undefined : local(cell.follows) };
        }),
        equations: this.equations.filter((eq) => index.has(eq.plus[0] ?? eq.minus[0]!)).map((eq) => ({ plus: eq.plus.map(local), minus: eq.minus.map(local) })),
        partitions: this.partitions.filter((p) => index.has(p.total)).map((p) => ({ total: local(p.total), parts: p.parts.map(local), checked: p.checked?.map(local) })),
      };
      const result = protect(system, k);
      for (const c of result.hidden) hidden.add(members[c] as number);
      for (const c of result.derivable) derivable.add(members[c] as number);
    }
    const isHidden = (c: number) => !this.cells[c]!.showable || hidden.has(this.cells[c]!.follows ?? c);
    return { hidden, known: (c) => !isHidden(c) || derivable.has(c) };
  }

  /** What this publication keeps of its own cells (deltas excluded), for later publications to be checked against. */
  privateCells(known: (c: number) => boolean): PrivateCells {
    const out: PrivateCells = {};
    this.keys.forEach((key, c) => {
      if (this.deltas.has(c)) return;
      const cell = this.cells[c] as Cell;
      out[key] = [cell.value, cell.verified, known(c) ? 1 : 0];
    });
    return out;
  }
}
