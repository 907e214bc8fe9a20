import type { GroupFigures, ResultFigures } from "./figures";

/** A quote as a publication carries it. */
export interface PublishedQuote {
  question: string;
  text: string;
  attribution: string;
}

/** What a publication freezes: the suppressed figures, the approved quotes, and the wave's facts. */
export interface Snapshot extends ResultFigures {
  wave: string;
  title: string;
  publishedAt: string;
  fieldwork: { opensAt: string; closesAt: string | null };
  audience: "respondents" | "panel" | "public";
  quotes: PublishedQuote[];
  /** The other breakdowns, per question: organisation type and role category groups (suppressed alike). */
  breakdowns?: Record<"organisationType" | "roleCategory", Record<string, GroupFigures[]>>;
}
