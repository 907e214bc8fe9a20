import { fill } from "~/lib/format";

/** A sentence that changes with a number: the forms Intl.PluralRules names ("one", "other", …), "other" required. */
export type PluralForms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

/** How the report writes numbers, lists and quotations in one language. */
export interface Format {
  language: string;
  /** A whole number with the language's grouping ("1,058", "1058", "1 058"). */
  count(n: number): string;
  /** A percentage rounded to a whole number, as the language writes it ("53%", "53 %"). */
  percent(p: number): string;
  /** "a, b and c" in the language. */
  list(items: string[]): string;
  /** The sentence for a number: the language's plural form, with {{count}} filled in. */
  plural(forms: PluralForms | string, n: number, values?: Record<string, string | number>): string;
}

const cache = new Map<string, Format>();

/** The report's number, list and plural formatting for a language (one instance per language). */
export function formatFor(language: string): Format {
  let found = cache.get(language);
  if (found) return found;
  const counts = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const percents = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 });
  const lists = new Intl.ListFormat(language, { type: "conjunction", style: "long" });
  const rules = new Intl.PluralRules(language);
  found = {
    language,
    count: (n) => counts.format(n),
    // The figures carry one decimal; readers see whole percentages, rounded once, here.
    percent: (p) => percents.format(Math.round(p) / 100),
    list: (items) => lists.format(items),
    plural(forms, n, values = {}) {
      const form = typeof forms === "string" ? forms : (forms[rules.select(n)] ?? forms.other);
      return fill(form, { count: counts.format(n), ...values });
    },
  };
  cache.set(language, found);
  return found;
}
