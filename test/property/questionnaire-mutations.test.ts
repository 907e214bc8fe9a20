import { describe, expect, it } from "vitest";
import { checkAnswers, type AnswerCheck, compileQuestionnaire } from "~/lib/survey";
import { CORPUS_FILES, loadQuestionnaire } from "../helpers/corpus";
import { seeded } from "../../harness/generated-answers";
import { mutate } from "../helpers/mutations";
import { respond } from "../../harness/survey-driver";

// What survey-core refuses is refused: damaged completions (answers dropped, emptied, swapped with
// another respondent's, out of range, failing validators, rows and panels broken) get the same
// verdict, on the same questions, and when accepted the same kept data, from the compiled check (and
// from a reused Model) as from a fresh survey-core Model. Run longer with scratch seeds before changing the compiled check.
const MUTATED = 90;
const questionsWithErrors = (r: AnswerCheck) => (r.ok ? [] : [...new Set(r.errors.map((e) => e.question))].sort());

describe.each(CORPUS_FILES)("%s", (file) => {
  const definition = loadQuestionnaire(file);
  const compiled = compileQuestionnaire(definition).ok;

  it(
    `gives ${MUTATED} damaged completions survey-core's verdict and data${compiled ? "" : " (the Model on both sides)"}`,
    { timeout: 600_000 },
    () => {
      const random = seeded(file.length * 977);
      const pool = Array.from({ length: 8 }, () => respond(definition, random)).filter((d) => d !== undefined);
      let refused = 0;
      for (let i = 0; i < MUTATED; i += 1) {
        const data = mutate(pool[i % pool.length]!, pool[(i * 7 + 3) % pool.length], random);
        const fast = checkAnswers(definition, data, { complete: true, cacheKey: `${file}:mutated` });
        const reference = checkAnswers(definition, data, { complete: true });
        // The Model path in production reuses one Model per version where that is safe: it must agree too.
        const reused = checkAnswers(definition, data, { complete: true, cacheKey: `${file}:model`, engine: "model" });
        const context = JSON.stringify(data);
        for (const result of [fast, reused]) {
          expect(result.ok, context).toBe(reference.ok);
          if (result.ok && reference.ok) expect(result.data, context).toEqual(reference.data);
          else expect(questionsWithErrors(result), context).toEqual(questionsWithErrors(reference));
        }
        if (!reference.ok) refused += 1;
      }
      // Both verdicts are well represented, so neither side can pass by always saying one thing.
      expect(refused).toBeGreaterThan(MUTATED / 10);
      expect(refused).toBeLessThan(MUTATED - MUTATED / 10);
    },
  );
});
