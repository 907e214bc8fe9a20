// A complete trigger and what a reader learns from the questions after it (issue 21, round 4; round 3's
// methodologist, probe3h: "public university base 12 of 12" → no public university ticked quality and
// rated 4–5). A question on a page after the one where a complete trigger acts is shown only to those for
// whom the trigger's expression was false: a group's base equal to its size says that of every member.
// Each case gives that away on the build that only hides small cells, and on the engine before this change.
import { describe, expect, it } from "vitest";
import { Model } from "survey-core";
import { resultFigures, type ResultFigures, type TableFigures } from "~/results/figures";
import { conditionAtoms } from "~/results/conditions";
import { questionSpecs } from "~/results/questions";
import { checkingModel, compileQuestionnaire, modelComplete } from "~/lib/survey/completion";
import { syntheticInput, type SyntheticRespondent } from "../../harness/synthetic-wave";

const K = 5;
const who = (n: number, data: Record<string, unknown>, role: string, region = "Europe & Central Asia") =>
  Array.from({ length: n }, (): SyntheticRespondent => ({ region, role, verified: true, data: { ...data } }));

const publish = (definition: object, respondents: SyntheticRespondent[], primaryOnly: boolean): ResultFigures =>
  resultFigures({ ...syntheticInput(respondents, K, true, definition), primaryOnly }).figures;

const question = (f: ResultFigures, name: string) => f.questions.find((q) => q.name === name);
const sizeOf = (f: ResultFigures, role: string) =>
  f.breakdowns.find((b) => b.family === "roleCategory")?.groups.find((g) => g.id === role)?.size;
const tableOf = (f: ResultFigures, name: string, role: string): TableFigures | undefined => {
  const groups = f.breakdowns.find((b) => b.family === "roleCategory")?.groups ?? [];
  const i = groups.findIndex((g) => g.id === role);
  return i < 0 ? undefined : question(f, name)?.items[0]?.groups.roleCategory?.[i];
};
/** Whether a group's base of a question is shown and equal to the group's size (every member reached it). */
const allReached = (f: ResultFigures, name: string, role: string) => {
  const size = sizeOf(f, role);
  const base = tableOf(f, name, role)?.base;
  return size != null && base != null && base === size;
};
/** Whether a group's base of a question is shown as 0 while the group is not empty (none reached it). */
const noneReached = (f: ResultFigures, name: string, role: string) =>
  Boolean(sizeOf(f, role)) && tableOf(f, name, role)?.base === 0;

const twoPages = (trigger: object, first: object[], after: object[] = []) => ({
  triggers: [trigger],
  pages: [
    { elements: first },
    { elements: [{ type: "radiogroup", name: "qAfter", isRequired: true, choices: ["a", "b"] }, ...after] },
  ],
});
const offer = { type: "radiogroup", name: "offer", isRequired: true, choices: ["yes", "planned", "no"] };

describe("a complete trigger: the questions after it are shown only when it was false", () => {
  it("all of a group reached the question after the trigger (none of them said 'no'): not told", () => {
    const definition = twoPages({ type: "complete", expression: "{offer} = 'no'" }, [offer]);
    const wave = [
      ...who(7, { offer: "yes", qAfter: "a" }, "Community"),
      ...who(5, { offer: "planned", qAfter: "b" }, "Community"),
      ...who(8, { offer: "yes", qAfter: "a" }, "Public"),
      ...who(6, { offer: "no" }, "Public"),
      ...who(6, { offer: "planned", qAfter: "b" }, "Private"),
      ...who(7, { offer: "no" }, "Private"),
    ];
    /** What a reader sees: every community college reached qAfter, or said anything but 'no'. */
    const told = (f: ResultFigures) => {
      const o = tableOf(f, "offer", "Community");
      const no = o?.cells[2]?.count;
      const [yes, planned] = [o?.cells[0]?.count, o?.cells[1]?.count];
      return (
        allReached(f, "qAfter", "Community") ||
        no === 0 ||
        (yes != null && planned != null && yes + planned === sizeOf(f, "Community"))
      );
    };
    expect(told(publish(definition, wave, true))).toBe(true);
    const ours = publish(definition, wave, false);
    expect(told(ours)).toBe(false);
    // Still published, and answered by everyone shown it: the whole wave's base is the 'yes' and 'planned'.
    expect(question(ours, "qAfter")?.items[0]!.whole.base).toBe(26);
  });

  it("none of a group reached it (all of them ended the questionnaire early): not told", () => {
    const definition = twoPages({ type: "complete", expression: "{offer} = 'no'" }, [offer]);
    const wave = [
      ...who(7, { offer: "no" }, "Community"),
      ...who(8, { offer: "yes", qAfter: "a" }, "Public"),
      ...who(6, { offer: "no" }, "Public"),
      ...who(6, { offer: "planned", qAfter: "b" }, "Private"),
      ...who(7, { offer: "yes", qAfter: "a" }, "Private"),
    ];
    expect(noneReached(publish(definition, wave, true), "qAfter", "Community")).toBe(true);
    expect(noneReached(publish(definition, wave, false), "qAfter", "Community")).toBe(false);
  });

  it("a trigger that reads two answers ({offer} = 'no' and {accredited} = false): a group's 'all reached' is not told", () => {
    const definition = twoPages({ type: "complete", expression: "{offer} = 'no' and {accredited} = false" }, [
      offer,
      { type: "boolean", name: "accredited", isRequired: true },
    ]);
    const wave = [
      ...who(6, { offer: "no", accredited: true, qAfter: "a" }, "Community"),
      ...who(6, { offer: "yes", accredited: false, qAfter: "b" }, "Community"),
      ...who(8, { offer: "yes", accredited: true, qAfter: "a" }, "Public"),
      ...who(6, { offer: "no", accredited: false }, "Public"),
      ...who(6, { offer: "planned", accredited: true, qAfter: "b" }, "Private"),
      ...who(7, { offer: "no", accredited: false }, "Private"),
    ];
    expect(allReached(publish(definition, wave, true), "qAfter", "Community")).toBe(true);
    const ours = publish(definition, wave, false);
    expect(allReached(ours, "qAfter", "Community")).toBe(false);
    expect(question(ours, "qAfter")).toBeDefined();
  });

  it("the methodologist's probe3h ({barriers} contains 'quality' and {score} >= 4): 'public 12 of 12' is not told", () => {
    const definition = twoPages({ type: "complete", expression: "{barriers} contains 'quality' and {score} >= 4" }, [
      { type: "checkbox", name: "barriers", isRequired: true, choices: ["cost", "time", "quality", "staff"] },
      { type: "rating", name: "score", isRequired: true, rateMin: 1, rateMax: 5 },
    ]);
    const wave = [
      ...who(6, { barriers: ["cost"], score: 5, qAfter: "a" }, "Public"),
      ...who(6, { barriers: ["quality"], score: 2, qAfter: "b" }, "Public"),
      ...who(5, { barriers: ["quality", "time"], score: 4 }, "Private"),
      ...who(7, { barriers: ["staff"], score: 3, qAfter: "a" }, "Private"),
      ...who(6, { barriers: ["quality"], score: 5 }, "Community"),
      ...who(5, { barriers: ["cost", "time"], score: 1, qAfter: "b" }, "Community"),
    ];
    expect(allReached(publish(definition, wave, true), "qAfter", "Public")).toBe(true);
    const ours = publish(definition, wave, false);
    expect(allReached(ours, "qAfter", "Public")).toBe(false);
    // Published: the trigger reads only 'quality' of the four barriers, so its atoms are 2 × 6, not 16 × 6.
    expect(question(ours, "qAfter")).toBeDefined();
    const when = questionSpecs(definition).find((s) => s.name === "qAfter")!.shownWhen;
    expect(when && "combos" in when ? when.combos.length : when).toBe(18); // barriers: empty, quality or not; score: empty, 1..5
  });

  it("leaves out only the options a wide condition does not depend on (a condition on the number of ticks keeps them all)", () => {
    const specs = [
      { name: "barriers", kind: "multi", options: ["cost", "time", "quality", "staff"].map((value) => ({ value })) },
      { name: "score", kind: "rating", options: [1, 2, 3, 4, 5].map((n) => ({ value: String(n), raw: n })) },
    ];
    const some = conditionAtoms(["!({barriers} contains 'quality' and {score} >= 4)"], specs);
    expect("combos" in some ? some.combos.length : some).toBe(18);
    expect(conditionAtoms(["{barriers.length} < 3 and {score} >= 4"], specs)).toEqual({
      unmodelled: "its condition reads too many answers at once (96 combinations)",
    });
  });

  it("questions on the trigger's page keep being answered by everyone; later ones carry the trigger's condition", () => {
    const definition = twoPages({ type: "complete", expression: "{offer} = 'no'" }, [offer]);
    const specs = questionSpecs(definition);
    expect(specs.find((s) => s.name === "offer")?.alwaysAnswered).toBe(true);
    const after = specs.find((s) => s.name === "qAfter")!;
    expect(after.required).toBe(true);
    const when = after.shownWhen;
    expect(when && "combos" in when ? when.combos.filter((c) => c.shows).length : null).toBe(3); // empty, yes, planned
  });
});

describe("a skip trigger jumps over pages, as the respondent's page does", () => {
  const definition = {
    triggers: [{ type: "skip", expression: "{offer} = 'no'", gotoName: "qLast" }],
    pages: [
      { elements: [offer] },
      { elements: [{ type: "radiogroup", name: "qMid", isRequired: true, choices: ["a", "b"] }] },
      { elements: [{ type: "radiogroup", name: "qLast", isRequired: true, choices: ["a", "b"] }] },
    ],
  };

  it("survey-core's page completes without the skipped required question", () => {
    const page = new Model(definition);
    let sent: Record<string, unknown> | null = null;
    page.onComplete.add((s) => (sent = s.data as Record<string, unknown>));
    page.setValue("offer", "no"); // the skip fires on the answer: the page jumps to qLast's
    expect(page.currentPageNo).toBe(2);
    page.setValue("qLast", "a");
    expect(page.completeLastPage()).toBe(true);
    expect(sent).toEqual({ offer: "no", qLast: "a" });
  });

  it("the server accepts that completion, and still refuses one that did not skip (compiled check and survey-core)", () => {
    const compiled = compileQuestionnaire(definition);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    const skipped = { offer: "no", qLast: "a" };
    expect(compiled.compiled.complete(skipped)).toMatchObject({ ok: true, data: skipped });
    expect(modelComplete(checkingModel(definition), skipped)).toMatchObject({ ok: true, data: skipped });
    const notSkipped = { offer: "yes", qLast: "a" };
    expect(compiled.compiled.complete(notSkipped)).toMatchObject({ ok: false, errors: [{ question: "qMid" }] });
    expect(modelComplete(checkingModel(definition), notSkipped)).toMatchObject({ ok: false });
  });

  it("so the skipped-over question is shown only when the skip did not fire: its 'no answer' count is guarded", () => {
    const specs = questionSpecs(definition);
    const mid = specs.find((s) => s.name === "qMid")!;
    expect(mid.alwaysAnswered).toBe(false);
    const when = mid.shownWhen;
    expect(when && "combos" in when ? when.combos.filter((c) => c.shows).length : null).toBe(3); // empty, yes, planned
    expect(specs.find((s) => s.name === "qLast")!.alwaysAnswered).toBe(true);
  });
});
