// Open-link answers never make a figure visible (issue 21, round 4; round 4's methodologist): a group of two
// open-link outsiders padded with three made-up open-link answers was shown as "n = 5", so the padders, who
// know their own answers, read the two outsiders' answers from the group's cells.
import { describe, expect, it } from "vitest";
import { resultFigures } from "~/results/figures";
import { syntheticInput, type SyntheticRespondent } from "../../harness/synthetic-wave";

const definition = {
  elements: [
    { type: "radiogroup", name: "offer", isRequired: true, choices: ["yes", "no"] },
    { type: "rating", name: "score", isRequired: true, rateMin: 1, rateMax: 5 },
  ],
};
const invited = (region: string, i: number): SyntheticRespondent => ({
  region,
  role: i % 2 ? "Dean" : "Provost",
  verified: true,
  data: { offer: i % 3 ? "yes" : "no", score: (i % 5) + 1 },
});
const openLink = (i: number): SyntheticRespondent => ({
  region: "Sub-Saharan Africa",
  role: "Other",
  verified: false,
  data: { offer: "no", score: i < 3 ? 5 : 1 },
});

function figures(respondents: SyntheticRespondent[]) {
  const input = syntheticInput(respondents, 5, true, definition);
  return resultFigures({ ...input, headline: { organisations: 0, countries: 0, invited: 0 } }).figures;
}

describe("open-link answers", () => {
  const respondents = [
    ...Array.from({ length: 20 }, (_, i) => invited("North America", i)),
    ...Array.from({ length: 20 }, (_, i) => invited("Europe & Central Asia", i)),
    ...Array.from({ length: 5 }, (_, i) => openLink(i)),
  ];
  it("never make a group visible on their own (5 open-link answers in a region)", () => {
    const regions = figures(respondents).breakdowns.find((b) => b.family === "region")!;
    expect(regions.groups.map((g) => g.id)).not.toContain("Sub-Saharan Africa");
    // Nor as the "other" group alone: it takes a shown group of invited people until it is safe.
    for (const g of regions.groups) if (g.other) expect(g.size).toBeGreaterThanOrEqual(25);
  });

  it("are counted in the figures of the groups they join", () => {
    const f = figures(respondents);
    expect(f.respondents).toBe(45);
    const offer = f.questions.find((q) => q.name === "offer")!;
    expect(offer.items[0]!.whole.base).toBe(45);
  });
});
