import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Model, type Question } from "survey-core";
import { showScaleNumbers } from "~/lib/respondent";
import { describe, expect, it } from "vitest";
import { PlainPage } from "~/components/PlainPage";
import { plainFirstPage, plainPage, questionnaireLanguages } from "~/lib/survey";
import { CORPUS_FILES, loadQuestionnaire } from "../helpers/corpus";

type Loose = Record<string, unknown>;

/** survey-core's page as the plain page describes it: questions, numbers, titles, choices and order. */
function surveyCoreView(definition: Loose, index: number, language: string) {
  const model = new Model(definition);
  model.locale = language;
  showScaleNumbers(model); // as the runner does
  const page = model.pages[index]!;
  return {
    title: (page as unknown as { processedTitle: string }).processedTitle,
    description: page.description ?? "",
    questions: (page.questions as Question[])
      .filter((q) => q.isVisible)
      .map((q) => {
        const any = q as unknown as Loose;
        const type = q.getType();
        const items = (type === "rating" ? any.visibleRateValues : any.visibleChoices) as
          { value: unknown; text: string }[] | undefined;
        return {
          name: q.name,
          type,
          number: any.no as string,
          title: q.processedTitle,
          description: q.description ?? "",
          required: q.isRequired,
          choices: (items ?? []).map((c) => [String(c.value), c.text]),
          placeholder: ["dropdown", "text", "comment"].includes(type) ? String(any.placeholder ?? "") : "",
          minText: type === "rating" ? String(any.minRateDescription ?? "") : "",
          maxText: type === "rating" ? String(any.maxRateDescription ?? "") : "",
        };
      }),
  };
}

describe("the plain first page (rendered by the server before the script)", () => {
  let plainPages = 0;
  let scriptPages = 0;
  for (const file of CORPUS_FILES) {
    const definition = loadQuestionnaire(file);
    const pageCount = Array.isArray(definition.pages) ? definition.pages.length : 1;
    for (const language of questionnaireLanguages(definition).languages) {
      it(`${file}, ${language}: every page it renders has survey-core's questions, numbers, titles, choices and order`, () => {
        for (let index = 0; index < pageCount; index += 1) {
          const plain = plainPage(definition, index, language);
          if (!plain) {
            scriptPages += 1;
            continue;
          }
          plainPages += 1;
          const expected = surveyCoreView(definition, index, language);
          expect({
            title: plain.title,
            description: plain.description,
            questions: plain.questions.map((q) => ({
              name: q.name,
              type: q.type,
              number: q.number,
              title: q.title,
              description: q.description,
              required: q.required,
              choices: q.choices.map((c) => [c.value, c.text]),
              placeholder: q.placeholder,
              minText: q.minText,
              maxText: q.maxText,
            })),
          }).toEqual(expected);
          // And the HTML carries them in that order: each question's controls, each choice's value.
          const html = renderToStaticMarkup(
            createElement(PlainPage, { page: plain, values: {}, loadingText: "…", otherLabel: "in your own words" }),
          );
          const names = [...html.matchAll(/data-plain-question="([^"]+)"/g)].map((m) => m[1]);
          expect(names).toEqual(expected.questions.map((q) => q.name));
          for (const q of expected.questions) {
            const part = html.slice(html.indexOf(`data-plain-question="${q.name}"`));
            const values = [...part.matchAll(/(?:<option|<input)[^>]*value="([^"]*)"/g)]
              .map((m) => m[1])
              .filter((v) => v !== "");
            expect(values.slice(0, q.choices.length)).toEqual(q.choices.map((c) => c[0]));
          }
        }
      });
    }
  }

  it("renders the first page of both shipped questionnaires, in each of their languages, and of the Arabic one", () => {
    for (const file of CORPUS_FILES.filter((f) => f.startsWith("survey-definitions/") || f.includes("arabic"))) {
      const definition = loadQuestionnaire(file);
      for (const language of questionnaireLanguages(definition).languages)
        expect(plainFirstPage(definition, language), `${file} ${language}`).not.toBeNull();
    }
    expect(plainPages + scriptPages).toBeGreaterThan(0);
  });

  it("leaves to the script a page whose questions depend on answers", () => {
    const definition = {
      pages: [
        {
          elements: [
            { type: "radiogroup", name: "a", choices: ["x", "y"] },
            { type: "text", name: "b", visibleIf: "{a} = 'x'" },
          ],
        },
      ],
    };
    expect(plainFirstPage(definition, "en")).toBeNull();
    expect(plainFirstPage({ pages: [{ elements: [{ type: "text", name: "b", title: "Hi {a}" }] }] }, "en")).toBeNull();
    expect(plainFirstPage({ pages: [{ elements: [{ type: "matrix", name: "m" }] }] }, "en")).toBeNull();
  });

  it("starts with the answers the page already has (profile or saved), the person's own words included", () => {
    const definition = loadQuestionnaire("survey-definitions/for-credit-micro-credentials-2024.json");
    const page = plainFirstPage(definition, "es")!;
    const html = renderToStaticMarkup(
      createElement(PlainPage, {
        page,
        values: { country: "MX", organisationType: "other", "organisationType-Comment": "Un consorcio" },
        loadingText: "…",
        otherLabel: "con sus propias palabras",
      }),
    );
    expect(html).toMatch(/<option value="MX" selected="">México<\/option>/);
    expect(html).toMatch(/<input type="radio" name="organisationType" class="plain-other" checked="" value="other"\/>/);
    expect(html).toContain(">Un consorcio</textarea>");
    expect(html).toContain("Otra (descríbala)");
  });
});
