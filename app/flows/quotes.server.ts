import type { Actor } from "~/models/audit.server";
import { approveQuote, quoteCandidates, type QuoteCandidate } from "~/models/quote.server";
import { cachedDefinition } from "~/models/questionnaire.server";
import type { Wave } from "~/models/wave.server";
import { questionSpecs } from "~/results/questions";

/** The free-text questions of a wave's questionnaire: the only answers that can become quotes. */
async function textQuestions(wave: Wave): Promise<{ name: string; title: string }[]> {
  return questionSpecs(await cachedDefinition(wave.questionnaireVersionId))
    .filter((s) => s.kind === "text")
    .map((q) => ({ name: q.name, title: q.title }));
}

/** What the quotes page lists: the free-text questions, and the answers to them that may be quoted. */
export async function listQuoteCandidates(wave: Wave, filter: { question?: string; region?: string } = {}): Promise<{ questions: { name: string; title: string }[]; candidates: QuoteCandidate[] }> {
  const questions = await textQuestions(wave);
  const names = questions.map((q) => q.name).filter((n) => !filter.question || n === filter.question);
  return { questions, candidates: await quoteCandidates(wave, names, { region: filter.region }) };
}

/** Approves a quote of an answer to one of the wave's free-text questions; false for any other question or without consent. */
export async function approveTextQuote(wave: Wave, responseId: string, question: string, text: string, actor: Actor): Promise<boolean> {
  if (!(await textQuestions(wave)).some((q) => q.name === question)) return false;
  return approveQuote(wave, responseId, question, text, actor);
}
