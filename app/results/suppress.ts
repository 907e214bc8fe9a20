/**
 * Which groups of a breakdown must be hidden so that no figure describes fewer than k people:
 * every group under k, and, when that leaves a single hidden group, the next smallest one too,
 * so the hidden group cannot be worked out by subtracting the others from the total.
 */
export function suppressedGroups(groups: { key: string; base: number }[], k: number): Set<string> {
  const hidden = new Set(groups.filter((g) => g.base < k).map((g) => g.key));
  if (hidden.size === 1) {
    const next = groups.filter((g) => !hidden.has(g.key)).sort((a, b) => a.base - b.base || a.key.localeCompare(b.key))[0];
    if (next) hidden.add(next.key);
  }
  return hidden;
}

/** A percentage with one decimal, of a base (0 when the base is empty). */
export function percent(count: number, base: number): number {
  return base > 0 ? Math.round((count / base) * 1000) / 10 : 0;
}
