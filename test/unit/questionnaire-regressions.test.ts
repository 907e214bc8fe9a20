import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { checkAnswers, compileQuestionnaire } from "~/lib/survey";

// The minimal reproductions from issue 16, each checked on both paths: the compiled check (a cache
// key) and survey-core's Model (none). Each "page" case was confirmed to be what the page posts.
type Json = Record<string, unknown>;
const both = (definition: Json, data: Json) => {
  const compiled = checkAnswers(definition, data, { complete: true, cacheKey: JSON.stringify(definition) });
  const model = checkAnswers(definition, data, { complete: true });
  const names = (r: typeof model) => (r.ok ? r : [...new Set(r.errors.map((e) => e.question))].sort());
  expect(names(compiled)).toEqual(names(model));
  return compiled;
};
const surveyCoreSays = (definition: Json, data: Json) => {
  const survey = new Model(definition);
  survey.data = data;
  return survey.validate(true, false);
};

describe("what the real page sends is accepted", () => {
  const cases: [string, Json, Json][] = [
    [
      "a required question with visible: false",
      {
        elements: [
          { type: "text", name: "a" },
          { type: "text", name: "h", visible: false, isRequired: true },
        ],
      },
      { a: "x" },
    ],
    [
      "a required question in a hidden panel",
      {
        elements: [
          { type: "text", name: "a" },
          { type: "panel", name: "p", visible: false, elements: [{ type: "text", name: "h", isRequired: true }] },
        ],
      },
      { a: "x" },
    ],
    [
      "a required question on a hidden page",
      {
        pages: [
          { name: "p1", elements: [{ type: "text", name: "a" }] },
          { name: "p2", visible: false, elements: [{ type: "text", name: "h", isRequired: true }] },
        ],
      },
      { a: "x" },
    ],
    [
      "a required read-only question",
      {
        elements: [
          { type: "text", name: "a" },
          { type: "text", name: "h", readOnly: true, isRequired: true },
        ],
      },
      { a: "x" },
    ],
    [
      "a required question on a start page",
      {
        firstPageIsStartPage: true,
        pages: [
          { name: "s", elements: [{ type: "text", name: "st", isRequired: true }] },
          { name: "p2", elements: [{ type: "text", name: "a" }] },
        ],
      },
      { a: "x" },
    ],
    [
      "an all-rows matrix whose row is hidden",
      {
        elements: [
          { type: "boolean", name: "b" },
          {
            type: "matrix",
            name: "m",
            isAllRowRequired: true,
            columns: ["c1", "c2"],
            rows: ["r1", { value: "r2", visibleIf: "{b} = true" }],
          },
        ],
      },
      { b: false, m: { r1: "c1" } },
    ],
    [
      "matrix column totals (md-total)",
      {
        elements: [
          {
            type: "matrixdropdown",
            name: "md",
            columns: [{ name: "n", cellType: "text", inputType: "number", totalType: "sum" }],
            rows: ["a", "b"],
          },
        ],
      },
      { md: { a: { n: 1 }, b: { n: 2 } }, "md-total": { n: 3 } },
    ],
    [
      "a calculated value included in the result",
      {
        calculatedValues: [{ name: "tot", expression: "{a} + 1", includeIntoResult: true }],
        elements: [{ type: "text", name: "a", inputType: "number" }],
      },
      { a: 1, tot: 2 },
    ],
    [
      "a setvalue trigger whose target is no question",
      {
        triggers: [{ type: "setvalue", expression: "{a} = 1", setToName: "flag", setValue: "yes" }],
        elements: [{ type: "text", name: "a", inputType: "number" }],
      },
      { a: 1, flag: "yes" },
    ],
    [
      "a custom choice in a dropdown",
      { elements: [{ type: "dropdown", name: "d", allowCustomChoices: true, choices: ["x"] }] },
      { d: "mine" },
    ],
    [
      "a custom choice in a tagbox",
      { elements: [{ type: "tagbox", name: "d", allowCustomChoices: true, choices: ["x"] }] },
      { d: ["x", "mine"] },
    ],
    [
      "a dropdown with only choicesMin and choicesMax",
      { elements: [{ type: "dropdown", name: "d", choicesMin: 1, choicesMax: 10 }] },
      { d: 5 },
    ],
    [
      "a generated age in a dynamic panel's dropdown that also lists choices (SurveyJS's paneldynamic demo, issue 26)",
      {
        elements: [
          {
            type: "paneldynamic",
            name: "relatives",
            templateElements: [
              {
                type: "dropdown",
                name: "deceasedage",
                isRequired: true,
                choices: [{ value: -1, text: "Unknown" }],
                choicesMin: 1,
                choicesMax: 115,
              },
            ],
          },
        ],
      },
      { relatives: [{ deceasedage: 94 }, { deceasedage: -1 }, { deceasedage: 115 }] },
    ],
    [
      "a buttongroup choice",
      { elements: [{ type: "buttongroup", name: "b", isRequired: true, choices: ["Choice 1", "Choice 2"] }] },
      { b: "Choice 2" },
    ],
    [
      "other kept in the value (storeOthersAsComment: false)",
      {
        storeOthersAsComment: false,
        elements: [{ type: "radiogroup", name: "r", showOtherItem: true, choices: ["x"] }],
      },
      { r: "my own" },
    ],
    [
      "a checkbox with valuePropertyName",
      { elements: [{ type: "checkbox", name: "c", valuePropertyName: "fruit", choices: ["apple", "pear"] }] },
      { c: [{ fruit: "apple" }] },
    ],
    [
      "a list loaded from an allowed host (checked as text)",
      {
        elements: [
          {
            type: "dropdown",
            name: "country",
            isRequired: true,
            choicesByUrl: { url: "https://lists.example.org/countries.json" },
          },
        ],
      },
      { country: "FR" },
    ],
  ];
  it.each(cases)("%s", (_label, definition, data) => {
    expect(surveyCoreSays(definition, data)).toBe(true);
    expect(both(definition, data)).toMatchObject({ ok: true });
  });

  it("keeps the totals, calculated values and trigger targets survey-core works out, not the ones sent", () => {
    const definition = {
      calculatedValues: [{ name: "tot", expression: "{a} + 1", includeIntoResult: true }],
      triggers: [{ type: "setvalue", expression: "{a} = 1", setToName: "flag", setValue: "yes" }],
      elements: [
        { type: "text", name: "a", inputType: "number" },
        {
          type: "matrixdropdown",
          name: "md",
          columns: [{ name: "n", cellType: "text", inputType: "number", totalType: "sum" }],
          rows: ["a", "b"],
        },
      ],
    };
    expect(
      both(definition, { a: 1, tot: 99, flag: "yes", md: { a: { n: 1 }, b: { n: 2 } }, "md-total": { n: 1000 } }),
    ).toEqual({
      ok: true,
      data: { a: 1, tot: 2, flag: "yes", md: { a: { n: 1 }, b: { n: 2 } }, "md-total": { n: 3 } },
    });
  });
});

describe("what survey-core refuses is refused", () => {
  const cases: [string, Json, Json, string][] = [
    [
      "a required panel left empty",
      { elements: [{ type: "panel", name: "p", isRequired: true, elements: [{ type: "text", name: "a" }] }] },
      {},
      "p",
    ],
    [
      "repeated values in an eachRowUnique matrix",
      { elements: [{ type: "matrix", name: "m", eachRowUnique: true, columns: ["c1", "c2"], rows: ["r1", "r2"] }] },
      { m: { r1: "c1", r2: "c1" } },
      "m",
    ],
    [
      "a repeated key in a dynamic matrix",
      { elements: [{ type: "matrixdynamic", name: "d", keyName: "k", columns: [{ name: "k", cellType: "text" }] }] },
      { d: [{ k: "x" }, { k: "X" }] },
      "d",
    ],
    [
      "a required cell left empty",
      {
        elements: [
          {
            type: "matrixdropdown",
            name: "md",
            rows: ["r"],
            columns: [{ name: "c", cellType: "text", isRequired: true }],
          },
        ],
      },
      { md: { r: {} } },
      "md",
    ],
    [
      "a required question in a dynamic panel",
      {
        elements: [
          { type: "paneldynamic", name: "pd", templateElements: [{ type: "text", name: "t", isRequired: true }] },
        ],
      },
      { pd: [{}] },
      "pd",
    ],
    [
      "a validator that fails",
      { elements: [{ type: "text", name: "t", validators: [{ type: "regex", regex: "^[0-9]{5}$" }] }] },
      { t: "abc" },
      "t",
    ],
    [
      "too few choices for minSelectedChoices",
      { elements: [{ type: "checkbox", name: "c", choices: ["a", "b", "c"], minSelectedChoices: 2 }] },
      { c: ["a"] },
      "c",
    ],
    [
      "a number below its minimum",
      { elements: [{ type: "text", name: "n", inputType: "number", min: 10 }] },
      { n: 3 },
      "n",
    ],
  ];
  it.each(cases)("%s", (_label, definition, data, question) => {
    expect(surveyCoreSays(definition, data)).toBe(false);
    const result = both(definition, data);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((e) => e.question)).toContain(question);
  });

  it("refuses values the page cannot produce, with a sentence (the documented exceptions)", () => {
    const definition = {
      calculatedValues: [{ name: "tot", expression: "1" }],
      elements: [
        { type: "dropdown", name: "d", choices: ["x"] },
        { type: "text", name: "n", inputType: "number" },
      ],
    };
    expect(checkAnswers(definition, { d: "y" }, { complete: true })).toEqual({
      ok: false,
      errors: [{ question: "d", message: '"y" is not one of the choices.' }],
    });
    expect(checkAnswers(definition, { n: "ten" }, { complete: true })).toEqual({
      ok: false,
      errors: [{ question: "n", message: "The answer must be a number." }],
    });
    // A buttongroup is a choice question: what it does not offer is not taken (it once was, as any value).
    expect(
      checkAnswers({ elements: [{ type: "buttongroup", name: "b", choices: ["x"] }] }, { b: "y" }, { complete: true }),
    ).toEqual({ ok: false, errors: [{ question: "b", message: '"y" is not one of the choices.' }] });
    expect(checkAnswers(definition, { stray: 1 }, { complete: true })).toEqual({
      ok: false,
      errors: [{ question: "stray", message: 'There is no question named "stray" in this questionnaire.' }],
    });
  });
});

describe("the compiled check", () => {
  it("covers every built-in question type the issue lists", () => {
    const definition = {
      elements: [
        ...["text", "comment", "boolean", "rating", "signaturepad", "file", "expression", "html", "image"].map(
          (type, i): Json => ({ type, name: `q${i}` }),
        ),
        { type: "checkbox", name: "c", choices: ["a"] },
        { type: "radiogroup", name: "r", choices: ["a"] },
        { type: "dropdown", name: "d", choices: ["a"] },
        { type: "tagbox", name: "t", choices: ["a"] },
        { type: "ranking", name: "k", choices: ["a", "b"] },
        { type: "imagepicker", name: "i", choices: [{ value: "a", imageLink: "/a.png" }] },
        { type: "multipletext", name: "m", items: [{ name: "x" }] },
        { type: "matrix", name: "mx", rows: ["r"], columns: ["c"] },
        { type: "matrixdropdown", name: "md", rows: ["r"], columns: [{ name: "c" }] },
        { type: "matrixdynamic", name: "dy", columns: [{ name: "c" }] },
        { type: "paneldynamic", name: "pd", templateElements: [{ type: "text", name: "t" }] },
      ],
    };
    expect(compileQuestionnaire(definition)).toMatchObject({ ok: true });
  });

  it("names what it leaves to survey-core's Model, which still checks it", () => {
    const withSetValue = {
      elements: [
        { type: "text", name: "t", setValueExpression: "'x'" },
        { type: "text", name: "u", isRequired: true },
      ],
    };
    expect(compileQuestionnaire(withSetValue)).toEqual({ ok: false, reason: 'question "t" sets setValueExpression' });
    expect(compileQuestionnaire({ elements: [{ type: "slider", name: "s" }] })).toEqual({
      ok: false,
      reason: 'question "s" is a slider',
    });
    expect(checkAnswers(withSetValue, {}, { complete: true, cacheKey: "set-value" })).toMatchObject({
      ok: false,
      errors: [{ question: "u" }],
    });
  });
});

describe("choices copied from another question (choicesFromQuestion, issue 26)", () => {
  const definition: Json = {
    elements: [
      {
        type: "checkbox",
        name: "car",
        choices: ["Ford", "BMW", "Audi", "Kia"],
        showOtherItem: true,
        choicesOrder: "desc",
      },
      {
        type: "ranking",
        name: "best",
        choicesFromQuestion: "car",
        choicesFromQuestionMode: "selected",
        isRequired: true,
      },
      { type: "radiogroup", name: "fav", choicesFromQuestion: "car", choicesFromQuestionMode: "unselected" },
      { type: "dropdown", name: "any", choicesFromQuestion: "car" },
      {
        type: "checkbox",
        name: "again",
        choicesFromQuestion: "car",
        choicesFromQuestionMode: "selected",
        hideIfChoicesEmpty: true,
        isRequired: true,
      },
      {
        type: "matrixdynamic",
        name: "people",
        columns: [
          { name: "id", cellType: "text" },
          { name: "nick", cellType: "text" },
        ],
      },
      { type: "tagbox", name: "picked", choicesFromQuestion: "people" },
      { type: "dropdown", name: "nick", choicesFromQuestion: "people", choiceValuesFromQuestion: "nick" },
    ],
  };

  it("is checked by the compiled check", () => {
    expect(compileQuestionnaire(definition)).toMatchObject({ ok: true });
  });

  it("keeps what was offered, drops what was not, and fills a ranking with the chosen choices, as survey-core does", () => {
    const kept = both(definition, {
      car: ["Ford", "BMW", "other"],
      "car-Comment": "Skoda",
      best: ["other", "Audi", "BMW"],
      fav: "Ford",
      any: "Kia",
      again: ["other", "Audi"],
      people: [{ id: "p1", nick: "Al" }, { nick: "Bo" }],
      picked: ["p1", "Bo", "zz"],
      nick: "Bo",
    });
    expect(kept).toEqual({
      ok: true,
      data: {
        car: ["Ford", "BMW", "other"],
        "car-Comment": "Skoda",
        // Audi was not chosen: it goes; the ranking then holds every chosen car (BMW before Ford: desc).
        best: ["other", "BMW", "Ford"],
        any: "Kia",
        again: ["other"],
        people: [{ id: "p1", nick: "Al" }, { nick: "Bo" }],
        // A row's first key is its value unless choiceValuesFromQuestion names one.
        picked: ["p1", "Bo"],
        nick: "Bo",
      },
    });
  });

  it("refuses a required copy left with nothing the source offers, and hides one with no choices", () => {
    expect(both(definition, { car: ["Ford"], best: ["Ford"], again: ["Audi"] })).toMatchObject({
      ok: false,
      errors: [{ question: "again" }],
    });
    expect(both(definition, { car: [], best: [] })).toMatchObject({ ok: false, errors: [{ question: "best" }] });
    expect(both(definition, { car: ["Audi"], best: ["Audi"], again: ["Audi"] })).toMatchObject({ ok: true });
  });

  it("leaves to the Model what it does not follow, and says why", () => {
    const conditional = structuredClone(definition);
    ((conditional.elements as Json[])[0] as Json).choicesVisibleIf = "{item} != 'Kia'";
    expect(compileQuestionnaire(conditional)).toEqual({
      ok: false,
      reason: 'question "car" (whose choices question "best" copies) has choices shown by a condition',
    });
  });
});

describe("a choice with a comment of its own (showCommentArea on a choice, SurveyJS 3, issue 26)", () => {
  const definition: Json = {
    elements: [
      {
        type: "radiogroup",
        name: "r",
        choices: [
          "a",
          { value: "b", showCommentArea: true },
          { value: "c", showCommentArea: true, isCommentRequired: true },
        ],
      },
      { type: "checkbox", name: "c", choices: ["a", { value: "b", showCommentArea: true }, "d"] },
    ],
  };

  it("takes {value, comment} as the page sends it, and keeps it", () => {
    // Made by survey-core as the page does: choose, then type into the choice's comment box.
    const survey = new Model(definition);
    const r = survey.getQuestionByName("r") as unknown as {
      value: unknown;
      choices: unknown[];
      setCommentValue(item: unknown, text: string): void;
    };
    r.value = "b";
    r.setCommentValue(r.choices[1], "because");
    const c = survey.getQuestionByName("c") as unknown as {
      renderedValue: unknown;
      choices: unknown[];
      setCommentValue(item: unknown, text: string): void;
    };
    c.renderedValue = ["a", "b"];
    c.setCommentValue(c.choices[1], "mostly");
    const posted = survey.data as Json;
    expect(posted).toEqual({
      r: { value: "b", comment: "because" },
      c: [{ value: "a" }, { value: "b", comment: "mostly" }],
    });
    expect(both(definition, posted)).toEqual({ ok: true, data: posted });
    // Without comments the page sends the plain values (a checkbox's items as {value}).
    expect(both(definition, { r: "a", c: [{ value: "d" }] })).toMatchObject({ ok: true });
  });

  it("refuses a comment on a choice that takes none, a comment that is not text, and a missing required comment", () => {
    const refused = (data: Json) => checkAnswers(definition, data, { complete: true, cacheKey: "choice-comments" });
    expect(refused({ r: { value: "a", comment: "x" } })).toEqual({
      ok: false,
      errors: [{ question: "r", message: "The choice a takes no comment." }],
    });
    expect(refused({ c: [{ value: "b", comment: 3 }] })).toMatchObject({ ok: false, errors: [{ question: "c" }] });
    expect(refused({ r: { value: "zz" } })).toMatchObject({ ok: false, errors: [{ question: "r" }] });
    expect(refused({ r: { value: "b", extra: 1 } })).toMatchObject({ ok: false, errors: [{ question: "r" }] });
    expect(refused({ c: [{ value: "b" }, "b"] })).toMatchObject({ ok: false, errors: [{ question: "c" }] });
    expect(both(definition, { r: { value: "c" } })).toMatchObject({ ok: false, errors: [{ question: "r" }] });
    expect(both(definition, { r: { value: "c", comment: "why" } })).toMatchObject({ ok: true });
  });
});
