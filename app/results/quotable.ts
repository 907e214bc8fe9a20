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
}

/** The quotable questions of a questionnaire, what a quote of each tells readers (in `language`), and the findings. */
export function quotableQuestions(definition: object, language: string): Quotable {
  const specs = questionSpecs(definition);
  return {
    texts: specs
      .filter((s) => s.kind === "text")
      .map((q) => ({ name: q.name, title: q.title, tellsReaders: quoteReveals(definition, q.name, language) })),
    findings: specs.filter((s) => s.kind !== "text").map((q) => ({ name: q.name, title: q.title })),
  };
}
