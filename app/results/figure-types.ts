// The shape of published figures: what a publication's snapshot, its JSON and its page carry.
import type { PrivateRecord } from "./disclosure/book";
import type { Counter } from "./counters";
import type { Option, QuestionSpec } from "./questions";

/** A breakdown: a profile field, or the answer to a question (`answer:<name>`). */
export type FamilyKey = string;

/** Counters of a set of respondents: all of them, and the verified ones alone. */
export interface Vectors {
  all: number[];
  verified: number[];
}

export interface FigureCell {
  count: number | null;
  percent: number | null;
}

/** One table: a question (or a matrix row) in the whole wave or in one group. null = hidden. */
export interface TableFigures {
  base: number | null;
  cells: FigureCell[];
  /** The top two points together ("agree or strongly agree"): matrices and ratings of 4 points or more. */
  agree?: FigureCell;
  /** Ratings: the mean, when every point of the table is shown. */
  mean?: number | null;
  /** Rankings: each option's average position, when every position count behind it is safe. */
  ranks?: (number | null)[];
  /** Rankings: per option, how many put it at each position (null = withheld). */
  positions?: (number | null)[][];
}

interface ItemFigures {
  row: Option | null;
  whole: TableFigures;
  /** Per breakdown, one table per group, in the breakdown's order. */
  groups: Record<FamilyKey, TableFigures[]>;
}

export interface QuestionFigures {
  name: string;
  title: string;
  type: string;
  kind: QuestionSpec["kind"];
  identifying: boolean;
  /** The answers in the order shown (an identifying question: those shown, then "other"). */
  options: Option[];
  items: ItemFigures[];
}

interface GroupFigures {
  /** The profile value (or answer) it stands for, or "other" for the groups merged together. */
  id: string;
  other: boolean;
  size: number;
  percent: number;
}

export interface BreakdownFigures {
  family: FamilyKey;
  groups: GroupFigures[];
}

export interface ResultFigures {
  minGroupSize: number;
  suppressed: boolean;
  respondents: number | null;
  organisations: number | null;
  countries: number | null;
  responseRate: number | null;
  breakdowns: BreakdownFigures[];
  questions: QuestionFigures[];
  /** Questions not published because their figures cannot be protected, and why (the page says so). */
  unpublished?: { name: string; title: string; reason: string }[];
  /** Answered questions a report gives no figures for, by their type (numbers, tables, panels, files…). */
  notSummarised?: { name: string; title: string }[];
}

export interface FigureInput {
  specs: QuestionSpec[];
  layout: Counter[];
  whole: Vectors;
  /** Per breakdown, the counters of each profile value (or answer). */
  families: { key: FamilyKey; groups: Map<string, Vectors> }[];
  headline: { organisations: number; countries: number; invited: number };
  k: number;
  protect: boolean;
  /** Hide small cells only, no complementary suppression (the disclosure attack's baseline; never for real readers). */
  primaryOnly?: boolean;
  earlier?: PrivateRecord[];
}
