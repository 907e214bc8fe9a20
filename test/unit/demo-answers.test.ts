// The demo's synthetic answers are answers the questionnaire can take: every one passes the server's own
// completion check (the first wave had given 93 leaders an organisation type the question does not offer,
// so its single-choice table did not add up and the report said "Nobody chose Other").
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { secondWave, seededRandom, syntheticResponses } from "~/lib/demo";
import { checkAnswers } from "~/lib/survey";

const definition = JSON.parse(
  fs.readFileSync(path.resolve("survey-definitions/for-credit-micro-credentials-2024.json"), "utf8"),
) as object;

describe("the demo's synthetic answers", () => {
  it("pass the questionnaire's completion check, in both waves of the series", () => {
    const random = seededRandom(2024);
    const first = syntheticResponses(random, 1058);
    const later = secondWave(random, first, { answerAgain: 0.85, newcomers: 60 });
    const all = [...first, ...later.again.map((a) => a.response), ...later.newcomers];
    const refused = all
      .map((r) => ({ r, check: checkAnswers(definition, r.data, { complete: true, cacheKey: "demo-2024" }) }))
      .filter((x) => !x.check.ok)
      .map((x) => ({ data: x.r.data, errors: "errors" in x.check ? x.check.errors : [] }));
    expect(refused.slice(0, 3)).toEqual([]);
    expect(all.filter((r) => r.data.organisationType === "other").length).toBeGreaterThan(50);
  });
});
