import { ORGANISATION_TYPES, ROLE_CATEGORIES } from "~/lib/panel";
import type { BreakdownFigures, FamilyKey, ResultFigures } from "./figures";
import { OTHER } from "./groups";

const FAMILY_LABELS: Record<string, { name: string; other: string }> = {
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
