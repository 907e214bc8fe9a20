import { getEnv } from "~/env.server";
import { resultsOutEmail, LinkList } from "~/lib/email";
import { chooseLanguage } from "~/lib/language";
import { cachedDefinition } from "~/models/questionnaire.server";
import { type Actor } from "~/models/audit.server";
import { enqueueDeliveries } from "~/flows/mail.server";
import { queueEmails, type EmailInput } from "~/models/email.server";
import {
  changesSinceLastPublication,
  earlierPrivateData,
  insertPublication,
  resultsAudience,
  type Publication,
} from "~/models/publication.server";
import type { Wave } from "~/models/wave.server";
import type { PrivateRecord } from "~/results/figures";
import { findingWarnings, type FindingWarning } from "~/results/findings";
import { reportLanguages } from "~/results/report-language.server";
import { countResults, publishedFigures } from "~/results/results.server";
import { seriesSection } from "~/results/series.server";
import { questionSpecs } from "~/results/questions";
import type { Snapshot } from "~/results/snapshot";
import { listHeaders } from "./personal-links.server";
import { quotesToPublish } from "./quotes.server";

/** How long the sign-in link of a "results are out" email works. */
const RESULTS_LINK_DAYS = 14;

/**
 * Whether the wave may be published again now: only when no response was added, changed or removed
 * since its last publication (the figures are the same) or at least k were, so that the difference
 * between two publications cannot single anyone out. `needed` says how many more it takes.
 */
export async function republishing(
  wave: Wave,
): Promise<{ allowed: boolean; changes: number; needed: number; message: string | null }> {
  const since = await changesSinceLastPublication(wave);
  if (!since || since.changes === 0 || since.changes >= wave.minGroupSize)
    return { allowed: true, changes: since?.changes ?? 0, needed: 0, message: null };
  const needed = wave.minGroupSize - since.changes;
  const one = since.changes === 1;
  return {
    allowed: false,
    changes: since.changes,
    needed,
    message:
      `${since.changes} response${one ? " was" : "s were"} added, changed or removed since the last publication. ` +
      `Publishing again now would let a reader compare the two publications and work out ${one ? "that response" : "those responses"}: ` +
      `wait for ${needed} more (at least ${wave.minGroupSize} in all), or publish when nothing has changed.`,
  };
}

/** How long a publication's figures may take in the figure thread (a preview: QUORUM_FIGURE_TIMEOUT). */
export const PUBLICATION_TIMEOUT_MS = 15 * 60_000;

/** The snapshot publishing now would freeze (also the admin's preview), and what the publication keeps privately. */
export async function draftSnapshot(
  wave: Wave,
  publishedAt = new Date(),
  compute: { timeoutMs?: number } = {},
): Promise<{ snapshot: Snapshot; record: PrivateRecord; quoteSources: string[]; counted: number }> {
  const [counts, earlier] = await Promise.all([countResults(wave), earlierPrivateData(wave.id)]);
  const { figures, record } = await publishedFigures(
    counts,
    earlier.map((e) => e.record as PrivateRecord),
    compute,
  );
  const { quotes, sources } = figures.suppressed ? { quotes: [], sources: [] } : await quotesToPublish(wave);
  const fieldwork = { opensAt: wave.opensAt.toISOString(), closesAt: wave.closesAt?.toISOString() ?? null };
  const series = wave.seriesId
    ? await seriesSection(
        wave,
        {
          figures,
          record,
          before: earlier.flatMap((e) => {
            const r = e.record as PrivateRecord;
            return r.same ? [{ same: r.same, record: r }] : [];
          }),
          specs: counts.counting.specs,
          wave: {
            slug: wave.slug,
            title: wave.title,
            ...fieldwork,
            publishedAt: publishedAt.toISOString(),
            respondents: figures.respondents,
            segment: wave.segment as Record<string, unknown>,
          },
        },
        compute,
      )
    : undefined;
  return {
    snapshot: {
      wave: wave.slug,
      title: wave.title,
      publishedAt: publishedAt.toISOString(),
      fieldwork,
      audience: wave.audience,
      ...figures,
      quotes,
      ...(series ? { series: series.trends } : {}),
    },
    record: series?.same ? { ...record, same: series.same } : record,
    quoteSources: sources,
    counted: counts.counted.cells.reduce((s, c) => s + (c.counters[0] ?? 0), 0),
  };
}

export type PublishOutcome =
  | { ok: true; publication: Publication<Snapshot>; warnings: FindingWarning[] }
  | { ok: false; message: string; needed: number; warnings?: FindingWarning[]; invalid?: boolean };

/** How much commentary a publication keeps: each text, and all of them together (every reader's page carries them). */
export const COMMENTARY_LIMITS = { text: 5000, total: 60_000 };

/**
 * Why this commentary cannot be published, or null: each key must name something the report shows
 * (key findings, a question of the questionnaire, or the title, each optionally "@" a language the
 * report is offered in), and the texts must fit COMMENTARY_LIMITS (issue 23: 38,000 made-up keys
 * once made every view of a report take a second and a megabyte).
 */
export function commentaryProblem(definition: object, commentary: Record<string, string>): string | null {
  const known = commentaryKeys(definition);
  const unknown: string[] = [];
  let total = 0;
  for (const [key, text] of Object.entries(commentary)) {
    if (!known(key)) unknown.push(key);
    if (text.length > COMMENTARY_LIMITS.text)
      return `The text for “${key.slice(0, 60)}” has ${text.length.toLocaleString("en")} characters; each may have at most ${COMMENTARY_LIMITS.text.toLocaleString("en")}. Shorten it and publish again.`;
    total += text.length;
  }
  if (unknown.length)
    return `Commentary was sent for ${unknown.length === 1 ? "something" : `${unknown.length.toLocaleString("en")} things`} this report does not show (${unknown
      .slice(0, 3)
      .map((k) => `“${k.slice(0, 40)}”`)
      .join(
        ", ",
      )}${unknown.length > 3 ? ", …" : ""}): write key findings and a headline per question of the questionnaire only.`;
  if (total > COMMENTARY_LIMITS.total)
    return `The commentary has ${total.toLocaleString("en")} characters in all; a report may carry at most ${COMMENTARY_LIMITS.total.toLocaleString("en")}. Shorten it and publish again.`;
  return null;
}

/** Whether a commentary key names something the report shows (see commentaryProblem). */
function commentaryKeys(definition: object): (key: string) => boolean {
  const { languages, primary } = reportLanguages(definition);
  const names = new Set(questionSpecs(definition).map((q) => q.name));
  const others = new Set(languages.filter((l) => l !== primary));
  return (key) => {
    const [name = "", language, ...rest] = key.split("@");
    return (
      rest.length === 0 &&
      (language === undefined ? name === "keyFindings" || names.has(name) : others.has(language)) &&
      (name === "keyFindings" || names.has(name) || (name === "title" && language !== undefined))
    );
  };
}

/**
 * The publish form's fields worth sending back to the page (to keep what was typed after a refusal or
 * before a confirmation): the form's own switches and the commentary keys the report shows, never the
 * rest (issue 23: 38,000 made-up fields were echoed into the page as hidden inputs, 9 s to answer).
 */
export function fieldsToEcho(definition: object, fields: Record<string, string>): Record<string, string> {
  const known = commentaryKeys(definition);
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === "announce" || key === "findingsChecked" || key === "confirmed") kept[key] = value;
    else if ((key === "keyFindings" || key.startsWith("keyFindings@")) && known(key)) kept[key] = value;
    else if (key.startsWith("commentary.") && known(key.slice(11))) kept[key] = value;
  }
  return kept;
}

/**
 * Freezes the wave's results, suppressed at its k, as a new publication (later responses do not
 * move it). The team's findings are checked against the figures frozen: a reference that points at
 * nothing or at a withheld figure, or a number that matches no figure, is a warning; with
 * `stopOnWarnings` nothing is published while there is one (the admin page asks first). Commentary
 * may be made from the figures themselves (the demo's findings are).
 */
export async function publish(
  wave: Wave,
  actor: Actor,
  commentary: Record<string, string> | ((snapshot: Snapshot) => Record<string, string>) = {},
  options: { stopOnWarnings?: boolean } = {},
): Promise<PublishOutcome> {
  const gate = await republishing(wave);
  if (!gate.allowed) return { ok: false, message: gate.message as string, needed: gate.needed };
  // Commentary written beforehand is checked before any figure is computed.
  if (typeof commentary !== "function") {
    const problem = commentaryProblem(await cachedDefinition(wave.questionnaireVersionId), commentary);
    if (problem) return { ok: false, message: problem, needed: 0, invalid: true };
  }
  const publishedAt = new Date();
  // A publication waits for its figures however loaded the machine is (they no longer depend on it:
  // budgets are counted in work, ../results/disclosure/work.ts); the thread's stop is only a fault guard.
  const draft = await draftSnapshot(wave, publishedAt, { timeoutMs: PUBLICATION_TIMEOUT_MS });
  const written = typeof commentary === "function" ? commentary(draft.snapshot) : commentary;
  const problem = commentaryProblem(await cachedDefinition(wave.questionnaireVersionId), written);
  if (problem) return { ok: false, message: problem, needed: 0, invalid: true };
  const warnings = findingWarnings(written, draft.snapshot);
  if (warnings.length && options.stopOnWarnings)
    return {
      ok: false,
      needed: 0,
      warnings,
      message: `Nothing is published yet: ${warnings.length === 1 ? "one thing" : `${warnings.length} things`} in the findings may not be true of the figures. Correct them, or publish as written.`,
    };
  const publication = await insertPublication(
    wave,
    draft.snapshot,
    written,
    publishedAt,
    actor,
    { record: draft.record, quoteSources: draft.quoteSources },
    draft.counted,
  );
  return { ok: true, publication, warnings };
}

/**
 * Emails the wave's audience that its results are out: the results page, and for those who answered
 * a one-time sign-in link that shows their own choices beside the panel's. Once per person and publication.
 */
export async function announceResults(wave: Wave, publication: Publication<Snapshot>): Promise<number> {
  const base = getEnv().publicUrl;
  const url = `${base}/results/${wave.slug}`;
  const emails: EmailInput[] = [];
  // The languages the report is offered in (complete in the questionnaire and in our catalogue).
  const { languages, primary } = reportLanguages(await cachedDefinition(wave.questionnaireVersionId));
  for (const p of await resultsAudience(wave)) {
    const language = chooseLanguage(languages, [p.invitationLanguage, p.language, p.panelLanguage], primary);
    const links = new LinkList();
    // Those who answered get a one-time link that signs them in to read the results as themselves;
    // on a panel-only wave every member gets one (the page is closed to anyone not signed in).
    const signIn =
      p.answered || wave.audience === "panel"
        ? links.add({
            kind: "single-use",
            panelistId: p.id,
            purpose: "results",
            hours: RESULTS_LINK_DAYS * 24,
            payload: { next: `/results/${wave.slug}${language === primary ? "" : `?lang=${language}`}` },
          })
        : undefined;
    emails.push({
      kind: "results",
      panelistId: p.id,
      to: p.email,
      content: resultsOutEmail({
        name: p.name,
        panelName: p.panelName,
        surveyTitle: wave.title,
        url: language === primary ? url : `${url}?lang=${language}`,
        signInUrl: signIn,
        meUrl: `${base}/me`,
        audience: wave.audience,
        answered: p.answered,
        byRegion: publication.snapshot.breakdowns.some((b) => b.family === "region"),
        unsubscribeUrl: links.add({ kind: "unsubscribe", panelistId: p.id }),
        language,
      }),
      headers: listHeaders(links, p.id),
      links: links.specs,
      dedupeKey: `results:${publication.id}:${p.id}`,
    });
  }
  const ids = await queueEmails(emails);
  await enqueueDeliveries(ids);
  return ids.length;
}
