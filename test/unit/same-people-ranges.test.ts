// Change among the same people read as a methodologist reads it (issue 21, round 4: M3-4 and M3-5 as
// ranges). Nobody is told how many answered both waves (B), but a reader brackets it: at least the
// largest published "answered this question in both" (or the sum of a table's shown totals), at most
// the smaller wave. Then B − "answered both" of a question is a range of people who left it out, and a
// group's leavers are its size then less its size now plus 0 to (wave 2 − B) newcomers. Neither range
// may lie within 1..k-1. The reader here is written from the published figures alone, not from the
// engine's equations. The fixture is the methodologist's probe in small: 35 answer wave 1, 29 of them
// wave 2 (no newcomers); an optional question 2 of them skip, a conditional one 3 of them are not shown.
import { describe, expect, it } from "vitest";
import { resultFigures, type ResultFigures } from "~/results/figures";
import type { PrivateRecord, SameRecord } from "~/results/disclosure/book";
import { samePeopleFigures, type SamePeopleInput } from "~/results/same-people";
import type { SamePeople } from "~/results/series";
import { syntheticInput, type SyntheticRespondent } from "../../harness/synthetic-wave";

const K = 5;
const definition = {
  elements: [
    { type: "radiogroup", name: "offer", isRequired: true, choices: ["yes", "planned", "no"] },
    { type: "radiogroup", name: "opt", choices: ["a", "b"] },
    {
      type: "radiogroup",
      name: "notPlanned",
      isRequired: true,
      visibleIf: "{offer} != 'planned'",
      choices: ["x", "y"],
    },
    { type: "rating", name: "score", isRequired: true, rateMin: 1, rateMax: 5 },
  ],
};
const QUESTIONS = [
  { name: "offer", kind: "single" as const, values: ["yes", "planned", "no"] },
  { name: "opt", kind: "single" as const, values: ["a", "b"] },
  { name: "notPlanned", kind: "single" as const, values: ["x", "y"] },
  { name: "score", kind: "rating" as const, values: ["1", "2", "3", "4", "5"] },
];

type Person = { id: number; r: SyntheticRespondent };

/**
 * Both waves' publications and the same-people tables between them, as a series wave publishes them;
 * `republished`: the second wave's earlier publication, whose records this one is protected against.
 */
function series(first: Person[], second: Person[], republished?: { record: PrivateRecord; same: SameRecord }) {
  const publish = (wave: Person[], earlier?: PrivateRecord) =>
    resultFigures({
      ...syntheticInput(
        wave.map((p) => p.r),
        K,
        true,
        definition,
      ),
      ...(earlier ? { earlier: [earlier] } : {}),
    });
  const a = publish(first);
  const b = publish(second, republished?.record);
  const then = new Map(first.map((p) => [p.id, p.r]));
  const stayers = second.filter((p) => then.has(p.id));
  const tally = (key: (before: SyntheticRespondent, after: SyntheticRespondent) => [string, string]) => {
    const counts = new Map<string, number>();
    for (const p of stayers) {
      const k = key(then.get(p.id)!, p.r).join("\u0000");
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return [...counts].map(([k, n]) => [...k.split("\u0000"), n] as [string, string, number]);
  };
  const answer = (r: SyntheticRespondent, name: string) => (r.data[name] === undefined ? "" : String(r.data[name]));
  const input: SamePeopleInput = {
    task: "same-people",
    k: K,
    from: "w1",
    to: "w2",
    both: stayers.length,
    groups: {
      region: tally((x, y) => [x.region, y.region]),
      roleCategory: tally((x, y) => [x.role, y.role]),
    },
    earlier: a.record,
    current: b.record,
    questions: QUESTIONS.map((q) => ({ ...q, pairs: tally((x, y) => [answer(x, q.name), answer(y, q.name)]) })),
    ...(republished ? { before: [{ same: republished.same, record: republished.record }] } : {}),
  };
  const { tables, record } = samePeopleFigures(input);
  return { a: a.figures, b: b.figures, same: tables, record: b.record, kept: record };
}

/** What a reader proves from the published figures: ranges of 1..k-1 people (M3-4, M3-5) and exact margins (M3-11). */
function readerFindings(a: ResultFigures, b: ResultFigures, same: Record<string, SamePeople>): string[] {
  const nA = a.respondents!;
  const nB = b.respondents!;
  const sum = (xs: (number | null)[]) =>
    xs.length && xs.every((x) => x !== null) ? xs.reduce((s, x) => s! + x!, 0) : null;
  // Everyone who answered both is at least any count of those who answered one question both times.
  const lows = Object.values(same).flatMap((t) => [
    t.answeredBoth,
    sum(t.entries.map((e) => e.count)),
    sum(t.before.map((e) => e.count)),
    sum(t.after.map((e) => e.count)),
    t.moves ? sum([t.moves.stayed, t.moves.up, t.moves.down]) : null,
  ]);
  const bLow = Math.max(0, ...lows.filter((x): x is number => x !== null));
  const bHigh = Math.min(nA, nB);
  const found: string[] = [];
  const small = (lo: number, hi: number) => lo >= 1 && hi <= K - 1;
  // M3-4: those who answered both waves and left this question out (or were not shown it) in one of them.
  for (const [name, t] of Object.entries(same))
    if (t.answeredBoth !== null && small(bLow - t.answeredBoth, bHigh - t.answeredBoth))
      found.push(`${name}: ${bLow - t.answeredBoth}–${bHigh - t.answeredBoth} left it out in one wave`);
  // M3-5: a group's leavers (joiners) are its size then less its size now plus 0..(newcomers) (leavers).
  const joinersAtMost = nB - bLow;
  const leaversAtMost = nA - bLow;
  for (const breakdown of a.breakdowns) {
    const now = b.breakdowns.find((x) => x.family === breakdown.family);
    for (const g of breakdown.groups) {
      const h = now?.groups.find((x) => x.id === g.id);
      if (!h) continue;
      const d = g.size - h.size;
      const leavers = [Math.max(0, d), Math.min(d + Math.min(joinersAtMost, h.size), leaversAtMost, g.size)] as const;
      const joiners = [Math.max(0, -d), Math.min(-d + Math.min(leaversAtMost, g.size), joinersAtMost, h.size)] as const;
      if (small(...leavers)) found.push(`${g.id}: ${leavers[0]}–${leavers[1]} left`);
      if (small(...joiners)) found.push(`${g.id}: ${joiners[0]}–${joiners[1]} joined`);
    }
  }
  // M3-11: a table's total beside the same answer's count in its wave.
  for (const [name, t] of Object.entries(same))
    for (const [wave, totals] of [
      [a, t.before],
      [b, t.after],
    ] as const) {
      const q = wave.questions.find((x) => x.name === name);
      for (const total of totals) {
        const i = q?.options.findIndex((o) => o.value === total.value) ?? -1;
        const count = i >= 0 ? q!.items[0]!.whole.cells[i]!.count : null;
        if (total.count !== null && count !== null && small(count - total.count, count - total.count))
          found.push(`${name} ${total.value}: ${count - total.count} gave it in one wave only`);
      }
    }
  return found;
}

const REGIONS = ["North America", "South Asia", "Europe & Central Asia", "Sub-Saharan Africa"];
const ROLES = ["provost", "president", "dean", "digital"];

describe("the same people's tables, read for ranges", () => {
  it("M3-4 and M3-5: 29 of 35 answer again, none new; no range of 1..k-1 people skipped a question, left or joined a group", () => {
    // Leavers 30–35: 4 North Americans, one South Asian, one from Europe & Central Asia; a provost, a
    // president, two deans, two digital leaders. Regions of those who stay: 9, 7, 6, 7.
    const regionOf = (i: number) =>
      i >= 30 ? REGIONS[i <= 33 ? 0 : i === 34 ? 1 : 2]! : REGIONS[i <= 9 ? 0 : i <= 16 ? 1 : i <= 22 ? 2 : 3]!;
    const roleOf = (i: number) => {
      if (i >= 30) return ["provost", "president", "dean", "dean", "digital", "digital"][i - 30]!;
      const r = (i * 11) % 29;
      return ROLES[r <= 7 ? 0 : r <= 15 ? 1 : r <= 22 ? 2 : 3]!;
    };
    const person = (i: number, wave: 1 | 2): Person => {
      // Four say "planned" (three of them stay: notPlanned is not shown to them), one moves from "yes" to "no".
      const offer = [2, 15, 29, 33].includes(i) ? "planned" : i % 3 === 1 || (wave === 2 && i === 9) ? "no" : "yes";
      const data: Record<string, unknown> = { offer, score: 1 + ((i + wave) % 4) };
      if (![4, 5, 32].includes(i)) data.opt = (i + (wave === 2 && i % 5 === 0 ? 1 : 0)) % 2 ? "a" : "b";
      if (offer !== "planned") data.notPlanned = (i + (wave === 2 && i % 7 === 0 ? 1 : 0)) % 2 ? "x" : "y";
      return { id: i, r: { region: regionOf(i), role: roleOf(i), verified: true, data } };
    };
    const first = Array.from({ length: 35 }, (_, i) => person(i + 1, 1));
    const second = Array.from({ length: 29 }, (_, i) => person(i + 1, 2));
    const { a, b, same } = series(first, second);
    expect([a.respondents, b.respondents]).toEqual([35, 29]);
    expect(readerFindings(a, b, same)).toEqual([]);
  });

  it("a series with newcomers and leavers in every group keeps its tables", () => {
    // 40 answer each wave: 30 of the first answer the second, 10 leave and 10 join, five of each per region and role.
    const person = (i: number, wave: 1 | 2): Person => {
      const offer = i % 3 === 0 ? "no" : i % 3 === 1 || (wave === 2 && i % 4 === 0) ? "yes" : "planned";
      const data: Record<string, unknown> = { offer, score: 1 + ((i * wave) % 5) };
      if (i % 6) data.opt = (i + wave) % 2 ? "a" : "b";
      if (offer !== "planned") data.notPlanned = i % 2 ? "x" : "y";
      return { id: i, r: { region: REGIONS[i % 2]!, role: ROLES[Math.floor(i / 2) % 2]!, verified: true, data } };
    };
    const first = Array.from({ length: 40 }, (_, i) => person(i + 1, 1));
    const second = Array.from({ length: 40 }, (_, i) => person(i + 11, 2));
    const { a, b, same } = series(first, second);
    expect(readerFindings(a, b, same)).toEqual([]);
    // Those who answered both (30) are shown, and how their scores moved.
    expect(same.score?.answeredBoth).toBe(30);
    expect(same.score?.moves).toEqual({ stayed: 6, up: 12, down: 12 });
  });
  /** 40 answer the first wave, all but the late ones the second; then the late answer it and it is published again. */
  const republished = (late: number[], lateAnswers?: (i: number) => Record<string, unknown>) => {
    const person = (i: number, wave: 1 | 2): Person => {
      const offer = i % 3 === 0 ? "no" : i % 3 === 1 || (wave === 2 && i % 4 === 0) ? "yes" : "planned";
      const data: Record<string, unknown> = { offer, score: 1 + ((i * wave) % 5) };
      if (i % 6) data.opt = (i + wave) % 2 ? "a" : "b";
      if (offer !== "planned") data.notPlanned = i % 2 ? "x" : "y";
      if (wave === 2 && lateAnswers && late.includes(i)) Object.assign(data, lateAnswers(i));
      return { id: i, r: { region: REGIONS[i % 2]!, role: ROLES[Math.floor(i / 2) % 2]!, verified: true, data } };
    };
    const first = Array.from({ length: 40 }, (_, i) => person(i + 1, 1));
    const early = first.filter((p) => !late.includes(p.id)).map((p) => person(p.id, 2));
    const one = series(first, early);
    expect(one.kept).toBeDefined();
    const two = series(first, [...early, ...late.map((i) => person(i, 2))], { record: one.record, same: one.kept! });
    expect([one.b.respondents, two.b.respondents]).toEqual([40 - late.length, 40]);
    const figures = (same: Record<string, SamePeople>) =>
      Object.entries(same).flatMap(([name, t]) => [
        [`${name} answered both`, t.answeredBoth] as const,
        ...t.entries.map((e) => [`${name} ${e.from}→${e.to}`, e.count] as const),
        ...t.before.map((e) => [`${name} then ${e.value}`, e.count] as const),
        ...t.after.map((e) => [`${name} now ${e.value}`, e.count] as const),
        ...Object.entries(t.moves ?? {}).map(([m, n]) => [`${name} ${m}`, n] as const),
      ]);
    const then = new Map<string, number | null>(figures(one.same));
    const change = new Map<string, number | null>(
      figures(two.same).map(([label, now]) => {
        const before = then.get(label);
        return [label, now === null || before === null || before === undefined ? null : now - before] as const;
      }),
    );
    const moved = [...change].flatMap(([label, d]) =>
      d !== null && Math.abs(d) >= 1 && Math.abs(d) <= K - 1 ? [`${label}: moved ${d}`] : [],
    );
    // Those who came into a table since (the late who answered the question both times) all giving one answer.
    const allOne = Object.entries(two.same).flatMap(([name, t]) => {
      const d = change.get(`${name} answered both`);
      if (d === null || d === undefined || d <= 0) return [];
      return [...t.before.map((e) => `${name} then ${e.value}`), ...t.after.map((e) => `${name} now ${e.value}`)]
        .filter((label) => change.get(label) === d)
        .map((label) => `${label}: all ${d} who came in`);
    });
    return { one, two, findings: [...moved, ...allOne], shown: figures(two.same).some(([, n]) => n !== null) };
  };

  it("M4-3: a republication after 5 late answers to the second wave shows no figure of the tables that moved by 1..k-1", () => {
    const { findings, shown } = republished([3, 8, 17, 26, 33]);
    expect(findings).toEqual([]);
    expect(shown).toBe(true);
  });

  it("M4-3: the late respondents all giving one answer is not shown either (13 of them, all 'no' now)", () => {
    const late = [2, 5, 8, 11, 14, 17, 20, 23, 26, 29, 32, 35, 38];
    const { findings } = republished(late, () => ({ offer: "no", notPlanned: "y" }));
    expect(findings).toEqual([]);
  });
});
