// "You and the panel": what a respondent reading as themselves answered, beside the published
// figures. Every sentence is true of the figures on the page: a share is quoted only when it is
// published, and an answer is called the most common only when the published figures prove it
// (its count is above every shown one, and above everything the withheld ones could add up to).
import type { QuestionFigures, ResultFigures, TableFigures } from "./figure-types";
import { fill } from "~/lib/format";
import type { Format, PluralForms } from "./format";

/** One chosen answer and its published share (null when withheld). */
interface Chosen {
  value: string;
  label: string;
  count: number | null;
  percent: number | null;
}

/** What the figures prove about a question the reader answered. */
export interface StandingFact {
  question: string;
  title: string;
  kind: "single" | "multi" | "ranking";
  chosen: Chosen[];
  /** The reader's (single) answer is the most common: alone, or tied with these labels. */
  mostCommon: { tiedWith: string[] } | null;
  /** Another answer is provably the most common (single answers and rankings only). */
  leader: { label: string; percent: number } | null;
  /** One of the reader's answers to a multiple-choice question is provably chosen most often. */
  mostChosen: string | null;
}

/** The sentences the section needs, in the page's language. */
export interface StandingText {
  quoted: string;
  youAnswered: string;
  youAnsweredShare: string;
  youChose: string;
  chosenShares: string;
  chosenShare: PluralForms;
  youRanked: string;
  youRankedShare: string;
  mostCommon: string;
  mostCommonTied: string;
  mostCommonIs: string;
  mostChosen: string;
  rankedFirstMost: string;
  rankedFirstMostIs: string;
}

const kindOf = (q: QuestionFigures): StandingFact["kind"] | null =>
  q.kind === "multi"
    ? "multi"
    : q.kind === "ranking"
      ? "ranking"
      : q.kind === "single" || q.kind === "rating"
        ? "single"
        : null;

/**
 * The most any one withheld cell of a table could be, as a reader knows it: for a question with one
 * answer each (and a ranking's first places) what the base leaves after the shown cells; for a
 * multiple choice, anything up to the base (so nothing is proved while a cell is withheld).
 */
function withheldCeiling(t: TableFigures, single: boolean): number {
  const withheld = t.cells.filter((c) => c.count === null).length;
  if (withheld === 0) return -1;
  if (!single || t.base === null) return Infinity;
  return t.base - t.cells.reduce((s, c) => s + (c.count ?? 0), 0);
}

/** For a reader who answered: what they chose in each question the page shows, and what the published figures say of it. */
export function standingFacts(figures: ResultFigures, mine: Record<string, string[]>): StandingFact[] {
  const out: StandingFact[] = [];
  for (const q of figures.questions) {
    const kind = kindOf(q);
    const values = mine[q.name];
    if (!kind || !values?.length || q.identifying) continue;
    const whole = q.items[0]?.whole;
    if (!whole || whole.base === null) continue;
    const chosen = values.slice(0, 3).flatMap((value): Chosen[] => {
      const i = q.options.findIndex((o) => o.value === value);
      if (i < 0) return [];
      const cell = whole.cells[i];
      return [{ value, label: q.options[i]!.label, count: cell?.count ?? null, percent: cell?.percent ?? null }];
    });
    if (!chosen.length) continue;
    const ceiling = withheldCeiling(whole, kind !== "multi");
    const shown = q.options
      .map((o, i) => ({
        value: o.value,
        label: o.label,
        count: whole.cells[i]?.count ?? null,
        percent: whole.cells[i]?.percent ?? null,
      }))
      .filter(
        (x): x is { value: string; label: string; count: number; percent: number } =>
          x.count !== null && x.percent !== null,
      );
    const top = Math.max(...shown.map((x) => x.count));
    const fact: StandingFact = {
      question: q.name,
      title: q.title,
      kind,
      chosen,
      mostCommon: null,
      leader: null,
      mostChosen: null,
    };
    // Claims of order hold in the counts and as the page shows them (whole percentages): nothing reads as a contradiction.
    const shownAs = (p: number) => Math.round(p);
    if (kind === "multi") {
      // Chosen most often: one of the reader's answers above every other shown figure, and nothing withheld.
      const best = chosen.find((c) => c.count !== null && c.count === top);
      const rest = shown.filter((x) => x.value !== best?.value);
      if (best && ceiling < 0 && top > 0 && rest.every((x) => shownAs(x.percent) < shownAs(best.percent!)))
        fact.mostChosen = best.label;
    } else {
      const own = chosen[0]!;
      const others = shown.filter((x) => x.value !== own.value);
      if (own.count !== null && own.count > 0 && own.count === top && ceiling < own.count) {
        const tied = others.filter((x) => x.count === top);
        if (others.every((x) => x.count === top || shownAs(x.percent) < shownAs(own.percent!)))
          fact.mostCommon = { tiedWith: tied.map((x) => x.label) };
      } else if (own.count !== null) {
        const leaders = shown.filter((x) => x.count === top);
        const leader = leaders[0];
        const runnerUp = Math.max(...shown.filter((x) => x !== leader).map((x) => shownAs(x.percent)));
        if (leaders.length === 1 && leader && ceiling < leader.count && shownAs(leader.percent) > runnerUp)
          fact.leader = { label: leader.label, percent: leader.percent };
      }
    }
    out.push(fact);
  }
  return out;
}

/** A fact as sentences in the page's language. */
export function standingSentence(fact: StandingFact, text: StandingText, format: Format): string {
  const quote = (label: string) => fill(text.quoted, { text: label });
  const pct = (p: number) => format.percent(p);
  const sentences: string[] = [];
  if (fact.kind === "multi") {
    sentences.push(fill(text.youChose, { answers: format.list(fact.chosen.map((c) => quote(c.label))) }));
    const shares = fact.chosen
      .filter((c) => c.percent !== null)
      .map((c) =>
        format.plural(text.chosenShare, Math.round(c.percent!), { percent: pct(c.percent!), answer: quote(c.label) }),
      );
    if (shares.length) sentences.push(fill(text.chosenShares, { shares: format.list(shares) }));
    if (fact.mostChosen) sentences.push(fill(text.mostChosen, { answer: quote(fact.mostChosen) }));
    return sentences.join(" ");
  }
  const own = fact.chosen[0]!;
  const ranking = fact.kind === "ranking";
  if (own.percent === null) {
    // Withheld: only what the reader answered, nothing the hidden figure would tell.
    sentences.push(fill(ranking ? text.youRanked : text.youAnswered, { answer: quote(own.label) }));
    return sentences.join(" ");
  }
  sentences.push(
    fill(ranking ? text.youRankedShare : text.youAnsweredShare, {
      answer: quote(own.label),
      percent: pct(own.percent),
    }),
  );
  if (fact.mostCommon) {
    if (ranking) {
      if (!fact.mostCommon.tiedWith.length) sentences.push(text.rankedFirstMost);
    } else if (fact.mostCommon.tiedWith.length)
      sentences.push(fill(text.mostCommonTied, { answers: format.list(fact.mostCommon.tiedWith.map(quote)) }));
    else sentences.push(text.mostCommon);
  } else if (fact.leader) {
    sentences.push(
      fill(ranking ? text.rankedFirstMostIs : text.mostCommonIs, {
        answer: quote(fact.leader.label),
        percent: pct(fact.leader.percent),
      }),
    );
  }
  return sentences.join(" ");
}
