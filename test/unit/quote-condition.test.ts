import { describe, expect, it } from "vitest";
import { quoteReveals } from "~/results/quote-condition";

const OFFER = "“Do you offer micro-credentials?”";
const BARRIERS = "“Barriers”";
const CREDIT = "“Do they carry credit?”";

/** A questionnaire whose comment `c` is shown under the given conditions (its own, its panel's, its page's). */
function questionnaire(own?: string, panel?: string, page?: string) {
  return {
    locale: "en",
    pages: [
      {
        name: "first",
        elements: [
          {
            type: "radiogroup",
            name: "offer",
            title: { default: "Do you offer micro-credentials?", es: "¿Ofrece microcredenciales?" },
            choices: [
              { value: "yes", text: { default: "Yes", es: "Sí" } },
              { value: "no", text: { default: "No", es: "No" } },
              { value: "planned", text: { default: "Planned", es: "Previsto" } },
            ],
          },
          {
            type: "checkbox",
            name: "barriers",
            title: "Barriers",
            choices: [
              { value: "cost", text: "Cost" },
              { value: "time", text: "Time" },
              { value: "trust", text: "Trust" },
            ],
          },
          { type: "boolean", name: "credit", title: "Do they carry credit?" },
          { type: "text", inputType: "number", name: "staff", title: "Staff" },
          {
            type: "matrix",
            name: "views",
            title: "Views",
            columns: [
              { value: 1, text: "Disagree" },
              { value: 2, text: "Agree" },
            ],
            rows: [{ value: "quality", text: "Quality is high" }],
          },
          { type: "comment", name: "open", title: "Anything else?" },
        ],
      },
      {
        name: "second",
        visibleIf: page,
        elements: [
          {
            type: "panel",
            name: "more",
            visibleIf: panel,
            elements: [{ type: "comment", name: "c", title: "Tell us more", visibleIf: own }],
          },
        ],
      },
    ],
  };
}

const says = (own?: string, panel?: string, page?: string, language = "en") =>
  quoteReveals(questionnaire(own, panel, page), "c", language);

describe("what a quote tells readers about its author's other answers", () => {
  it("says nothing of a question shown to everyone", () => {
    expect(says()).toBeNull();
    expect(quoteReveals(questionnaire("{offer} = 'no'"), "open")).toBeNull();
  });

  it("names the answer a = condition asks for, and the answers a != condition leaves (skipping it included)", () => {
    expect(says("{offer} = 'no'")).toBe(`answered “No” to ${OFFER}`);
    expect(says("{offer} == 'no'")).toBe(`answered “No” to ${OFFER}`);
    expect(says("{offer} != 'yes'")).toBe(`did not answer “Yes” to ${OFFER}`);
    expect(says("{offer} <> 'yes' and {offer} notempty")).toBe(`answered “No” or “Planned” to ${OFFER}`);
    expect(says("{offer} notempty")).toBe(`answered ${OFFER}`);
    expect(says("{offer} empty")).toBe(`left ${OFFER} unanswered`);
  });

  it("names what contains, notcontains, anyof and allof ask of a multiple choice", () => {
    expect(says("{barriers} contains 'cost'")).toBe(`chose “Cost” in ${BARRIERS}`);
    expect(says("{barriers} notcontains 'cost'")).toBe(`did not choose “Cost” in ${BARRIERS}`);
    expect(says("{barriers} anyof ['cost', 'time']")).toBe(`chose “Cost” or “Time” in ${BARRIERS}`);
    expect(says("{barriers} allof ['cost', 'time']")).toBe(`chose “Cost” and “Time” in ${BARRIERS}`);
    expect(says("{barriers} notempty and {barriers} notcontains 'trust'")).toBe(
      `answered ${BARRIERS} without choosing “Trust”`,
    );
    expect(says("{offer} anyof ['no', 'planned']")).toBe(`answered “No” or “Planned” to ${OFFER}`);
  });

  it("puts or into words, on one question or across two", () => {
    expect(says("{barriers} contains 'cost' or {barriers} contains 'time'")).toBe(
      `chose “Cost” or “Time” in ${BARRIERS}`,
    );
    expect(says("{offer} = 'no' or {credit} = true")).toBe(`answered “No” to ${OFFER} or answered “Yes” to ${CREDIT}`);
    expect(says("{offer} = 'no' or {offer} = 'planned'")).toBe(`answered “No” or “Planned” to ${OFFER}`);
  });

  it("puts and into words, and an or beside an and as either … or", () => {
    expect(says("{offer} = 'no' and {barriers} contains 'cost'")).toBe(
      `answered “No” to ${OFFER} and chose “Cost” in ${BARRIERS}`,
    );
    expect(says("({offer} = 'no' or {credit} = true) and {barriers} contains 'time'")).toBe(
      `either answered “No” to ${OFFER} or answered “Yes” to ${CREDIT} and chose “Time” in ${BARRIERS}`,
    );
  });

  it("joins the question's own condition with its panel's and its page's", () => {
    expect(says("{barriers} contains 'cost'", "{credit} = true", "{offer} = 'no'")).toBe(
      `chose “Cost” in ${BARRIERS}, answered “Yes” to ${CREDIT}, and answered “No” to ${OFFER}`,
    );
    expect(says(undefined, undefined, "{offer} = 'no'")).toBe(`answered “No” to ${OFFER}`);
    expect(says(undefined, "{barriers} notcontains 'time'")).toBe(`did not choose “Time” in ${BARRIERS}`);
    // A page that asks for "no" and a question that asks for anything but "yes": "no" is what readers learn.
    expect(says("{offer} != 'yes'", undefined, "{offer} = 'no'")).toBe(`answered “No” to ${OFFER}`);
  });

  it("reads an enableIf like a visibleIf: a comment one can only write in after answering No tells that answer", () => {
    const definition = questionnaire();
    const comment = (definition.pages[1]!.elements[0] as { elements: Record<string, unknown>[] }).elements[0]!;
    comment.enableIf = "{offer} = 'no'";
    expect(quoteReveals(definition, "c")).toBe(`answered “No” to ${OFFER}`);
    // (answers are worked out once per questionnaire object: a new one for the panel's condition)
    const second = questionnaire();
    (second.pages[1]!.elements[0] as Record<string, unknown>).enableIf = "{credit} = true";
    expect(quoteReveals(second, "c")).toBe(`answered “Yes” to ${CREDIT}`);
  });

  it("reads a complete trigger before the quoted question's page: reaching it tells the trigger was false (round 4)", () => {
    const ends = (expression: string) => ({
      ...questionnaire(),
      triggers: [{ type: "complete", expression }],
    });
    expect(quoteReveals(ends("{offer} = 'yes'"), "c")).toBe(`did not answer “Yes” to ${OFFER}`);
    expect(quoteReveals(ends("{offer} = 'no' and {credit} = true"), "c")).toContain(OFFER);
    // A question on the trigger's own page is answered before it acts: it tells nothing.
    expect(quoteReveals(ends("{offer} = 'yes'"), "open")).toBeNull();
  });

  it("reads a yes/no question's = true and != true", () => {
    expect(says("{credit} = true")).toBe(`answered “Yes” to ${CREDIT}`);
    expect(says("{credit} = false")).toBe(`answered “No” to ${CREDIT}`);
    expect(says("{credit} != true")).toBe(`did not answer “Yes” to ${CREDIT}`);
    expect(says("!({credit} = true)")).toBe(`did not answer “Yes” to ${CREDIT}`);
  });

  it("says whether a free-text question was answered when that is all a condition asks of it", () => {
    expect(says("{staff} notempty")).toBe("answered “Staff”");
    expect(says("{staff} empty and {offer} = 'yes'")).toBe(`left “Staff” unanswered and answered “Yes” to ${OFFER}`);
  });

  it("names a matrix row by its question and row", () => {
    expect(says("{views.quality} = 2")).toBe("answered “Agree” to “Views (Quality is high)”");
  });

  it("says in general, with the condition, what it cannot put into exact words", () => {
    expect(says("{staff} > 30")).toBe("gave answers that show this question only to some respondents: “Staff” > 30");
    // An exact part is said exactly, the rest in general.
    expect(says("{offer} = 'no' and {staff} > 30")).toBe(
      `answered “No” to ${OFFER} and gave answers that show this question only to some respondents: “Staff” > 30`,
    );
    // Either reading of "A, or B and C" would be wrong for one of them: said in general.
    expect(says("{offer} = 'no' or {credit} = true and {barriers} contains 'cost'")).toMatch(
      /^gave answers that show this question only to some respondents: /,
    );
  });

  it("ignores what reads no answer, and a condition that always holds", () => {
    expect(says("{offer} = 'no' or {offer} != 'no'")).toBeNull();
  });

  it("speaks the admin's language with the questionnaire's own words", () => {
    expect(says("{offer} anyof ['no', 'planned']", undefined, undefined, "es")).toBe(
      "respondió «No» o «Previsto» a «¿Ofrece microcredenciales?»",
    );
    expect(says("{barriers} contains 'cost'", undefined, undefined, "fr")).toBe(
      "a choisi «\u00a0Cost\u00a0» à «\u00a0Barriers\u00a0»",
    );
  });
});
