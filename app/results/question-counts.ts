import type { QuestionSpec } from "~/results/questions";

/** A breakdown: a profile field, or the answer to a single-choice question (`answer:<name>`, a cross-tab). */
export type Dimension = "region" | "organisationType" | "roleCategory" | `answer:${string}`;

/** Counts of one question: `group` null is the whole wave. */
export interface CountRow {
  group: string | null;
  row: string | null;
  value: string;
  n: number;
}

export interface RawQuestion {
  spec: QuestionSpec;
  bases: { group: string | null; row: string | null; n: number }[];
  counts: CountRow[];
  /** Ratings and rankings: sum of the numeric values (rank positions for rankings) per group and option. */
  sums: { group: string | null; value: string; sum: number; n: number }[];
}

export interface Headline {
  respondents: number;
  organisations: number;
  countries: number;
  invited: number;
  regions: { region: string; count: number }[];
}
