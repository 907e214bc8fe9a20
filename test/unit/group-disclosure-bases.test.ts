// Group disclosure through a conditional question's base (issue 21, round 3: the methodologist's
// D.11–D.14). Being shown a question is a function of answers, so a group's base splits the group in
// two: a part equal to the whole group says how every member of it answered. Each case is the
// methodologist's wave in small: the baseline that only hides small cells gives it away; ours does not.
import { describe, expect, it } from "vitest";
import { resultFigures, type ResultFigures, type TableFigures } from "~/results/figures";
import { syntheticInput, type SyntheticRespondent } from "../../harness/synthetic-wave";

const K = 5;
const who = (n: number, data: Record<string, unknown>, role: string, region = "Europe & Central Asia") =>
  Array.from({ length: n }, (): SyntheticRespondent => ({ region, role, verified: true, data: { ...data } }));

const publish = (definition: object, respondents: SyntheticRespondent[], primaryOnly: boolean): ResultFigures =>
  resultFigures({ ...syntheticInput(respondents, K, true, definition), primaryOnly }).figures;

const question = (f: ResultFigures, name: string) => f.questions.find((q) => q.name === name);
const sizeOf = (f: ResultFigures, role: string) =>
  f.breakdowns.find((b) => b.family === "roleCategory")?.groups.find((g) => g.id === role)?.size;
/** A question's table for one role (the order of the breakdown's groups). */
const tableOf = (f: ResultFigures, name: string, role: string, row = 0): TableFigures | undefined => {
  const groups = f.breakdowns.find((b) => b.family === "roleCategory")?.groups ?? [];
  const i = groups.findIndex((g) => g.id === role);
  return i < 0 ? undefined : question(f, name)?.items[row]?.groups.roleCategory?.[i];
};
const countIn = (f: ResultFigures, t: TableFigures | undefined, name: string, value: string) => {
  const i = question(f, name)?.options.findIndex((o) => o.value === value) ?? -1;
  return i < 0 || !t ? undefined : t.cells[i]!.count;
};

describe("a conditional question's base does not say how a whole group answered", () => {
  it("D.12: shown if {offer} != 'no': a group's base equal to its size (\"all community colleges offer or plan\")", () => {
    const definition = {
      elements: [
        { type: "radiogroup", name: "offer", isRequired: true, choices: ["yes", "planned", "no"] },
        { type: "radiogroup", name: "how", isRequired: true, visibleIf: "{offer} != 'no'", choices: ["a", "b"] },
      ],
    };
    const wave = [
      ...who(7, { offer: "yes", how: "a" }, "Community"),
      ...who(4, { offer: "planned", how: "b" }, "Community"),
      ...who(8, { offer: "yes", how: "a" }, "Public"),
      ...who(6, { offer: "no" }, "Public"),
      ...who(6, { offer: "planned", how: "b" }, "Private"),
      ...who(7, { offer: "no" }, "Private"),
    ];
    /** Whether a reader sees that every community college was shown "how" (so none said no). */
    const allShown = (f: ResultFigures) => {
      const size = sizeOf(f, "Community");
      const t = tableOf(f, "how", "Community");
      const offer = tableOf(f, "offer", "Community");
      const no = countIn(f, offer, "offer", "no");
      const [yes, planned] = [countIn(f, offer, "offer", "yes"), countIn(f, offer, "offer", "planned")];
      return (
        (t?.base != null && t.base === size) || no === 0 || (yes != null && planned != null && yes + planned === size)
      );
    };
    expect(allShown(publish(definition, wave, true))).toBe(true);
    expect(allShown(publish(definition, wave, false))).toBe(false);
  });

  it("D.13: shown if {barriers} contains 'cost' or 'time': a group's base equal to its size", () => {
    const definition = {
      elements: [
        { type: "checkbox", name: "barriers", isRequired: true, choices: ["cost", "time", "trust"] },
        {
          type: "radiogroup",
          name: "fix",
          isRequired: true,
          visibleIf: "{barriers} contains 'cost' or {barriers} contains 'time'",
          choices: ["a", "b"],
        },
      ],
    };
    const wave = [
      ...who(6, { barriers: ["cost"], fix: "a" }, "Public"),
      ...who(6, { barriers: ["time", "trust"], fix: "b" }, "Public"),
      ...who(7, { barriers: ["cost"], fix: "a" }, "Private"),
      ...who(8, { barriers: ["trust"] }, "Private"),
      ...who(5, { barriers: ["time"], fix: "b" }, "Online"),
      ...who(6, { barriers: ["trust"] }, "Online"),
    ];
    const allShown = (f: ResultFigures) => {
      const t = tableOf(f, "fix", "Public");
      return t?.base != null && t.base === sizeOf(f, "Public");
    };
    expect(allShown(publish(definition, wave, true))).toBe(true);
    expect(allShown(publish(definition, wave, false))).toBe(false);
  });

  it("D.14: shown only to those who answered 'other' (a small group): \"no\" = 0 says all of them said yes", () => {
    const definition = {
      elements: [
        { type: "radiogroup", name: "kind", isRequired: true, choices: ["public", "private", "other"] },
        {
          type: "radiogroup",
          name: "otherOnly",
          isRequired: true,
          visibleIf: "{kind} = 'other'",
          choices: ["yes", "no"],
        },
      ],
    };
    const wave = [
      ...who(3, { kind: "other", otherOnly: "yes" }, "Public"),
      ...who(10, { kind: "public" }, "Public"),
      ...who(12, { kind: "private" }, "Private"),
    ];
    /** A reader who sees "no" = 0 in the whole wave knows every "other" said yes (there is at least one: 25 − 10 − 12). */
    const allYes = (f: ResultFigures) => {
      const t = question(f, "otherOnly")?.items[0]?.whole;
      return countIn(f, t, "otherOnly", "no") === 0;
    };
    expect(allYes(publish(definition, wave, true))).toBe(true);
    expect(allYes(publish(definition, wave, false))).toBe(false);
  });

  it("D.11: an optional matrix none of a group answered reads withheld, not n = 0 beside full groups", () => {
    const definition = {
      elements: [
        { type: "radiogroup", name: "offer", isRequired: true, choices: ["yes", "no"] },
        { type: "matrix", name: "m", columns: ["1", "2"], rows: ["r1", "r2"] },
      ],
    };
    const wave = [
      ...who(9, { offer: "yes", m: { r1: "1", r2: "2" } }, "Dean"),
      ...who(9, { offer: "no", m: { r1: "2", r2: "2" } }, "President"),
      ...who(9, { offer: "yes", m: { r1: "1", r2: "1" } }, "Provost"),
      ...who(8, { offer: "no" }, "CIO"),
    ];
    const noneAnswered = (f: ResultFigures) =>
      [0, 1].some((row) => tableOf(f, "m", "CIO", row)?.base === 0 && (sizeOf(f, "CIO") ?? 0) > 0);
    expect(noneAnswered(publish(definition, wave, true))).toBe(true);
    expect(noneAnswered(publish(definition, wave, false))).toBe(false);
  });

  it("a split the questionnaire itself makes is no news: shown to all who answered a required question", () => {
    const definition = {
      elements: [
        { type: "radiogroup", name: "offer", isRequired: true, choices: ["yes", "no"] },
        { type: "radiogroup", name: "next", isRequired: true, visibleIf: "{offer} notempty", choices: ["a", "b"] },
      ],
    };
    const wave = [
      ...who(6, { offer: "yes", next: "a" }, "Dean"),
      ...who(6, { offer: "no", next: "b" }, "Dean"),
      ...who(9, { offer: "no", next: "a" }, "Provost"),
      ...who(7, { offer: "yes", next: "b" }, "Provost"),
    ];
    const f = publish(definition, wave, false);
    // Everyone was shown it, as every reader of the questionnaire knows: the bases are the groups' sizes, shown.
    expect(question(f, "next")?.items[0]?.whole.base).toBe(28);
    expect(tableOf(f, "next", "Dean")?.base).toBe(12);
    expect(tableOf(f, "next", "Provost")?.base).toBe(16);
  });
});
