import { ORGANISATION_TYPES, ROLE_CATEGORIES } from "~/lib/profile-options";
import type { QuestionFigures } from "./figures";
import type { Snapshot } from "./snapshot";

export interface SegmentChoice {
  kind: "region" | "organisationType" | "roleCategory";
  key: string;
  label: string;
}

const choicesBySnapshot = new WeakMap<Snapshot, SegmentChoice[]>(); // publications are kept in memory and never change

/** The groups a reader may compare with everyone: those shown (not suppressed) in the snapshot. */
export function segmentChoices(s: Snapshot): SegmentChoice[] {
  const known = choicesBySnapshot.get(s);
  if (known) return known;
  const out: SegmentChoice[] = s.regions.filter((r) => !r.suppressed).map((r) => ({ kind: "region" as const, key: r.region, label: r.region }));
  for (const [kind, labels] of [["organisationType", ORGANISATION_TYPES], ["roleCategory", ROLE_CATEGORIES]] as const) {
    const seen = new Map<string, boolean>();
    for (const groups of Object.values(s.breakdowns?.[kind] ?? {})) for (const g of groups) if (!g.suppressed && g.group !== "Unknown") seen.set(g.group, true);
    for (const key of seen.keys()) out.push({ kind, key, label: (labels as Record<string, string>)[key] ?? key });
  }
  choicesBySnapshot.set(s, out);
  return out;
}

/** The segment a `segment` query parameter names, when the snapshot shows it: "region:<name>", "organisationType:<code>", "roleCategory:<code>" or a bare region. */
export function chosenSegment(s: Snapshot, asked: string): SegmentChoice | null {
  const [kind, ...rest] = asked.includes(":") ? asked.split(":") : ["region", asked];
  const key = rest.join(":");
  return segmentChoices(s).find((x) => x.kind === kind && x.key === key) ?? null;
}

/**
 * The figures the published page shows for one reading: each question with, when comparing, only
 * the group compared (the snapshot holds every group of every breakdown), and long option lists
 * (246 countries) trimmed to the options someone chose, as the chart shows them.
 */
export function pageSnapshot(snapshot: Snapshot, segment: SegmentChoice | null): Snapshot {
  const groupsOf = (q: QuestionFigures) => (!segment ? [] : segment.kind === "region" ? q.groups : (snapshot.breakdowns?.[segment.kind]?.[q.name] ?? []));
  const trim = (q: QuestionFigures): QuestionFigures => {
    const groups = groupsOf(q).filter((g) => g.group === segment?.key);
    if (q.options.length <= 12) return { ...q, groups };
    const keep = q.options.flatMap((o, i) => ((o.count ?? 0) > 0 ? [i] : []));
    const pick = <T>(xs: T[]) => keep.flatMap((i) => (xs[i] === undefined ? [] : [xs[i] as T]));
    return { ...q, options: pick(q.options), groups: groups.map((g) => ({ ...g, options: pick(g.options) })) };
  };
  const { breakdowns: _all, ...shown } = snapshot;
  return { ...shown, questions: snapshot.questions.map(trim) };
}

/** A reader's own choices by question, to mark "you" on the charts (choices only, never free text). */
export function ownChoices(answers: Record<string, unknown> | null): Record<string, string[]> {
  const mine: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(answers ?? {})) mine[k] = Array.isArray(v) ? v.map(String) : typeof v === "object" && v ? [] : [String(v)];
  return mine;
}
