import { ORGANISATION_TYPES, ROLE_CATEGORIES } from "~/lib/profile-options";
import type { BreakdownFigures, FamilyKey, QuestionFigures, ResultFigures } from "./figures";
import { OTHER } from "./groups";

export const FAMILY_LABELS: Record<string, { name: string; other: string }> = {
  region: { name: "Region", other: "Other regions together" },
  organisationType: { name: "Organisation type", other: "Other organisation types together" },
  roleCategory: { name: "Role", other: "Other roles together" },
};

/** A group's name as readers see it: merged groups are never named one by one. */
export function groupLabel(family: FamilyKey, id: string, figures?: Pick<ResultFigures, "questions">): string {
  if (id === OTHER) return FAMILY_LABELS[family]?.other ?? "Other answers together";
  if (family === "organisationType") return ORGANISATION_TYPES[id as keyof typeof ORGANISATION_TYPES] ?? id;
  if (family === "roleCategory") return ROLE_CATEGORIES[id as keyof typeof ROLE_CATEGORIES] ?? id;
  if (family.startsWith("answer:")) {
    const q = figures?.questions.find((x) => x.name === family.slice(7));
    return q?.options.find((o) => o.value === id)?.label ?? id;
  }
  return id;
}

/** The breakdowns a reader may compare with everyone: those with at least one group shown on its own. */
export function comparableBreakdowns(figures: ResultFigures): BreakdownFigures[] {
  return figures.breakdowns.filter((b) => b.groups.some((g) => !g.other));
}

/** The breakdown a `by` query parameter names, when the figures have it; else the first. */
export function chosenBreakdown(figures: ResultFigures, asked: string | null): BreakdownFigures | null {
  const list = comparableBreakdowns(figures);
  return list.find((b) => b.family === asked) ?? list[0] ?? null;
}

/**
 * The order a question's answers are shown in: as asked, except long lists (more than 12 answers),
 * which are ranked by how many chose them, with answers nobody chose left out.
 */
export function optionOrder(q: QuestionFigures): number[] {
  const order = q.options.map((_, i) => i);
  if (!isLongList(q)) return order;
  const whole = q.items[0]?.whole;
  const count = (i: number) => whole?.cells[i]?.count ?? -1;
  return order.filter((i) => count(i) !== 0).sort((a, b) => count(b) - count(a) || a - b);
}

/** A long list (more than 12 answers, such as countries), shown ranked. */
export function isLongList(q: QuestionFigures): boolean {
  return q.options.length > 12 && q.kind !== "matrix";
}

/**
 * A long single-answer list shows its figures and then one line for every answer whose figure is
 * withheld, together ("Other countries together: 23%"): what the shown figures leave of the whole,
 * so nothing a reader could not already work out, and no withheld answer named one by one.
 */
export function longListRest(q: QuestionFigures): { options: number; percent: number } | null {
  if (!isLongList(q) || q.kind !== "single") return null;
  const whole = q.items[0]?.whole;
  if (!whole || whole.base === null || whole.base === 0) return null;
  const withheld = optionOrder(q).filter((i) => whole.cells[i]?.count === null || whole.cells[i]?.count === undefined);
  if (withheld.length === 0) return null;
  const shown = whole.cells.reduce((s, c) => s + (c?.count ?? 0), 0);
  return { options: withheld.length, percent: (100 * (whole.base - shown)) / whole.base };
}

/** A reader's own choices by question: option values only, of the questions the figures show (never free text). */
export function ownChoices(figures: ResultFigures, answers: Record<string, unknown> | null): Record<string, string[]> {
  const mine: Record<string, string[]> = {};
  if (!answers) return mine;
  for (const q of figures.questions) {
    const given = answers[q.name];
    if (given === undefined || given === null) continue;
    const values =
      q.kind === "matrix" && typeof given === "object" && !Array.isArray(given)
        ? Object.entries(given as Record<string, unknown>).map(([row, col]) => `${row}=${String(col)}`)
        : (Array.isArray(given) ? given : [given]).map(String);
    const known = new Set(
      q.kind === "matrix"
        ? q.items.flatMap((it) => q.options.map((o) => `${it.row?.value}=${o.value}`))
        : q.options.map((o) => o.value),
    );
    const kept = values.filter((v) => known.has(v));
    if (kept.length) mine[q.name] = q.kind === "ranking" ? kept.slice(0, 1) : kept;
  }
  return mine;
}

/** For a reader who answered: what they chose in each question with one answer or a few, and how many respondents chose the same. */
export function standing(
  figures: ResultFigures,
  mine: Record<string, string[]>,
): { question: string; title: string; answers: { label: string; percent: number | null; rank: number }[] }[] {
  const out: { question: string; title: string; answers: { label: string; percent: number | null; rank: number }[] }[] =
    [];
  for (const q of figures.questions) {
    const chosen = mine[q.name];
    if (!chosen || q.kind === "matrix" || q.identifying) continue;
    const whole = q.items[0]?.whole;
    if (!whole || whole.base === null) continue;
    const percents = q.options.map((_, i) => whole.cells[i]?.percent ?? null);
    const answers = chosen.slice(0, 3).flatMap((value) => {
      const i = q.options.findIndex((o) => o.value === value);
      if (i < 0) return [];
      const p = percents[i] ?? null;
      return [
        {
          label: q.options[i]!.label,
          percent: p,
          rank: 1 + percents.filter((x) => x !== null && p !== null && x > p).length,
        },
      ];
    });
    if (answers.length) out.push({ question: q.name, title: q.title, answers });
  }
  return out;
}

/** The figures with question titles and answer labels in another language of the questionnaire (the numbers are the same). */
export function inLanguage<F extends ResultFigures>(
  figures: F,
  labels: { titles: Record<string, string>; options: Record<string, Record<string, string>> },
): F {
  return {
    ...figures,
    questions: figures.questions.map((q) => {
      const own = labels.options[q.name] ?? {};
      return {
        ...q,
        title: labels.titles[q.name] ?? q.title,
        options: q.options.map((o) => ({ ...o, label: own[o.value] ?? o.label })),
        items: q.items.map((it) =>
          it.row ? { ...it, row: { ...it.row, label: own[it.row.value] ?? it.row.label } } : it,
        ),
      };
    }),
  };
}

/**
 * The report's sentences a page needs, and no more: the names of the regions it shows (a region
 * left out for being small is not named anywhere on the page, not even in a list of translations),
 * and the sentences about one's own answers only for a respondent reading as themselves.
 */
export function pageText<
  T extends {
    regions: Record<string, string>;
    you: string;
    youAnswered: string;
    mostCommon: string;
    yourAnswer: string;
  },
>(text: T, figures: ResultFigures, asRespondent: boolean): T {
  const shown = new Set(
    figures.breakdowns
      .filter((b) => b.family === "region")
      .flatMap((b) => b.groups.filter((g) => !g.other).map((g) => g.id)),
  );
  const regions = Object.fromEntries(Object.entries(text.regions).filter(([id]) => shown.has(id)));
  return asRespondent
    ? { ...text, regions }
    : { ...text, regions, you: "", youAnswered: "", mostCommon: "", yourAnswer: "" };
}
