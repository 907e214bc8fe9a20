import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkDefinition } from "~/lib/survey";
import { CORPUS_DIR } from "../helpers/corpus";

const dir = path.resolve("survey-definitions");

describe("checkDefinition", () => {
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    it(`accepts ${file}`, () => {
      const result = checkDefinition(fs.readFileSync(path.join(dir, file), "utf8"));
      expect(result.errors).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.questionCount).toBeGreaterThan(8);
    });
  }

  it("uses every question type the issue asks for across the two questionnaires, and asks consent to quote", () => {
    const types = new Set<string>();
    const names = new Set<string>();
    for (const file of fs.readdirSync(dir)) {
      const json = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
      for (const page of json.pages)
        for (const el of page.elements) {
          types.add(el.type);
          names.add(el.name);
          if (el.type === "checkbox" && el.showOtherItem) types.add("checkbox-other");
        }
    }
    for (const t of ["radiogroup", "checkbox-other", "dropdown", "rating", "boolean", "matrix", "ranking", "comment"]) {
      expect(types, t).toContain(t);
    }
    expect(names).toContain("consentToQuote");
  });

  it("reports a JSON syntax error with its line and column", () => {
    const result = checkDefinition('{\n  "title": "x",\n  "pages": [\n    { "elements": [ } ]\n}');
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatch(/^invalid JSON at line 4, column 21: value expected/);
  });

  it("rejects an unknown question type, naming it", () => {
    const result = checkDefinition(JSON.stringify({ elements: [{ type: "telepathy", name: "q1" }] }));
    expect(result.errors).toEqual(['element "q1" has an unknown question type "telepathy" (line 1, column 22)']);
  });

  it("rejects duplicate question names, also across pages", () => {
    const result = checkDefinition(
      JSON.stringify({
        pages: [{ elements: [{ type: "text", name: "age" }] }, { elements: [{ type: "comment", name: "Age" }] }],
      }),
    );
    expect(result.errors).toEqual(['the question name "Age" is used twice (line 1, column 93)']);
  });

  it("rejects a choice question without choices, but not one fed from another question", () => {
    const result = checkDefinition(
      JSON.stringify({
        elements: [
          { type: "checkbox", name: "a", choices: ["x"] },
          { type: "radiogroup", name: "b" },
          { type: "dropdown", name: "c", choicesFromQuestion: "a" },
        ],
      }),
    );
    expect(result.errors).toEqual(['the radiogroup question "b" has no choices']);
  });

  it("rejects arrays, empty surveys and questions without names", () => {
    expect(checkDefinition("[]").errors[0]).toMatch(/must hold a JSON object/);
    expect(checkDefinition("{}").errors).toEqual(["it has no questions to answer"]);
    expect(checkDefinition(JSON.stringify({ elements: [{ type: "text" }] })).errors[0]).toMatch(/has no "name"/);
    expect(checkDefinition("").errors[0]).toMatch(/^invalid JSON at line 1, column 1/);
  });

  it("finds expressions survey-core cannot read, wherever they are, and says where", () => {
    const text = [
      "{",
      '  "calculatedValues": [{ "name": "x", "expression": "{a} +" }],',
      '  "elements": [',
      '    { "type": "text", "name": "a" },',
      '    { "type": "text", "name": "b", "isRequired": true, "visibleIf": "{a} = = 1" },',
      '    { "type": "checkbox", "name": "c", "choices": [{ "value": "x", "visibleIf": "{a} ==" }] },',
      '    { "type": "text", "name": "d", "validators": [{ "type": "expression", "expression": "{d} >" }] }',
      "  ]",
      "}",
    ].join("\n");
    const result = checkDefinition(text);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      'the expression "{a} +" of "x" cannot be read (line 2, column 53): at character 6: unexpected end of input',
      'the expression "{a} = = 1" of "b" cannot be read (line 5, column 69): at character 7: unexpected "="',
      'the expression "{a} ==" of "c" cannot be read (line 6, column 81): at character 7: unexpected end of input',
      'the expression "{d} >" of "d" cannot be read (line 7, column 89): at character 6: unexpected end of input',
    ]);
  });

  it("refuses required questions nobody can answer, and dropdowns with generated choices are fine", () => {
    const result = checkDefinition(
      JSON.stringify({
        elements: [
          { type: "matrix", name: "m", isRequired: true, columns: ["c1"] },
          { type: "matrix", name: "optional", columns: ["c1"] },
          { type: "matrixdropdown", name: "md", isRequired: true, rows: ["r1"] },
          { type: "dropdown", name: "year", choicesMin: 2000, choicesMax: 2030 },
        ],
      }),
    );
    expect(result.errors).toEqual([
      'the required matrix "m" has no rows: nobody can answer it',
      'the required matrix "md" has no columns: nobody can answer it',
    ]);
  });

  it("loads choice lists only from hosts the configuration allows (QUORUM_CHOICES_HOSTS)", () => {
    const file = JSON.stringify({
      elements: [
        { type: "dropdown", name: "country", choicesByUrl: { url: "https://lists.example.org/countries.json" } },
        { type: "dropdown", name: "local", choicesByUrl: { url: "/lists/units.json" } },
      ],
    });
    expect(checkDefinition(file).errors).toEqual([
      expect.stringMatching(
        /^question "country" loads its choices from https:\/\/lists\.example\.org, which the survey page may not contact \(line 1, column \d+\): add https:\/\/lists\.example\.org to QUORUM_CHOICES_HOSTS/,
      ),
    ]);
    expect(checkDefinition(file, { choicesHosts: ["https://lists.example.org"] }).ok).toBe(true);
  });

  it("says when completions of a questionnaire are checked by survey-core's Model, and why", () => {
    expect(checkDefinition(JSON.stringify({ elements: [{ type: "text", name: "a" }] })).slowBecause).toBeUndefined();
    const slow = checkDefinition(JSON.stringify({ elements: [{ type: "text", name: "a", setValueExpression: "1" }] }));
    expect(slow.slowBecause).toBe('question "a" sets setValueExpression');
  });

  it(
    "accepts every questionnaire of the corpus, and takes the compiled check for all but those named",
    { timeout: 60_000 },
    () => {
      const corpus = CORPUS_DIR;
      const slow: string[] = [];
      for (const file of fs.readdirSync(corpus).filter((f) => f.endsWith(".json"))) {
        const result = checkDefinition(fs.readFileSync(path.join(corpus, file), "utf8"), {
          choicesHosts: ["https://lists.example.org"],
        });
        expect(result.errors, file).toEqual([]);
        if (result.slowBecause) slow.push(`${file}: ${result.slowBecause}`);
      }
      expect(slow).toEqual([
        'other-in-value.json: the questionnaire sets "storeOthersAsComment": false',
        'surveyjs-choice-comments.json: choice "referral" has its own comment (answers are {value, comment})',
      ]);
    },
  );

  it("accepts any valid SurveyJS survey, such as one with panels, dynamic panels and matrices", () => {
    const result = checkDefinition(
      JSON.stringify({
        title: "Other tool's survey",
        pages: [
          {
            elements: [
              { type: "panel", name: "p1", elements: [{ type: "text", name: "name", inputType: "email" }] },
              { type: "paneldynamic", name: "kids", templateElements: [{ type: "text", name: "name" }] },
              { type: "matrixdropdown", name: "md", columns: [{ name: "c1" }], rows: ["r1"] },
              { type: "multipletext", name: "mt", items: [{ name: "a" }] },
              { type: "html", html: "<p>hi</p>" },
              { type: "tagbox", name: "tags", choices: ["a", "b"] },
            ],
          },
        ],
      }),
    );
    expect(result.errors).toEqual([]);
    expect(result.title).toBe("Other tool's survey");
  });
});
