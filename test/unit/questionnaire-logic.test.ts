// Questionnaire logic beyond visibleIf that decides who answers what (round 3's methodologist, M3-1..3):
// enableIf, triggers that end the questionnaire early, choices shown by other answers. Each leaked
// small counts through bases a reader could subtract; each case fails on the engine before this change.
import { describe, expect, it } from "vitest";
import { resultFigures, type ResultFigures } from "~/results/figures";
import { syntheticInput, type SyntheticRespondent } from "../../harness/synthetic-wave";

const K = 5;
const publish = (definition: object, respondents: SyntheticRespondent[]): ResultFigures =>
  resultFigures(syntheticInput(respondents, K, true, definition)).figures;
const question = (f: ResultFigures, name: string) => f.questions.find((q) => q.name === name);
const small = (x: number) => x >= 1 && x < K;

/** Every group's size less a question's base there, where both are shown: who did not answer it. */
function unanswered(f: ResultFigures, name: string): number[] {
  const q = question(f, name);
  if (!q) return [];
  const out = q.items[0]!.whole.base === null ? [] : [f.respondents! - q.items[0]!.whole.base];
  for (const b of f.breakdowns)
    b.groups.forEach((g, i) => {
      const base = q.items[0]!.groups[b.family]?.[i]?.base;
      if (base != null) out.push(g.size - base);
    });
  return out;
}

const wave = (extra: (i: number) => Record<string, unknown>) => {
  const regions = ["North America", "South Asia", "Europe & Central Asia", "Sub-Saharan Africa"];
  return Array.from({ length: 35 }, (_, i): SyntheticRespondent => {
    const offer = i % 12 === 5 ? "planned" : i % 3 === 0 ? "no" : "yes";
    return { region: regions[i % 4]!, role: i % 2 ? "Dean" : "Provost", verified: true, data: { offer, ...extra(i) } };
  });
};

describe("questionnaire logic a reader knows", () => {
  it("M3-1: a required question disabled by enableIf is not 'answered by everyone' (its base would give 3 planned)", () => {
    const definition = {
      elements: [
        { type: "radiogroup", name: "offer", isRequired: true, choices: ["yes", "planned", "no"] },
        {
          type: "radiogroup",
          name: "qEnable",
          isRequired: true,
          enableIf: "{offer} != 'planned'",
          choices: ["a", "b"],
        },
      ],
    };
    const respondents = wave((i) => (i % 12 === 5 ? {} : { qEnable: i % 2 ? "a" : "b" }));
    expect(respondents.filter((r) => r.data.offer === "planned")).toHaveLength(3);
    expect(unanswered(publish(definition, respondents), "qEnable").filter(small)).toEqual([]);
  });

  it("M3-9: the same through a panel's enableIf", () => {
    const definition = {
      elements: [
        { type: "radiogroup", name: "offer", isRequired: true, choices: ["yes", "planned", "no"] },
        {
          type: "panel",
          name: "box",
          enableIf: "{offer} != 'planned'",
          elements: [{ type: "radiogroup", name: "qPanel", isRequired: true, choices: ["a", "b"] }],
        },
      ],
    };
    const respondents = wave((i) => (i % 12 === 5 ? {} : { qPanel: i % 2 ? "a" : "b" }));
    const f = publish(definition, respondents);
    expect(unanswered(f, "qPanel").filter(small)).toEqual([]);
  });

  it("M3-3: a complete trigger leaves later required questions unanswered by some (their base would say how many)", () => {
    const definition = {
      triggers: [{ type: "complete", expression: "{offer} = 'planned'" }],
      pages: [
        { elements: [{ type: "radiogroup", name: "offer", isRequired: true, choices: ["yes", "planned", "no"] }] },
        { elements: [{ type: "radiogroup", name: "qAfter", isRequired: true, choices: ["a", "b"] }] },
      ],
    };
    const respondents = wave((i) => (i % 12 === 5 ? {} : { qAfter: i % 2 ? "a" : "b" }));
    expect(unanswered(publish(definition, respondents), "qAfter").filter(small)).toEqual([]);
  });

  it("M3-10: questions on the trigger's page and before are still answered by everyone (a panel's base less 'yes' is not 'planned')", () => {
    const definition = {
      triggers: [{ type: "complete", expression: "{offer} = 'no' and {score} = 1" }],
      pages: [
        {
          elements: [
            { type: "radiogroup", name: "offer", isRequired: true, choices: ["yes", "planned", "no"] },
            { type: "rating", name: "score", isRequired: true, rateMin: 1, rateMax: 5 },
            {
              type: "panel",
              name: "pNeq",
              visibleIf: "{offer} != 'no'",
              elements: [{ type: "radiogroup", name: "qPanelNeq", isRequired: true, choices: ["a", "b"] }],
            },
          ],
        },
        { elements: [{ type: "radiogroup", name: "qAfter", isRequired: true, choices: ["a", "b"] }] },
      ],
    };
    const respondents = wave((i) => {
      const offer = i % 12 === 5 ? "planned" : i % 3 === 0 ? "no" : "yes";
      const score = offer === "no" && i % 9 === 0 ? 1 : 2 + (i % 4);
      return {
        score,
        ...(offer !== "no" ? { qPanelNeq: i % 2 ? "a" : "b" } : {}),
        ...(offer === "no" && score === 1 ? {} : { qAfter: i % 2 ? "a" : "b" }),
      };
    });
    const f = publish(definition, respondents);
    const offer = question(f, "offer")!.items[0]!.whole;
    const yes = offer.cells[0]!.count;
    const base = question(f, "qPanelNeq")?.items[0]!.whole.base;
    if (yes != null && base != null) expect(small(base - yes)).toBe(false);
    const [, planned, no] = offer.cells.map((c) => c.count);
    if (yes != null && no != null) expect(small(f.respondents! - yes - no)).toBe(false);
    expect(planned ?? null).toBeNull();
    expect(unanswered(f, "qAfter").filter(small)).toEqual([]);
  });

  it("M3-2: a question whose choices are shown by another answer is not published, and says why", () => {
    const definition = {
      elements: [
        { type: "checkbox", name: "barriers", isRequired: true, choices: ["cost", "time"] },
        {
          type: "radiogroup",
          name: "biggest",
          isRequired: true,
          choices: ["cost", "time"],
          choicesVisibleIf: "{barriers} contains {item}",
        },
      ],
    };
    const f = publish(
      definition,
      wave((i) => ({ barriers: i % 5 ? ["cost"] : ["cost", "time"], biggest: "cost" })),
    );
    expect(question(f, "biggest")).toBeUndefined();
    expect(f.unpublished?.map((u) => u.name)).toEqual(["biggest"]);
    expect(question(f, "barriers")).toBeDefined();
  });
});

describe("multiple choices with a limit on ticks (M3-7)", () => {
  const respondents = wave((i) => ({ pick: [i % 11 === 4 ? "q" : i % 2 ? "p" : "r"] }));
  it("one tick at most: the other answers' cells do not give the withheld one by subtraction", () => {
    const definition = {
      elements: [{ type: "checkbox", name: "pick", isRequired: true, choices: ["p", "q", "r"], maxSelectedChoices: 1 }],
    };
    const f = publish(definition, respondents);
    const q = question(f, "pick")!;
    const tables = [q.items[0]!.whole, ...Object.values(q.items[0]!.groups).flat()];
    const rests = tables.flatMap((t) => {
      const hidden = t.cells.filter((c) => c.count === null).length;
      return t.base !== null && hidden === 1 ? [t.base - t.cells.reduce((n, c) => n + (c.count ?? 0), 0)] : [];
    });
    expect(rests.filter(small)).toEqual([]);
  });

  it("a fixed number of ticks (min = max = 2) is not published, and says why", () => {
    const definition = {
      elements: [
        {
          type: "checkbox",
          name: "two",
          isRequired: true,
          choices: ["p", "q", "r"],
          minSelectedChoices: 2,
          maxSelectedChoices: 2,
        },
      ],
    };
    const f = publish(
      definition,
      wave((i) => ({ two: i % 3 ? ["p", "q"] : ["q", "r"] })),
    );
    expect(question(f, "two")).toBeUndefined();
    expect(f.unpublished?.map((u) => u.name)).toEqual(["two"]);
  });
});
