/**
 * Whether a group's share differs from everyone else's by more than chance would explain: a
 * two-proportion z-test at 95% (two-sided, |z| ≥ 1.96), on the published counts only (the group's,
 * and everyone's minus the group's). No verdict when either side is too small for the normal
 * approximation (fewer than 5 expected in any of the four cells) or a figure is withheld.
 */
export type Difference = "higher" | "lower" | null;

/** The two-sided 95% point of the standard normal distribution. */
export const Z_95 = 1.959964;

export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): number | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  for (const n of [n1, n2]) if (n * pooled < 5 || n * (1 - pooled) < 5) return null;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return null;
  return (x1 / n1 - x2 / n2) / se;
}

/** A group (count of base) against the rest of everyone (whole count of whole base, minus the group). */
export function differenceFromRest(
  group: { count: number | null; base: number | null },
  whole: { count: number | null; base: number | null },
): Difference {
  if (group.count === null || group.base === null || whole.count === null || whole.base === null) return null;
  const restCount = whole.count - group.count;
  const restBase = whole.base - group.base;
  if (restCount < 0 || restBase <= 0 || restCount > restBase) return null;
  const z = twoProportionZ(group.count, group.base, restCount, restBase);
  if (z === null || Math.abs(z) < Z_95) return null;
  return z > 0 ? "higher" : "lower";
}
