import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkDefinition } from "~/lib/survey-check";

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
      for (const page of json.pages) for (const el of page.elements) {
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
    expect(result.errors).toEqual(['element "q1" has an unknown question type "telepathy"']);
  });

  it("rejects duplicate question names, also across pages", () => {
    const result = checkDefinition(
      JSON.stringify({ pages: [{ elements: [{ type: "text", name: "age" }] }, { elements: [{ type: "comment", name: "Age" }] }] }),
    );
    expect(result.errors).toEqual(['the question name "Age" is used twice']);
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
