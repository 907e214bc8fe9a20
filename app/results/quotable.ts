import { questionSpecs } from "./questions";
import { quoteReveals } from "./quote-condition";

/** A question that can be quoted, and what a quote of it tells readers of its author's other answers. */
export interface QuotableQuestion {
  name: string;
  title: string;
  /** "answered “No” to “…”" when the question is shown only for certain answers; null when shown to everyone. */
  tellsReaders: string | null;
}

/** What the quotes page needs of a questionnaire: the questions quotes come from, and those a quote can stand next to. */
export interface Quotable {
  /** The free-text questions: the only answers that can become quotes. */
  texts: QuotableQuestion[];
  /** Every question the report shows a figure for. */
  findings: { name: string; title: string }[];
  /** The choice questions with choices that carry a comment of their own (`{value, comment}`), and those choices. */
  choiceComments: { name: string; title: string; choices: { value: string; label: string }[] }[];
}

/** The quotable questions of a questionnaire, what a quote of each tells readers (in `language`), and the findings. */
export function quotableQuestions(definition: object, language: string): Quotable {
  const specs = questionSpecs(definition);
  return {
    texts: specs
      .filter((s) => s.kind === "text")
      .map((q) => ({ name: q.name, title: q.title, tellsReaders: quoteReveals(definition, q.name, language) })),
    findings: specs.filter((s) => s.kind !== "text").map((q) => ({ name: q.name, title: q.title })),
    choiceComments: specs
      .filter((s) => (s.kind === "single" || s.kind === "multi") && s.options.some((o) => o.comment))
      .map((q) => ({
        name: q.name,
        title: q.title,
        choices: q.options.filter((o) => o.comment).map((o) => ({ value: o.value, label: o.label })),
      })),
  };
}
