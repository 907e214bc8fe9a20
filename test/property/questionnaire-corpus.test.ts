import { describe, expect, it } from "vitest";
import { checkAnswers } from "~/lib/survey";
import { CORPUS_FILES, loadQuestionnaire } from "../helpers/corpus";
import { seeded } from "../../harness/generated-answers";
import { respond } from "../../harness/survey-driver";

// What the real page sends is accepted: survey-core drives each questionnaire page by page as a
// respondent would (only visible, enabled questions; a page is left only when survey-core allows),
// and the server keeps what survey-core itself keeps, which is what the page kept. The reference is
// survey-core's Model, fresh each time.
const DRIVEN = 12;

describe.each(CORPUS_FILES)("%s", (file) => {
  const definition = loadQuestionnaire(file);

  it(
    `accepts what a respondent driven page by page sends, ${DRIVEN} times, keeping what survey-core keeps`,
    { timeout: 300_000 },
    () => {
      const random = seeded(file.length * 131);
      for (let i = 0; i < DRIVEN; i += 1) {
        const posted = respond(definition, random);
        expect(posted, "the respondent got stuck: the corpus file or the driver is wrong").toBeDefined();
        const fast = checkAnswers(definition, posted, { complete: true, cacheKey: file });
        const reference = checkAnswers(definition, posted, { complete: true });
        expect(fast, JSON.stringify(posted)).toMatchObject({ ok: true });
        expect(fast).toEqual(reference);
        // Nothing the respondent gave is lost: what is kept is what the page kept (totals are worked out again).
        const answers = (data: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(data).filter(([key]) => !key.endsWith("-total")));
        expect(answers(fast.ok ? fast.data : {}), JSON.stringify(posted)).toEqual(answers(posted ?? {}));
      }
    },
  );
});
