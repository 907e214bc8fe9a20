// Exact linear algebra over the integers for small systems: which linear combinations of unknown
// cells follow from published equations. A combination t of the unknowns is determined exactly when
// t lies in the row space of the equations' coefficients (restricted to the unknowns); the published
// values then give its value whatever the unknowns are. Fraction-free elimination with BigInt keeps
// it exact (the systems here are sparse 0/±1 matrices with tens to a few hundred unknowns).

/** A row vector over the unknowns, as a sparse map from unknown index to coefficient. */
export type SparseRow = Map<number, bigint>;

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

function normalise(row: SparseRow): SparseRow {
  let g = 0n;
  for (const v of row.values()) g = gcd(g, v);
  if (g > 1n) for (const [k, v] of row) row.set(k, v / g);
  return row;
}

/** An echelon basis of a row space, built row by row; answers whether a vector lies in it. */
export class RowSpace {
  /** Pivot column → the basis row whose leading unknown it is. */
  private readonly pivots = new Map<number, SparseRow>();

  get rank(): number {
    return this.pivots.size;
  }

  /** The vector with every basis row's pivot eliminated; empty when it lies in the row space. */
  private reduce(vector: SparseRow): SparseRow {
    const v = new Map(vector);
    // Eliminate pivots in ascending order; a basis row only holds columns at or after its pivot
    // that are not themselves pivots of earlier rows, so one pass in pivot order suffices.
    for (;;) {
      let col = -1;
      for (const k of v.keys()) if (this.pivots.has(k) && (col < 0 || k < col)) col = k;
      if (col < 0) return v;
      const row = this.pivots.get(col) as SparseRow;
      const a = row.get(col) as bigint;
      const b = v.get(col) as bigint;
      // v := a·v − b·row, which clears column `col`.
      for (const [k, x] of v) v.set(k, a * x);
      for (const [k, x] of row) {
        const next = (v.get(k) ?? 0n) - b * x;
        if (next === 0n) v.delete(k);
        else v.set(k, next);
      }
      normalise(v);
    }
  }

  /** Adds an equation's coefficients; returns whether it raised the rank. */
  add(vector: SparseRow): boolean {
    const v = this.reduce(vector);
    if (v.size === 0) return false;
    const pivot = Math.min(...v.keys());
    // Keep the basis reduced: clear this pivot column from rows already in the basis.
    const a = v.get(pivot) as bigint;
    for (const row of this.pivots.values()) {
      const b = row.get(pivot);
      if (b === undefined) continue;
      for (const [k, x] of row) row.set(k, a * x);
      for (const [k, x] of v) {
        const next = (row.get(k) ?? 0n) - b * x;
        if (next === 0n) row.delete(k);
        else row.set(k, next);
      }
      normalise(row);
    }
    this.pivots.set(pivot, normalise(v));
    return true;
  }

  /** Whether a combination of the unknowns follows from the equations added so far. */
  contains(vector: SparseRow): boolean {
    return vector.size === 0 || this.reduce(vector).size === 0;
  }
}

/** A sparse row from (unknown, coefficient) pairs, adding repeated unknowns. */
export function sparse(terms: Iterable<[number, number]>): SparseRow {
  const row: SparseRow = new Map();
  for (const [k, c] of terms) {
    const next = (row.get(k) ?? 0n) + BigInt(c);
    if (next === 0n) row.delete(k);
    else row.set(k, next);
  }
  return row;
}

/** A prime below 2^25: products of two residues stay below 2^50, exact in a double. */
const P = 33_554_393;

function inverse(a: number): number {
  // Fermat: a^(P−2) mod P, by squaring (every product below 2^50).
  let result = 1;
  let base = a % P;
  for (let e = P - 2; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = (result * base) % P;
    base = (base * base) % P;
  }
  return result;
}

/**
 * The unknowns whose value follows from the equations (each row a list of (unknown, coefficient)):
 * those whose unit vector lies in the rows' span. One reduced row echelon form, worked modulo a
 * prime (fast, where the exact RowSpace above costs a BigInt elimination per question); an unknown
 * is determined when it leads a row with nothing else in it. Modulo a prime a row space can only
 * grow (a minor divisible by it), never shrink, and for these 0/±1 systems of counts that takes a
 * determinant of 33,554,393 or more; a cell wrongly taken as worked out would still meet the LP audit.
 */
export function determinedUnknowns(rows: Iterable<[number, number][]>): Set<number> {
  /** Pivot column → its row (reduced: no other pivot column in it, pivot coefficient 1). */
  const pivots = new Map<number, Map<number, number>>();
  /** Column → the pivot columns whose rows hold it. */
  const holders = new Map<number, Set<number>>();
  const hold = (col: number, pivot: number) => {
    let set = holders.get(col);
    if (!set) holders.set(col, (set = new Set()));
    set.add(pivot);
  };
  for (const terms of rows) {
    const row = new Map<number, number>();
    for (const [c, a] of terms) {
      const v = ((((row.get(c) ?? 0) + a) % P) + P) % P;
      if (v === 0) row.delete(c);
      else row.set(c, v);
    }
    // Reduce by every pivot it holds (pivot rows hold no other pivot column, so one pass does it).
    for (const col of [...row.keys()]) {
      const pivotRow = pivots.get(col);
      const f = row.get(col);
      if (!pivotRow || f === undefined) continue;
      for (const [c, a] of pivotRow) {
        const v = ((((row.get(c) ?? 0) - ((f * a) % P)) % P) + P) % P;
        if (v === 0) row.delete(c);
        else row.set(c, v);
      }
    }
    if (row.size === 0) continue;
    // The new pivot: the column held by the fewest rows (least fill-in), scaled to 1.
    let pivot = -1;
    let fewest = Infinity;
    for (const c of row.keys()) {
      const n = holders.get(c)?.size ?? 0;
      if (n < fewest) [pivot, fewest] = [c, n];
    }
    const inv = inverse(row.get(pivot)!);
    for (const [c, a] of row) row.set(c, (a * inv) % P);
    // Clear it from the rows that hold it.
    for (const other of [...(holders.get(pivot) ?? [])]) {
      const r = pivots.get(other)!;
      const f = r.get(pivot)!;
      for (const [c, a] of row) {
        const v = ((((r.get(c) ?? 0) - ((f * a) % P)) % P) + P) % P;
        if (v === 0) {
          r.delete(c);
          holders.get(c)?.delete(other);
        } else {
          if (!r.has(c)) hold(c, other);
          r.set(c, v);
        }
      }
    }
    holders.delete(pivot);
    pivots.set(pivot, row);
    for (const c of row.keys()) if (c !== pivot) hold(c, pivot);
  }
  const out = new Set<number>();
  for (const [col, row] of pivots) if (row.size === 1) out.add(col);
  return out;
}
