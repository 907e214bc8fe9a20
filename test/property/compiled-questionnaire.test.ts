import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkAnswers } from "~/lib/answers";
import { compileQuestionnaire } from "~/lib/compiled-questionnaire";

type Json = Record<string, unknown>;
const load = (file: string) => JSON.parse(readFileSync(`survey-definitions/${file}`, "utf8")) as Json;

// A questionnaire with the edge cases: chained conditions, other and none, all-rows matrices, a
// hidden required question, conditions on comments.
const edgy: Json = {
  pages: [
    {
      elements: [
        { type: "radiogroup", name: "role", isRequired: true, choices: ["lead", "staff"], showOtherItem: true },
        { type: "checkbox", name: "tools", isRequired: true, choices: ["a", "b", "c"], showOtherItem: true, showNoneItem: true, maxSelectedChoices: 2 },
        { type: "boolean", name: "manages", visibleIf: "{role} = 'lead'", isRequired: true },
        { type: "rating", name: "size", visibleIf: "{manages} = true", isRequired: true, rateMin: 1, rateMax: 5 },
      ],
    },
    {
      elements: [
        { type: "matrix", name: "grid", isAllRowRequired: true, columns: ["x", "y"], rows: ["r1", "r2", "r3"] },
        { type: "comment", name: "note" },
        { type: "boolean", name: "quote", visibleIf: "{note} notempty", isRequired: true },
        { type: "dropdown", name: "pick", choices: ["p", "q"], visibleIf: "{tools} contains 'a' or {role} = 'other'" },
        { type: "text", name: "free", isRequired: true, visibleIf: "{pick} anyof ['q']" },
      ],
    },
  ],
};

function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Answers of every kind for a definition: missing, empty, valid, "other" with and without its text. */
function generator(definition: Json, random: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const elements = (definition.pages as Json[]).flatMap((p) => p.elements as Json[]);
  const values = (items: unknown) => ((items as unknown[] | undefined) ?? []).map((c) => (typeof c === "object" && c ? (c as Json).value : c));
  let n = 0;
  return () => {
    const data: Json = {};
    // Every other completion is nearly whole, so both outcomes are common.
    const gaps = n++ % 2 === 0 ? 0.25 : 0.03;
    for (const q of elements) {
      const name = q.name as string;
      const roll = random() * (0.25 / gaps);
      if (roll < 0.15) continue;
      const choices = [...values(q.choices), ...(q.showOtherItem ? ["other"] : []), ...(q.showNoneItem ? ["none"] : [])];
      if (roll < 0.25) {
        data[name] = pick(["", [], {}, null]);
      } else if (q.type === "radiogroup" || q.type === "dropdown") {
        data[name] = pick(choices);
      } else if (q.type === "checkbox") {
        data[name] = [...choices].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * Math.min(3, Number(q.maxSelectedChoices) || 3)));
      } else if (q.type === "rating") {
        data[name] = values(q.rateValues).length ? pick(values(q.rateValues)) : 1 + Math.floor(random() * 5);
      } else if (q.type === "boolean") {
        data[name] = random() < 0.5;
      } else if (q.type === "matrix") {
        const rows = values(q.rows).filter(() => random() < 0.8);
        data[name] = Object.fromEntries(rows.map((r) => [String(r), pick(values(q.columns))]));
      } else {
        data[name] = pick(["words", " ", "", "Learners will build a mosaic."]);
      }
      if (q.showOtherItem && random() < 0.6) data[`${name}-Comment`] = pick(["", "  ", "Something else"]);
    }
    return data;
  };
}


describe("the compiled questionnaire", () => {
  // The reference (survey-core's Model, reused) takes ~20 ms a completion on the repository questionnaires.
  for (const [label, definition, compiles, SAMPLES] of [
    // The 2021 questionnaire has a ranking, which is left to survey-core: the cached path must still agree.
    ["the 2021 questionnaire", load("micro-credentials-2021.json"), false, 100],
    ["the 2024 questionnaire", load("for-credit-micro-credentials-2024.json"), true, 600],
    ["a questionnaire of edge cases", edgy, true, 600],
  ] as const) {
    it(`agrees with survey-core's validate(true) on ${SAMPLES} generated completions of ${label}`, { timeout: 90_000 }, () => {
      expect(compileQuestionnaire(definition).ok).toBe(compiles);
      const generate = generator(definition, rng(label.length * 7919));
      let accepted = 0;
      const key = `property:${label}`;
      for (let i = 0; i < SAMPLES; i += 1) {
        const data = generate();
        const reference = checkAnswers(definition, data, { complete: true, cacheKey: `${key}:model`, engine: "model" });
        const fast = checkAnswers(definition, data, { complete: true, cacheKey: key });
        if (reference.ok) accepted += 1;
        const sortErrors = (r: typeof reference) => (r.ok ? r : { ok: false, errors: [...r.errors].sort((a, b) => (a.question + a.message).localeCompare(b.question + b.message)) });
        expect(sortErrors(fast), JSON.stringify(data)).toEqual(sortErrors(reference));
      }
      // Both outcomes are represented (the generator does not make rankings, so 2021 is mostly refused).
      if (compiles) {
        expect(accepted).toBeGreaterThan(SAMPLES / 20);
        expect(accepted).toBeLessThan(SAMPLES - SAMPLES / 20);
      }
    });
  }

  it("leaves questionnaires with features it does not follow to survey-core", () => {
    const withValidator = { elements: [{ type: "text", name: "t", validators: [{ type: "numeric", minValue: 1 }] }] };
    expect(compileQuestionnaire(withValidator)).toMatchObject({ ok: false, reason: 'question "t" sets validators' });
    expect(compileQuestionnaire({ elements: [{ type: "ranking", name: "r", choices: ["a", "b"] }] })).toMatchObject({ ok: false, reason: 'question "r" is a ranking' });
    expect(compileQuestionnaire({ pages: [{ name: "p", visibleIf: "{a} = 1", elements: [{ type: "text", name: "a" }] }] })).toMatchObject({ ok: false, reason: 'page "p" has a condition' });
    // And those still get the Model's answer through the cached path.
    expect(checkAnswers(withValidator, { t: "0" }, { complete: true, cacheKey: "validator" })).toMatchObject({ ok: false });
  });
});
