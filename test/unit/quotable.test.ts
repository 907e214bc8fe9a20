import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { quotableQuestions } from "~/results/quotable";
import { quotableOffThread } from "~/results/quotable.server";

const rich = JSON.parse(fs.readFileSync("test/fixtures/questionnaires/executive-panel-rich.json", "utf8")) as object;

describe("the quotes page's questions, worked out off the event loop", () => {
  it("are what quotableQuestions gives, from a thread, while the event loop keeps turning, once per version", async () => {
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 1);
    const first = quotableOffThread(-1, rich, "en");
    expect(quotableOffThread(-1, rich, "en")).toBe(first);
    const answer = await first;
    clearInterval(ticker);
    // Inline, building the model and running the conditions would end in one turn: no timer could fire.
    expect(turns).toBeGreaterThan(0);
    expect(answer).toEqual(quotableQuestions(rich, "en"));
    expect(answer.texts.find((q) => q.name === "trainingBudget")?.tellsReaders).toBe(
      "answered “Yes” to “Do you fund staff training on AI?”",
    );
    expect(answer.findings.length).toBeGreaterThan(0);
  }, 60_000); // a thread loads survey-core through tsx first: seconds on a busy machine
});
