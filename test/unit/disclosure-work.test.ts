// The engine's budgets are counted in work (HiGHS iterations, solves), not seconds (issue 21, round 3):
// under load, a fresh start published both demo reports with every figure withheld, and the same data
// gave different publications on a busy and a quiet machine. A clock that runs fast must change nothing.
import { afterEach, describe, expect, it, vi } from "vitest";
import { lastProtectionWork } from "~/results/disclosure/book";
import { Work } from "~/results/disclosure/work";
import { resultFigures } from "~/results/figures";
import { seededRandom, syntheticInput, syntheticRespondents } from "../../harness/synthetic-wave";

const wave = () =>
  syntheticInput(
    syntheticRespondents(
      seededRandom(7),
      120,
      ["North America", "South Asia", "Europe & Central Asia", "Other"],
      ["Provost", "Dean", "President"],
    ),
    5,
  );

afterEach(() => vi.restoreAllMocks());

describe("disclosure budgets", () => {
  it("give the same publication however slow the machine (a clock running 30 s a call)", () => {
    const quiet = resultFigures(wave()).figures;
    const work = lastProtectionWork();
    expect(quiet.questions.some((q) => q.items[0]!.whole.cells.some((c) => c.count !== null))).toBe(true);
    let now = 0;
    vi.spyOn(performance, "now").mockImplementation(() => (now += 30_000));
    const loaded = resultFigures(wave()).figures;
    expect(loaded).toEqual(quiet);
    expect(lastProtectionWork()).toBe(work);
  });

  it("count what is spent in every budget above", () => {
    const publication = new Work(10);
    const system = new Work(100, publication);
    system.spend(4);
    expect(system.left).toBe(6);
    system.spend(7);
    expect(system.exhausted).toBe(true);
    expect(publication.used).toBe(11);
  });
});
