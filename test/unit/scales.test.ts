import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { PlainPage } from "~/components/PlainPage";
import { numberedScale, scaleKind, showScaleNumbers } from "~/lib/respondent";
import { plainFirstPage } from "~/lib/survey";
import { loadQuestionnaire } from "../helpers/corpus";

const agreement = [
  { value: 1, text: "Strongly disagree" },
  { value: 2, text: "Disagree" },
  { value: 3, text: "Neither agree nor disagree" },
  { value: 4, text: "Agree" },
  { value: 5, text: "Strongly agree" },
];

describe("scales of words whose description names their numbers (issue 25)", () => {
  it("show the numbers when the description names the first and last, and only then", () => {
    expect(numberedScale(agreement, "1 = strongly disagree, 5 = strongly agree")).toEqual({
      min: "Strongly disagree",
      max: "Strongly agree",
    });
    expect(numberedScale(agreement, "Where 1 is the lowest and 5 the highest.")).not.toBeNull();
    expect(numberedScale(agreement, "١ = لا أوافق بشدة، ٥ = أوافق بشدة")).not.toBeNull();
    // Not named, or named only in part or inside other numbers.
    expect(numberedScale(agreement, "")).toBeNull();
    expect(numberedScale(agreement, "Choose up to three.")).toBeNull();
    expect(numberedScale(agreement, "1 = strongly disagree")).toBeNull();
    expect(numberedScale(agreement, "From 1.5 to 15 hours")).toBeNull();
    // Values that are not numbers, or a scale that already shows its numbers.
    expect(
      numberedScale(
        [
          { value: "low", text: "Low" },
          { value: "high", text: "High" },
        ],
        "low = 1, high = 2",
      ),
    ).toBeNull();
    expect(
      numberedScale(
        [1, 2, 3, 4, 5].map((v) => ({ value: v, text: String(v) })),
        "1 to 5",
      ),
    ).toBeNull();
    expect(scaleKind(agreement)).toBe("words");
    expect(scaleKind([{ value: 1, text: "1" }])).toBe("numeric");
  });

  it("the 2024 agreement scale shows 1 to 5 with its end words, in each language, and keeps its values", () => {
    const definition = loadQuestionnaire("survey-definitions/for-credit-micro-credentials-2024.json");
    const ends: Record<string, [string, string]> = {
      en: ["Strongly disagree", "Strongly agree"],
      es: ["Muy en desacuerdo", "Muy de acuerdo"],
      fr: ["Pas du tout d’accord", "Tout à fait d’accord"],
    };
    for (const [language, [min, max]] of Object.entries(ends)) {
      const model = new Model(definition);
      model.locale = language;
      showScaleNumbers(model);
      const q = model.getQuestionByName("jobReadySkills") as unknown as {
        visibleRateValues: { value: unknown; text: string }[];
        minRateDescription: string;
        maxRateDescription: string;
      };
      expect(q.visibleRateValues.map((r) => [r.value, r.text])).toEqual([1, 2, 3, 4, 5].map((v) => [v, String(v)]));
      expect([q.minRateDescription, q.maxRateDescription]).toEqual([min, max]);
      model.setValue("jobReadySkills", 4);
      expect(model.data).toEqual({ jobReadySkills: 4 });
    }
  });

  it("the plain first page draws the same scale the same way: numbers, end words beneath; words alone in equal columns", () => {
    const scale = (description: string) => ({
      pages: [
        {
          elements: [
            { type: "rating", name: "agree", title: "Agree?", description, rateValues: agreement, isRequired: true },
          ],
        },
      ],
    });
    const numbered = plainFirstPage(scale("1 = strongly disagree, 5 = strongly agree"), "en")!;
    expect(numbered.questions[0]).toMatchObject({
      choices: [1, 2, 3, 4, 5].map((v) => ({ value: String(v), text: String(v) })),
      minText: "Strongly disagree",
      maxText: "Strongly agree",
    });
    const html = (page: typeof numbered) =>
      renderToStaticMarkup(createElement(PlainPage, { page, values: {}, loadingText: "…", otherLabel: "…" }));
    expect(html(numbered)).toContain('class="plain-scale"');
    expect(html(numbered)).toMatch(/<span>3<\/span>/);
    const words = plainFirstPage(scale("How far do you agree?"), "en")!;
    expect(words.questions[0]!.choices.map((c) => c.text)).toEqual(agreement.map((a) => a.text));
    expect(html(words)).toContain('class="plain-scale plain-scale--words"');
    // survey-core agrees with both (the runner applies the same rule).
    for (const [definition, texts] of [
      [scale("1 = strongly disagree, 5 = strongly agree"), ["1", "2", "3", "4", "5"]],
      [scale("How far do you agree?"), agreement.map((a) => a.text)],
    ] as const) {
      const model = new Model(definition);
      showScaleNumbers(model);
      const q = model.getQuestionByName("agree") as unknown as { visibleRateValues: { text: string }[] };
      expect(q.visibleRateValues.map((r) => r.text)).toEqual(texts);
    }
  });
});
