// The rule every shown count meets (decision 007), on its own so that code which only needs the rule
// (merging groups, the report's views) does not load the engine and its solver.

/**
 * Whether a count (and its verified part) may be known: 0, or at least k verified people. Open-link answers
 * never make a count visible (round 4's methodologist padded a group of 2 open-link outsiders with 3 made-up
 * answers; the old "or verified 0" let the 5 show). A wave with no verified answer at all counts every answer
 * as verified (results.server's vectorsOf), and its report says so.
 */
export function safeCount(value: number, verified: number, k: number): boolean {
  const v = Math.abs(value);
  const w = Math.abs(verified);
  return v === 0 || (v >= k && w >= k);
}
