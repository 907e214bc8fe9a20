import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { imageTypeOf } from "~/lib/panel";
import { COMMENT_FINDINGS, seededRandom, secondWave, syntheticResponses, demoFindings, demoPeople } from "~/lib/demo";
import { approveTextQuote } from "~/flows/quotes.server";
import { publish } from "~/flows/publish.server";
import { insertSyntheticResponses } from "~/models/response.server";
import { upsertAdmin } from "~/flows/admins.server";
import { ensureInvitation, insertAnsweredInvitations, tokenFor, unusedInvitations } from "~/models/invitation.server";
import { createSeries } from "~/models/series.server";
import { countPanels, ensurePanel, getPanelBySlug, setPanelLogo } from "~/models/panel.server";
import { insertSyntheticPanelists, upsertPanelist } from "~/models/panelist.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { createWave, getWaveBySlug, type Wave } from "~/models/wave.server";

export const DEMO_PANEL = "global-he";
const DEMO_WAVES = ["micro-credentials-2021", "for-credit-micro-credentials-2024"] as const;
/** A closed wave with synthetic answers and a published report, so a first visit to /results shows one. */
export const DEMO_PUBLISHED = "for-credit-micro-credentials-2024-demo-results";
/** Its second wave two years on, to the same synthetic leaders, published with trends (issue 28). */
export const DEMO_SECOND_WAVE = "for-credit-micro-credentials-2026-demo-results";
const DEMO_SERIES = "for-credit-micro-credentials";
const SYNTHETIC_RESPONSES = 1058;
const NEWCOMERS = 140;

const DAY = 24 * 60 * 60 * 1000;

/** Seeds the demo panel, its panelists, one wave per demo questionnaire and their invitations, into an empty database. */
export async function seedDemo(): Promise<{
  seeded: boolean;
  panelists: number;
  invitations: number;
  owner?: { email: string; password: string };
}> {
  if ((await countPanels()) > 0) return { seeded: false, panelists: 0, invitations: 0 };
  const owner = { email: "owner@quorum-demo.example", password: randomBytes(12).toString("base64url") };
  await upsertAdmin(owner.email, owner.password, "owner");
  const panel = await ensurePanel({
    slug: DEMO_PANEL,
    name: "Global Higher Education Executive Panel",
    description:
      "Senior leaders of universities, colleges, industry and EdTech in more than 30 countries who answer a short questionnaire a few times a year and get the results back.",
    consentText:
      "I agree to be invited to short questionnaires a few times a year. My answers are only published in aggregate, never in groups small enough to identify me, and I can leave the panel at any time.",
  });
  await seedLogo(panel);
  const people = [];
  for (const person of demoPeople()) people.push(await upsertPanelist(panel.id, person, { source: "demo" }));

  let invitations = 0;
  for (const slug of DEMO_WAVES) {
    const version = await getCurrentVersion(slug);
    if (!version) continue;
    const wave = await createWave({
      slug,
      title: version.title,
      panelId: panel.id,
      questionnaireVersionId: version.id,
      opensAt: new Date(Date.now() - DAY),
      closesAt: new Date(Date.now() + 30 * DAY),
    });
    for (const p of people) {
      await ensureInvitation(wave.id, p.id);
      invitations++;
    }
  }
  await seedPublishedWave(panel.id);
  return { seeded: true, panelists: people.length, invitations, owner };
}

/**
 * The demo's published report: 1,058 invented leaders, answering like those of the 2024 seed report,
 * each a synthetic panelist answering through an invitation; and its second wave two years on
 * (issue 28), answered by most of the same leaders and a few newcomers, both waves in one series.
 */
async function seedPublishedWave(panelId: number): Promise<void> {
  const version = await getCurrentVersion("for-credit-micro-credentials-2024");
  if (!version) return;
  const closes = Date.now() - 730 * DAY;
  const actor = { label: "demo" };
  const created = await createSeries(
    { panelId, slug: DEMO_SERIES, name: "For-credit micro-credentials (demo, synthetic answers)" },
    actor,
  );
  const seriesId = created.ok ? created.series.id : null;
  const wave = await createWave({
    seriesId,
    slug: DEMO_PUBLISHED,
    title: "For-Credit Micro-Credentials 2024 — demo report (synthetic answers)",
    panelId,
    questionnaireVersionId: version.id,
    opensAt: new Date(closes - 28 * DAY),
    closesAt: new Date(closes),
    audience: "public",
  });
  const random = seededRandom(2024);
  const first = syntheticResponses(random, SYNTHETIC_RESPONSES);
  const later = secondWave(random, first, { answerAgain: 0.85, newcomers: NEWCOMERS });
  const leaders = await insertSyntheticPanelists(
    panelId,
    [...first, ...later.newcomers].map((r, i) => ({
      email: `leader-${String(i + 1).padStart(4, "0")}@synthetic.example`,
      name: `Synthetic leader ${i + 1}`,
      country: r.country,
      region: r.region,
      organisationType: r.organisationType,
      roleCategory: r.roleCategory,
      organisation: r.organisation,
    })),
  );
  const rows = first.map((r) => ({ ...r, completedAt: new Date(closes - random() * 27 * DAY) }));
  const invited = await insertAnsweredInvitations(
    wave.id,
    rows.map((r, i) => ({ panelistId: leaders[i]!, usedAt: r.completedAt })),
  );
  const quotable = await insertSyntheticResponses(
    wave,
    rows.map((r, i) => ({ ...r, invitationId: invited[i] })),
  );
  const seen = new Set<string>();
  for (const q of quotable) {
    if (seen.has(q.comment) || seen.size >= 3) continue;
    seen.add(q.comment);
    // Each quote stands next to the finding it speaks to, as a report would place it.
    await approveTextQuote(wave, q.id, "comment", q.comment, actor, COMMENT_FINDINGS[q.comment] ?? null);
  }
  await publishDemoReport(wave);
  await seedSecondWave(panelId, seriesId, version.id, leaders, later, random);
}

/** The second wave: answered, closed and published, so its report shows trends and change among the same people. */
async function seedSecondWave(
  panelId: number,
  seriesId: number | null,
  versionId: number,
  leaders: number[],
  later: ReturnType<typeof secondWave>,
  random: () => number,
): Promise<void> {
  const closes = Date.now() - 10 * DAY;
  const wave = await createWave({
    slug: DEMO_SECOND_WAVE,
    title: "For-Credit Micro-Credentials 2026 — demo report, second wave (synthetic answers)",
    panelId,
    questionnaireVersionId: versionId,
    opensAt: new Date(closes - 28 * DAY),
    closesAt: new Date(closes),
    audience: "public",
    seriesId,
  });
  const rows = [
    ...later.again.map((a) => ({ ...a.response, panelistId: leaders[a.index]! })),
    ...later.newcomers.map((r, i) => ({ ...r, panelistId: leaders[SYNTHETIC_RESPONSES + i]! })),
  ].map((r) => ({ ...r, completedAt: new Date(closes - random() * 27 * DAY) }));
  const invited = await insertAnsweredInvitations(
    wave.id,
    rows.map((r) => ({ panelistId: r.panelistId, usedAt: r.completedAt })),
  );
  await insertSyntheticResponses(
    wave,
    rows.map((r, i) => ({ ...r, invitationId: invited[i] })),
  );
  await publishDemoReport(wave);
}

/** Publishes the demo's report (again): the findings are written from the figures being published, every figure by reference, so true by construction. */
export async function publishDemoReport(wave: Wave): Promise<void> {
  await publish(wave, { label: "demo" }, (snapshot) => ({
    ...demoFindings(snapshot),
    ...(wave.slug === DEMO_SECOND_WAVE
      ? {
          "title@es":
            "Microcredenciales con créditos 2026 — informe de demostración, segunda ola (respuestas sintéticas)",
          "title@fr":
            "Micro-certifications créditées 2026 — rapport de démonstration, deuxième vague (réponses synthétiques)",
        }
      : {
          "title@es": "Microcredenciales con créditos 2024 — informe de demostración (respuestas sintéticas)",
          "title@fr": "Micro-certifications créditées 2024 — rapport de démonstration (réponses synthétiques)",
        }),
  }));
}

/** The demo panel's logo (db/demo/logo.png), so its report, pages and emails show one; skipped if the file is missing. */
async function seedLogo(panel: Awaited<ReturnType<typeof ensurePanel>>): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const files = [
    path.resolve(here, "..", "..", "db", "demo", "logo.png"),
    path.resolve(process.cwd(), "db", "demo", "logo.png"),
  ];
  let bytes: Buffer | null = null;
  for (const file of files) bytes ??= await readFile(file).catch(() => null);
  const type = bytes ? imageTypeOf(bytes) : null;
  if (bytes && type) await setPanelLogo(panel, { bytes, type }, { label: "demo" });
}

/** Links of a few demo invitations nobody has used yet, to try the respondent path. */
/** What a newcomer can open first, each link said in words (the console prints these at start). */
export async function demoTour(baseUrl: string, ownerShownNow = false): Promise<string[]> {
  const lines: string[] = [];
  const published = await getWaveBySlug(DEMO_PUBLISHED);
  if (published) lines.push(`A published report (1,058 synthetic answers):  ${baseUrl}/results/${published.slug}`);
  const second = await getWaveBySlug(DEMO_SECOND_WAVE);
  if (second)
    lines.push(
      `Its second wave, with trends and change among the same people:  ${baseUrl}/results/${second.slug}  (the series: ${baseUrl}/results/series/${DEMO_SERIES})`,
    );
  for (const slug of DEMO_WAVES) {
    const wave = await getWaveBySlug(slug);
    const [inv] = wave ? await unusedInvitations(wave.id, 1) : [];
    if (wave && inv)
      lines.push(
        `Answer “${wave.title}” as ${inv.name ?? inv.email} (a demo panelist's personal link):  ${baseUrl}/s/${tokenFor(inv.waveId, inv.panelistId)}`,
      );
  }
  lines.push(`Join the demo panel as a new member:  ${baseUrl}/join/${DEMO_PANEL}`);
  // The demo owner's password is printed on the first start only: later starts say how to make an admin.
  lines.push(
    ownerShownNow
      ? `The panel team's admin (sign in with the demo admin above):  ${baseUrl}/admin`
      : `The panel team's admin:  ${baseUrl}/admin  (sign in with the demo admin's password printed at the first start, or make an admin: npm run quorum -- admin create --email you@example.org --password '…12+ characters…' --role owner)`,
  );
  return lines;
}

export async function demoLinks(baseUrl: string, count = 3): Promise<string[]> {
  const panel = await getPanelBySlug(DEMO_PANEL);
  if (!panel) return [];
  const links: string[] = [];
  for (const slug of DEMO_WAVES) {
    const wave = await getWaveBySlug(slug);
    if (!wave) continue;
    const want = slug === DEMO_WAVES[0] ? count - 1 : count - links.length;
    for (const inv of await unusedInvitations(wave.id, want)) {
      links.push(`${baseUrl}/s/${tokenFor(inv.waveId, inv.panelistId)}`);
    }
  }
  return links.slice(0, count);
}
