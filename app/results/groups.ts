import { safeCount } from "./disclosure/safe-count";

/** A group as a breakdown shows it: one profile value, or several merged into "other" (never named one by one). */
export interface MergedGroup {
  id: string;
  /** The profile values (or answers) it stands for, sorted. */
  members: string[];
  other: boolean;
  size: number;
  verified: number;
}

export interface BaseGroup {
  key: string;
  size: number;
  verified: number;
}

/** A breakdown's groups as an earlier publication showed them. */
export type EarlierGroups = { members: string[]; size: number; verified: number }[];

export const OTHER = "other";
/** Profile values that never make a group of their own ("Unknown": no profile). */
const NEVER_ALONE = new Set(["Unknown", ""]);

const idOf = (members: string[]) => [...members].sort().join("+");

/** Size and verified size of several groups together. */
function total(list: { size: number; verified: number }[]): [number, number] {
  return list.reduce<[number, number]>((s, g) => [s[0] + g.size, s[1] + g.verified], [0, 0]);
}

function build(shown: BaseGroup[], rest: BaseGroup[]): MergedGroup[] {
  const out: MergedGroup[] = shown.map((g) => ({
    id: idOf([g.key]),
    members: [g.key],
    other: false,
    size: g.size,
    verified: g.verified,
  }));
  if (rest.length) {
    const members = rest.map((g) => g.key).sort();
    const [size, verified] = total(rest);
    out.push({ id: idOf(members), members, other: true, size, verified });
  }
  return out;
}

/**
 * Blocks of base groups that two groupings of the same people both determine (the finest grouping
 * coarser than both): the only sets whose change between two publications a reader can compute.
 */
export function sharedBlocks(a: string[][], b: string[][]): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(x, r);
    return r;
  };
  for (const set of [...a, ...b]) for (const m of set) if (!parent.has(m)) parent.set(m, m);
  for (const set of [...a, ...b]) for (const m of set.slice(1)) parent.set(find(m), find(set[0] as string));
  const blocks = new Map<string, string[]>();
  for (const m of parent.keys()) blocks.set(find(m), [...(blocks.get(find(m)) ?? []), m]);
  return [...blocks.values()].map((b) => b.sort());
}

/**
 * Merges a breakdown's groups for publication: a group is shown on its own when its size is a safe
 * count (0, or at least k with a verified part of 0 or at least k); the others are merged into one
 * "other" group, which takes the smallest shown groups too until its own size is safe. Against each
 * earlier publication, every block both groupings determine must have changed by a safe count, or
 * more groups are merged. Shown groups come largest first, "other" last.
 */
export function mergeGroups(groups: BaseGroup[], k: number, earlier: EarlierGroups[] = []): MergedGroup[] {
  const sorted = groups.filter((g) => g.size > 0).sort((a, b) => b.size - a.size || a.key.localeCompare(b.key));
  const shown = sorted.filter((g) => !NEVER_ALONE.has(g.key) && safeCount(g.size, g.verified, k));
  const rest = sorted.filter((g) => !shown.includes(g));
  const sizeOf = (members: string[]) => {
    const set = new Set(members);
    return total(groups.filter((g) => set.has(g.key)));
  };
  for (;;) {
    const restSize = total(rest);
    let unsafe = rest.length > 0 && !safeCount(restSize[0], restSize[1], k);
    if (!unsafe) {
      const now = build(shown, rest).map((g) => g.members);
      unsafe = earlier.some((before) =>
        sharedBlocks(
          now,
          before.map((g) => g.members),
        ).some((block) => {
          const set = new Set(block);
          const then = total(before.filter((g) => g.members.some((m) => set.has(m))));
          const [size, verified] = sizeOf(block);
          return !safeCount(size - then[0], verified - then[1], k);
        }),
      );
    }
    if (!unsafe || shown.length === 0) break;
    rest.push(shown.pop() as BaseGroup);
  }
  return build(shown, rest);
}
