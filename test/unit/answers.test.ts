import { describe, expect, it } from "vitest";
import { checkAnswers } from "~/lib/survey";

const survey = {
  pages: [
    {
      elements: [
        {
          type: "radiogroup",
          name: "state",
          isRequired: true,
          choices: [{ value: "none", text: "None" }, "some"],
          showOtherItem: true,
        },
        {
          type: "checkbox",
          name: "barriers",
          choices: ["a", "b", "c", "d"],
          maxSelectedChoices: 2,
          showNoneItem: true,
        },
        { type: "rating", name: "importance", rateMin: 1, rateMax: 5 },
        {
          type: "rating",
          name: "agree",
          rateValues: [
            { value: "lo", text: "Low" },
            { value: "hi", text: "High" },
          ],
        },
        { type: "boolean", name: "yes" },
        { type: "dropdown", name: "size", choices: [1, 2, 3] },
        { type: "matrix", name: "grid", columns: ["c1", "c2"], rows: ["r1", "r2"] },
        { type: "ranking", name: "rank", choices: ["x", "y", "z"] },
        { type: "text", name: "age", inputType: "number" },
        { type: "comment", name: "why", visibleIf: "{state} = 'some'" },
      ],
    },
  ],
};

const errorsOf = (data: unknown, complete = true) => {
  const result = checkAnswers(survey, data, { complete });
  return result.ok ? [] : result.errors;
};

describe("checkAnswers", () => {
  it("accepts good answers and returns them", () => {
    const result = checkAnswers(
      survey,
      { state: "some", barriers: ["a", "b"], importance: 4, yes: false, why: "because" },
      { complete: true },
    );
    expect(result).toEqual({
      ok: true,
      data: { state: "some", barriers: ["a", "b"], importance: 4, yes: false, why: "because" },
    });
  });

  it("rejects values outside the choices, naming the question", () => {
    expect(errorsOf({ state: "maybe" })).toEqual([
      { question: "state", message: '"maybe" is not one of the choices.' },
    ]);
    expect(errorsOf({ state: "some", barriers: ["a", "q"] })).toEqual([
      { question: "barriers", message: '"q" is not one of the choices.' },
    ]);
    expect(errorsOf({ state: "some", size: 7 })[0]?.question).toBe("size");
  });

  it("accepts the special items that are switched on, and the other text", () => {
    expect(errorsOf({ state: "other", "state-Comment": "hybrid" })).toEqual([]);
    expect(errorsOf({ state: "some", barriers: ["none"] })).toEqual([]);
  });

  it("asks for the other text when other is chosen", () => {
    expect(errorsOf({ state: "other" }).map((e) => e.question)).toEqual(["state"]);
  });

  it("enforces maxSelectedChoices, which survey-core does not check", () => {
    expect(errorsOf({ state: "some", barriers: ["a", "b", "c"] })).toEqual([
      { question: "barriers", message: "Choose at most 2 options." },
    ]);
  });

  it("keeps ratings within their scale", () => {
    expect(errorsOf({ state: "some", importance: 6 })[0]?.message).toBe("The rating must be between 1 and 5.");
    expect(errorsOf({ state: "some", importance: 2.5 })[0]?.question).toBe("importance");
    expect(errorsOf({ state: "some", agree: "mid" })[0]?.question).toBe("agree");
    expect(errorsOf({ state: "some", importance: "3", agree: "hi" })).toEqual([]);
  });

  it("checks value types", () => {
    expect(errorsOf({ state: "some", yes: "true" })[0]?.question).toBe("yes");
    expect(errorsOf({ state: "some", barriers: "a" })[0]?.question).toBe("barriers");
    expect(errorsOf({ state: "some", grid: ["c1"] })[0]?.question).toBe("grid");
    expect(errorsOf({ state: "some", grid: { r9: "c1" } })[0]?.message).toMatch(/not a row/);
    expect(errorsOf({ state: "some", grid: { r1: "c9" } })[0]?.message).toMatch(/not a column/);
    expect(errorsOf({ state: "some", rank: ["x", "x"] })[0]?.message).toMatch(/chosen twice/);
    expect(errorsOf({ state: "some", age: "old" })[0]?.question).toBe("age");
    expect(errorsOf({ state: { $gt: 1 } })[0]?.question).toBe("state");
  });

  it("normalises a number sent as a string to the choice's own value", () => {
    const result = checkAnswers(survey, { state: "some", size: "2" }, { complete: true });
    expect(result.ok && result.data.size).toBe(2);
  });

  it("rejects unknown question names and non-object bodies", () => {
    expect(errorsOf({ state: "some", hack: 1 })).toEqual([
      { question: "hack", message: 'There is no question named "hack" in this questionnaire.' },
    ]);
    expect(errorsOf([1, 2])[0]?.message).toMatch(/JSON object/);
    expect(errorsOf("x")[0]?.message).toMatch(/JSON object/);
  });

  it("requires required questions on completion but not on a partial save", () => {
    expect(errorsOf({}, true).map((e) => e.question)).toEqual(["state"]);
    expect(errorsOf({}, false)).toEqual([]);
    expect(errorsOf({ importance: 9 }, false)[0]?.question).toBe("importance");
  });

  it("drops the answers of questions the respondent could not see", () => {
    const result = checkAnswers(survey, { state: "none", why: "hidden text" }, { complete: true });
    expect(result).toEqual({ ok: true, data: { state: "none" } });
  });

  it("gives the same outcome with a reused, cached questionnaire as with a fresh one, in any order", () => {
    const inputs: unknown[] = [
      { state: "some", barriers: ["a", "b"], importance: 4, yes: false, why: "because" },
      { state: "none", why: "hidden text" },
      {},
      { state: "other", "state-Comment": "mine", grid: { r1: "c2" }, rank: ["z", "x", "y"] },
      { barriers: ["a", "b", "c"] },
      { state: "some", size: "2", age: "41" },
    ];
    const fresh = inputs.map((d) => checkAnswers(survey, d, { complete: true }));
    for (const order of [
      inputs.map((_, i) => i),
      inputs.map((_, i) => inputs.length - 1 - i),
      [2, 0, 2, 1, 0, 5, 3, 4],
    ]) {
      for (const i of order)
        expect(checkAnswers(survey, inputs[i], { complete: true, cacheKey: "answers-test" })).toEqual(fresh[i]);
    }
    // Progress saves on the cached questionnaire keep only what was sent.
    expect(checkAnswers(survey, { state: "some" }, { complete: false, cacheKey: "answers-test" })).toEqual({
      ok: true,
      data: { state: "some" },
    });
  });
});
