import { describe, expect, it } from "vitest";
import { checkAnswers, type AnswerCheck } from "~/lib/answers";
import { compileQuestionnaire } from "~/lib/completion";
import { CORPUS_FILES, loadQuestionnaire } from "../helpers/corpus";
import { seeded } from "../helpers/generated-answers";
import { mutate } from "../helpers/mutations";
import { respond } from "../helpers/survey-driver";

// What survey-core refuses is refused: damaged completions (answers dropped, emptied, swapped with
// another respondent's, out of range, failing validators, rows and panels broken) get the same
// verdict, on the same questions, and when accepted the same kept data, from the compiled check as
// from survey-core's Model. Run longer with scratch seeds before changing the compiled check.
const MUTATED = 90;
const questionsWithErrors = (r: AnswerCheck) => (r.ok ? [] : [...new Set(r.errors.map((e) => e.question))].sort());

describe.each(CORPUS_FILES)("%s", (file) => {
  const definition = loadQuestionnaire(file);
  const compiled = compileQuestionnaire(definition).ok;

  it(`gives ${MUTATED} damaged completions survey-core's verdict and data${compiled ? "" : " (the Model on both sides)"}`, { timeout: 120_000 }, () => {
    const random = seeded(file.length * 977);
    const pool = Array.from({ length: 8 }, () => respond(definition, random)).filter((d) => d !== undefined);
    let refused = 0;
    for (let i = 0; i < MUTATED; i += 1) {
      const data = mutate(pool[i % pool.length]!, pool[(i * 7 + 3) % pool.length], random);
      const fast = checkAnswers(definition, data, { complete: true, cacheKey: `${file}:mutated` });
      const reference = checkAnswers(definition, data, { complete: true });
      const context = JSON.stringify(data);
      expect(fast.ok, context).toBe(reference.ok);
      if (fast.ok && reference.ok) expect(fast.data, context).toEqual(reference.data);
      else expect(questionsWithErrors(fast), context).toEqual(questionsWithErrors(reference));
      if (!reference.ok) refused += 1;
    }
    // Both verdicts are well represented, so neither side can pass by always saying one thing.
    expect(refused).toBeGreaterThan(MUTATED / 10);
    expect(refused).toBeLessThan(MUTATED - MUTATED / 10);
  });
});
