import type { Actor } from "~/models/audit.server";
import {
  approvedQuotes,
  approveQuote,
  attributionStyle,
  choiceComments,
  type ChoiceComment,
  quoteCandidates,
  signatureGroups,
  type QuoteCandidate,
} from "~/models/quote.server";
import { cachedDefinition } from "~/models/questionnaire.server";
import type { Wave } from "~/models/wave.server";
import type { Quotable, QuotableQuestion } from "~/results/quotable";
import { quotableOffThread } from "~/results/quotable.server";
import { signQuote, type GroupSize, type QuoteAuthor, type Signature } from "~/results/quote-signature";
import type { PublishedQuote } from "~/results/snapshot";

export type { QuotableQuestion };

/** The admin pages are in English; the sentences come from the catalogues, so they can follow an admin's language. */
const ADMIN_LANGUAGE = "en";

/** The questionnaire's quotable questions and findings, worked out off the event loop once per version. */
async function quotable(wave: Wave): Promise<Quotable> {
  const definition = await cachedDefinition(wave.questionnaireVersionId);
  return quotableOffThread(wave.questionnaireVersionId, definition, ADMIN_LANGUAGE);
}

/** The free-text questions of a wave's questionnaire: the only answers that can become quotes. */
async function textQuestions(wave: Wave): Promise<QuotableQuestion[]> {
  return (await quotable(wave)).texts;
}

/** How many verified respondents of the wave share a set of attributes, now. */
async function groupSizes(wave: Wave): Promise<GroupSize> {
  const groups = await signatureGroups(wave.id);
  return (attributes) =>
    groups
      .filter((g) => Object.entries(attributes).every(([key, value]) => g[key as keyof QuoteAuthor] === value))
      .reduce((s, g) => s + g.n, 0);
}

/** The questions whose findings a quote can stand next to: every question the report shows a figure for. */
async function findingQuestions(wave: Wave): Promise<{ name: string; title: string }[]> {
  return (await quotable(wave)).findings;
}

/** What the quotes page lists: the free-text questions, the answers to them that may be quoted (each with the signature it would get now), and the findings a quote can be shown next to. */
export async function listQuoteCandidates(
  wave: Wave,
  filter: { question?: string; region?: string } = {},
): Promise<{
  questions: QuotableQuestion[];
  findings: { name: string; title: string }[];
  candidates: (QuoteCandidate & Signature)[];
  /** The questions with choices that carry a comment of their own. */
  choiceQuestions: { name: string; title: string }[];
  /** Comments written beside chosen choices, each with its question's title and its choice's label: shown to the team, never published. */
  choiceComments: (ChoiceComment & { title: string; label: string })[];
}> {
  const { texts: questions, findings, choiceComments: commented } = await quotable(wave);
  const names = questions.map((q) => q.name).filter((n) => !filter.question || n === filter.question);
  const commentedNames = commented.map((q) => q.name).filter((n) => !filter.question || n === filter.question);
  const [candidates, sizeOf, style, comments] = await Promise.all([
    quoteCandidates(wave, names, { region: filter.region }),
    groupSizes(wave),
    attributionStyle(wave),
    choiceComments(wave, commentedNames, { region: filter.region }),
  ]);
  return {
    questions,
    findings,
    candidates: candidates.map((c) => ({ ...c, ...signQuote(style, c, sizeOf, wave.minGroupSize) })),
    choiceQuestions: commented.map(({ name, title }) => ({ name, title })),
    choiceComments: comments.map((c) => {
      const question = commented.find((q) => q.name === c.question);
      return {
        ...c,
        title: question?.title ?? c.question,
        label: question?.choices.find((o) => o.value === c.choice)?.label ?? c.choice,
      };
    }),
  };
}

export type QuoteApproval =
  | { approved: true }
  | { approved: false; reason: "not-quotable" }
  | { approved: false; reason: "unconfirmed"; tellsReaders: string };

/**
 * Approves a quote of an answer to one of the wave's free-text questions, shown under that question
 * or next to the finding of another (`shownWith`). Refused for any other question, an unknown
 * finding, or without consent; and for a question shown only for certain answers, unless the
 * approver `understood` what the quote tells readers of its author (then kept in the audit log).
 */
export async function approveTextQuote(
  wave: Wave,
  responseId: string,
  question: string,
  text: string,
  actor: Actor,
  shownWith: string | null = null,
  understood = false,
): Promise<QuoteApproval> {
  const quotable = (await textQuestions(wave)).find((q) => q.name === question);
  if (!quotable) return { approved: false, reason: "not-quotable" };
  if (shownWith && !(await findingQuestions(wave)).some((q) => q.name === shownWith))
    return { approved: false, reason: "not-quotable" };
  if (quotable.tellsReaders && !understood)
    return { approved: false, reason: "unconfirmed", tellsReaders: quotable.tellsReaders };
  const approved = await approveQuote(wave, responseId, question, text, actor, shownWith, quotable.tellsReaders);
  return approved ? { approved: true } : { approved: false, reason: "not-quotable" };
}

/** The quotes a publication carries, signed as group sizes allow at publication, and whose answers they are. */
export async function quotesToPublish(wave: Wave): Promise<{ quotes: PublishedQuote[]; sources: string[] }> {
  const [approved, sizeOf, style] = await Promise.all([
    approvedQuotes(wave.id),
    groupSizes(wave),
    attributionStyle(wave),
  ]);
  return {
    // A quote stands next to the finding the panel team chose for it, else under its own question.
    quotes: approved.map((q) => {
      const { attribution, by } = signQuote(style, q, sizeOf, wave.minGroupSize);
      return { question: q.shownWith ?? q.question, text: q.text, attribution, by };
    }),
    sources: approved.map((q) => q.responseId),
  };
}
