import { describe, expect, it } from "vitest";
import { safeCount } from "~/results/disclosure/engine";
import { resultFigures } from "~/results/figures";
import { attackPublication, attackRepublication, type QuestionKnowledge } from "../../harness/published-attack";
import { seededRandom, syntheticInput, syntheticRespondents } from "../../harness/synthetic-wave";

const KNOWLEDGE: Record<string, QuestionKnowledge> = {
  offer: { alwaysAnswered: true },
  barriers: { alwaysAnswered: true },
  why: { alwaysAnswered: false, askedWhen: { question: "offer", values: ["no"] } },
  importance: { alwaysAnswered: true },
};
const REGIONS = [
  "North America",
  "East Asia & Pacific",
  "Europe & Central Asia",
  "Latin America & Caribbean",
  "South Asia",
  "Sub-Saharan Africa",
  "Middle East & North Africa",
];
const ROLES = ["president", "provost", "dean", "digital-leader", "strategy"];
const WAVES = Number(process.env.WAVES ?? 24);

describe("published figures of generated waves", () => {
  it(
    `publish no count of 1 to k-1, no hidden remainder of 1 to k-1, and nothing an integer-programming reader can single out, over ${WAVES} waves`,
    { timeout: 300_000 },
    async () => {
      let attacks = 0;
      const findings: string[] = [];
      for (let w = 0; w < WAVES; w++) {
        const random = seededRandom(1000 + w);
        const k = [3, 5, 5, 10][w % 4]!;
        const size = 8 + Math.floor(random() * 110);
        const respondents = syntheticRespondents(
          random,
          size,
          REGIONS.slice(0, 3 + (w % 5)),
          ROLES.slice(0, 2 + (w % 4)),
        );
        const input = syntheticInput(respondents, k);
        const { figures } = resultFigures(input);
        if (figures.suppressed) continue;
        // What is shown is 0 or at least k, and no table hides a remainder of 1 to k-1.
        for (const q of figures.questions) {
          for (const item of q.items) {
            for (const t of [item.whole, ...Object.values(item.groups).flat()]) {
              for (const c of t.cells)
                if (c.count !== null)
                  expect(c.count === 0 || c.count >= k, `wave ${w}: ${q.name} shows ${c.count}`).toBe(true);
              if (t.base !== null && q.kind !== "multi") {
                const hiddenSum = t.base - t.cells.reduce((s, c) => s + (c.count ?? 0), 0);
                expect(
                  safeCount(hiddenSum, hiddenSum, k) || t.cells.every((c) => c.count !== null),
                  `wave ${w}: ${q.name} hides ${hiddenSum}`,
                ).toBe(true);
              }
            }
          }
        }
        const report = await attackPublication(figures, k, KNOWLEDGE);
        attacks += report.attacks;
        findings.push(...report.findings.map((f) => `wave ${w} (k = ${k}, n = ${size}): ${f.what}`));
      }
      console.log(
        `disclosure property: ${attacks} counts attacked over ${WAVES} waves, ${findings.length} disclosures`,
      );
      expect(findings).toEqual([]);
      expect(attacks).toBeGreaterThan(WAVES * 20);
    },
  );
});

describe("a wave published again after new responses", () => {
  const REPUBLISHED = Number(process.env.WAVES ?? 24) / 2;
  it(
    `differs from its earlier publication only by changes of 0 or at least k, over ${REPUBLISHED} waves`,
    { timeout: 300_000 },
    async () => {
      let attacks = 0;
      let unprotected = 0;
      const findings: string[] = [];
      for (let w = 0; w < REPUBLISHED; w++) {
        const random = seededRandom(5000 + w);
        const k = [3, 5, 10][w % 3]!;
        const regions = REGIONS.slice(0, 3 + (w % 5));
        const roles = ROLES.slice(0, 2 + (w % 4));
        const first = syntheticRespondents(random, 20 + Math.floor(random() * 100), regions, roles);
        const later = [...first, ...syntheticRespondents(random, k + Math.floor(random() * 2 * k), regions, roles)];
        const a = resultFigures(syntheticInput(first, k));
        const b = resultFigures({ ...syntheticInput(later, k), earlier: [a.record] });
        const report = await attackRepublication(a.figures, b.figures, k, KNOWLEDGE);
        attacks += report.attacks;
        findings.push(...report.findings.map((f) => `wave ${w} (k = ${k}): ${f.what}`));
        // The same publication made without regard to the earlier one: the attack must find something.
        const naive = resultFigures(syntheticInput(later, k));
        unprotected += (await attackRepublication(a.figures, naive.figures, k, KNOWLEDGE)).findings.length;
      }
      console.log(
        `re-publication property: ${attacks} differences attacked over ${REPUBLISHED} waves, ${findings.length} disclosures (${unprotected} when published without the earlier record)`,
      );
      expect(findings).toEqual([]);
      expect(unprotected).toBeGreaterThan(0);
    },
  );
});
