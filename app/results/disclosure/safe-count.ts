// The rule every shown count meets (decision 007), on its own so that code which only needs the rule
// (merging groups, the report's views) does not load the engine and its solver.

/** Whether a count (and its verified part) may be known: 0, or at least k with verified 0 or at least k. */
export function safeCount(value: number, verified: number, k: number): boolean {
  const v = Math.abs(value);
  const w = Math.abs(verified);
  return v === 0 || (v >= k && (w === 0 || w >= k));
}
