import { chosenBreakdown, comparableBreakdowns, inLanguage, ownChoices, pageText, standing } from "./published-view";
import { commentaryFor, reportLanguage } from "./report-language.server";
import type { Snapshot } from "./snapshot";

/**
 * What the published page shows one reader: the snapshot in the reader's language (asked for with
 * ?lang=, else the browser's), the breakdown chosen with ?by=, the panel team's commentary as safe
 * HTML, and for a signed-in respondent where they stand. The route renders it.
 */
export async function reportPage(input: {
  definition: object;
  publication: { snapshot: Snapshot; commentary: Record<string, string> };
  /** The respondent's own answers when they read signed in as themselves; else null. */
  answers: Record<string, unknown> | null;
  asked: { lang: string | null; by: string | null };
  browser: readonly string[];
  panelName: string | null;
  /** The panel's logo address, when it has one. */
  panelLogo?: string | null;
  preview: boolean;
}) {
  // Read in any language the questionnaire has: its titles and labels, our sentences, their commentary where written.
  const lang = reportLanguage(input.definition, input.asked.lang, input.browser);
  const language = lang.language;
  const s = lang.labels ? inLanguage(input.publication.snapshot, lang.labels) : input.publication.snapshot;
  const breakdown = chosenBreakdown(s, input.asked.by);
  const mine = ownChoices(s, input.answers);
  return {
    snapshot: s,
    panelName: input.panelName,
    panelLogo: input.panelLogo ?? null,
    language,
    dir: lang.dir,
    languages: lang.languages,
    text: pageText(lang.text, s, input.answers !== null),
    dates: {
      opens: lang.date(s.fieldwork.opensAt),
      closes: s.fieldwork.closesAt ? lang.date(s.fieldwork.closesAt) : null,
      published: lang.date(s.publishedAt),
    },
    // The panel team's Markdown, rendered here to HTML that can carry nothing but text, emphasis, lists and safe links.
    commentary: commentaryFor(input.publication.commentary, language),
    standing: standing(s, mine),
    breakdown: breakdown?.family ?? null,
    breakdowns: comparableBreakdowns(s).map((b) => b.family),
    mine,
    signedIn: input.answers !== null,
    preview: input.preview,
  };
}
