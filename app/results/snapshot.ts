import type { ResultFigures } from "./figures";
import type { SeriesTrends } from "./series";

/** A quote as a publication carries it, signed only with what describes at least k respondents. */
export interface PublishedQuote {
  question: string;
  text: string;
  attribution: string;
  /** What the attribution names (role code, country code, region), for pages in other languages; absent in older publications. */
  by?: { role: string | null; country: string | null; region: string | null };
}

/** What a publication freezes and serves: the suppressed figures, the approved quotes, and the wave's facts. */
export interface Snapshot extends ResultFigures {
  wave: string;
  title: string;
  publishedAt: string;
  fieldwork: { opensAt: string; closesAt: string | null };
  audience: "respondents" | "panel" | "public";
  quotes: PublishedQuote[];
  /** A series wave: the earlier published waves' figures beside these, and the change among the same people (issue 28). */
  series?: SeriesTrends;
}
