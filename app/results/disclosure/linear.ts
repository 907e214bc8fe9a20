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
