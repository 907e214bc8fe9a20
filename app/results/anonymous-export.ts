// Response exports of an anonymous wave (issue 21): the panel team gets every answer, but no column,
// row order or id links a row to a person. The profile snapshot, the answers to profile questions,
// the completion time and the source are quasi-identifiers: the invitations export (and the panel's)
// says who is where and who completed when. They are generalised together, over a small lattice
// (week → dropped; country → region → dropped; organisation type → dropped; role → dropped;
// source → dropped), to the most detailed level at which every combination of what is left describes
// at least k responses. Then no set of columns, however an editor joins it to a list of people,
// narrows a row down to fewer than k people, nor a person to fewer than k rows. Identifying answers
// the lattice does not cover (organisation, job title, a name, an email…) are left out. Rows are
// shuffled and get ids made for this download only.
import { randomInt, randomUUID } from "node:crypto";
import type { ExportRow } from "./export-table";
import type { QuestionSpec } from "./questions";

/** How far each quasi-identifier was generalised for one download. */
export interface Generalisation {
  k: number;
  completion: "week" | "dropped";
  source: "kept" | "dropped";
  geography: "country" | "region" | "dropped";
  organisationType: "kept" | "dropped";
  roleCategory: "kept" | "dropped";
  /** Questions left out: they place a person and no level of the lattice covers them. */
  omittedQuestions: string[];
}

/** Where the profile questions' answers are in a response's data (see lib/profile-questions). */
export interface ProfileKeys {
  country?: string;
  organisationType?: string;
  roleCategory?: string;
  /** Free-text profile questions (organisation, job title): always left out. */
  others: string[];
}

/** A response as the anonymous export writes it: the week of fieldwork instead of a time. */
export interface AnonymousRow extends ExportRow {
  week: number | null;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The week of fieldwork (1 = the first seven days from opening) a time falls in. */
export function fieldworkWeek(at: Date, opensAt: Date): number {
  return Math.max(1, Math.floor((at.getTime() - opensAt.getTime()) / WEEK_MS) + 1);
}

interface Node {
  week: 0 | 1;
  source: 0 | 1;
  geo: 0 | 1 | 2;
  org: 0 | 1;
  role: 0 | 1;
}

// What each level keeps is worth to a reader of the export: geography and organisation first.
const utility = (n: Node) =>
  (n.week ? 0 : 1) + (n.source ? 0 : 1) + [4, 3, 0][n.geo]! + (n.org ? 0 : 3) + (n.role ? 0 : 3);

const LATTICE: Node[] = (() => {
  const out: Node[] = [];
  for (const week of [0, 1] as const)
    for (const source of [0, 1] as const)
      for (const geo of [0, 1, 2] as const)
        for (const org of [0, 1] as const)
          for (const role of [0, 1] as const) out.push({ week, source, geo, org, role });
  // The most detailed first; among equals, the finer geography.
  return out.sort((a, b) => utility(b) - utility(a) || a.geo - b.geo);
})();

/** The values of one response a reader could match to a list of people, each at every level. */
interface Quasi {
  week: string;
  source: string;
  country: string;
  region: string;
  org: string;
  role: string;
}

const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));

function quasiOf(row: ExportRow, opensAt: Date, keys: ProfileKeys): Quasi {
  const answer = (key: string | undefined) => (key ? text(row.data[key]) + "|" + text(row.data[`${key}-Comment`]) : "");
  return {
    week: row.completedAt ? String(fieldworkWeek(row.completedAt, opensAt)) : "",
    source: row.source,
    country: `${text(row.country)}|${answer(keys.country)}`,
    region: text(row.region),
    org: `${text(row.organisationType)}|${answer(keys.organisationType)}`,
    role: `${text(row.roleCategory)}|${answer(keys.roleCategory)}`,
  };
}

function keyAt(q: Quasi, n: Node): string {
  return [
    n.week ? "" : q.week,
    n.source ? "" : q.source,
    n.geo === 0 ? `${q.country}|${q.region}` : n.geo === 1 ? q.region : "",
    n.org ? "" : q.org,
    n.role ? "" : q.role,
  ].join("\u0000");
}

/** Whether every combination at this level describes at least k rows. */
function holds(quasi: Quasi[], n: Node, k: number): boolean {
  const counts = new Map<string, number>();
  for (const q of quasi) {
    const key = keyAt(q, n);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const c of counts.values()) if (c < k) return false;
  return true;
}

/** Crypto-random Fisher–Yates: the order says nothing about when a row came in. */
function shuffled<T>(items: T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The questions that place a person and that no level of the lattice covers (left out of the export). */
export function omittedQuestions(specs: QuestionSpec[], keys: ProfileKeys): string[] {
  const covered = new Set([keys.country, keys.organisationType, keys.roleCategory].filter(Boolean));
  return specs
    .filter((s) => (s.identifying && !covered.has(s.name)) || keys.others.includes(s.name))
    .map((s) => s.name);
}

/**
 * The rows of an anonymous wave's export: generalised to the most detailed level of the lattice at
 * which every combination of quasi-identifiers describes at least k rows, shuffled, with fresh ids.
 * Null when fewer than k responses are complete (no level can hold then). Yields to the event loop
 * between the levels it tries, so a large wave does not hold up other requests.
 */
export async function anonymise(
  rows: ExportRow[],
  options: { k: number; opensAt: Date; keys: ProfileKeys; omitted: string[] },
): Promise<{ rows: AnonymousRow[]; generalisation: Generalisation } | null> {
  const k = Math.max(1, options.k);
  if (rows.length < k) return null;
  const quasi = rows.map((r) => quasiOf(r, options.opensAt, options.keys));
  let chosen: Node | undefined;
  for (const node of LATTICE) {
    if (holds(quasi, node, k)) {
      chosen = node;
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  // The top of the lattice (everything dropped) is one combination of every row, so it holds.
  const n = chosen ?? LATTICE[LATTICE.length - 1]!;
  const { keys } = options;
  const leaveOut = new Set([...options.omitted, ...keys.others]);
  const out = rows.map((r): AnonymousRow => {
    const data: Record<string, unknown> = { ...r.data };
    const drop = (key: string | undefined) => {
      if (!key) return;
      delete data[key];
      delete data[`${key}-Comment`];
    };
    for (const key of leaveOut) drop(key);
    if (n.geo > 0) drop(keys.country);
    if (n.org) drop(keys.organisationType);
    if (n.role) drop(keys.roleCategory);
    return {
      id: randomUUID(),
      completedAt: null,
      week: n.week || !r.completedAt ? null : fieldworkWeek(r.completedAt, options.opensAt),
      source: n.source ? "" : r.source,
      country: n.geo === 0 ? r.country : null,
      region: n.geo < 2 ? r.region : null,
      organisationType: n.org ? null : r.organisationType,
      roleCategory: n.role ? null : r.roleCategory,
      data,
    };
  });
  return {
    rows: shuffled(out),
    generalisation: {
      k,
      completion: n.week ? "dropped" : "week",
      source: n.source ? "dropped" : "kept",
      geography: (["country", "region", "dropped"] as const)[n.geo],
      organisationType: n.org ? "dropped" : "kept",
      roleCategory: n.role ? "dropped" : "kept",
      omittedQuestions: [...leaveOut],
    },
  };
}
