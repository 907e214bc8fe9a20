import { getEnv } from "~/env.server";
import { resultsOutEmail } from "~/lib/email-templates";
import { invitationToken } from "~/lib/tokens";
import { type Actor } from "~/models/audit.server";
import { enqueueDeliveries, queueEmails, type EmailInput } from "~/models/email.server";
import { listHeaders, unsubscribeUrl } from "./personal-links.server";
import { insertPublication, resultsAudience, type Publication } from "~/models/publication.server";
import { approvedQuotes } from "~/models/quote.server";
import type { Wave } from "~/models/wave.server";
import { countResults, resultsBy } from "~/results/results.server";
import type { Snapshot } from "~/results/snapshot";
import { getServerSecret } from "~/secrets.server";

/** The snapshot publishing now would freeze (also the admin's preview). */
export async function draftSnapshot(wave: Wave, publishedAt = new Date()): Promise<Snapshot> {
  // One read of the counts (the roll-up plus what came since) gives all three breakdowns.
  const counts = await countResults(wave);
  const [figures, byType, byRole] = [resultsBy(counts, "region"), resultsBy(counts, "organisationType"), resultsBy(counts, "roleCategory")];
  const groupsOf = (r: typeof byType) => Object.fromEntries(r.questions.map((q) => [q.name, q.groups]));
  return {
    wave: wave.slug,
    title: wave.title,
    publishedAt: publishedAt.toISOString(),
    fieldwork: { opensAt: wave.opensAt.toISOString(), closesAt: wave.closesAt?.toISOString() ?? null },
    audience: wave.audience,
    ...figures,
    // Quotes only when the results themselves can be shown.
    quotes: figures.suppressed ? [] : await approvedQuotes(wave.id),
    breakdowns: { organisationType: groupsOf(byType), roleCategory: groupsOf(byRole) },
  };
}

/** Freezes the wave's results, suppressed at its k, as a new publication (later responses do not move it). */
export async function publish(wave: Wave, actor: Actor, commentary: Record<string, string> = {}): Promise<Publication<Snapshot>> {
  const publishedAt = new Date();
  return insertPublication(wave, await draftSnapshot(wave, publishedAt), commentary, publishedAt, actor);
}

/**
 * Emails the wave's audience that its results are out, with a personal link where they were invited
 * (it opens respondents-only results). Once per person and publication.
 */
export async function announceResults(wave: Wave, publication: Publication<Snapshot>): Promise<number> {
  const base = getEnv().publicUrl;
  const secret = getServerSecret();
  const emails: EmailInput[] = (await resultsAudience(wave)).map((p) => {
    const url = `${base}/results/${wave.slug}${p.invited ? `?t=${invitationToken(secret, wave.id, p.id)}` : ""}`;
    return {
      kind: "results",
      panelistId: p.id,
      to: p.email,
      content: resultsOutEmail({ name: p.name, panelName: p.panelName, surveyTitle: wave.title, url, unsubscribeUrl: unsubscribeUrl(p.id) }),
      headers: listHeaders(p.id),
      dedupeKey: `results:${publication.id}:${p.id}`,
    };
  });
  const ids = await queueEmails(emails);
  await enqueueDeliveries(ids);
  return ids.length;
}
