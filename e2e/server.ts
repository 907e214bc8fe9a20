// The app as Playwright's webServer: a fresh database per run, its URL and demo links in a state file.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { initEnv } from "~/env.server";
import { DEMO_PANEL, demoLinks } from "~/flows/demo.server";
import { EMPTY_SEGMENT } from "~/lib/panel";
import { ensureInvitation, tokenFor } from "~/models/invitation.server";
import { getPanelBySlug } from "~/models/panel.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { createWave } from "~/models/wave.server";
import { connectTo, sql } from "~/db.server";
import { startQuorum } from "../server/app";
import { loadBuiltApp } from "../server/load-app";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from "../server/embedded-db";

/** A wave of one corpus questionnaire (not one we ship), with one invitation: its personal link. */
async function questionnaireFromTheCorpus(baseUrl: string, slug: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "quorum-e2e-"));
  await fs.copyFile(`test/fixtures/questionnaires/${slug}.json`, path.join(dir, `${slug}.json`));
  await syncQuestionnaires(dir);
  const version = await getCurrentVersion(slug);
  const panel = await getPanelBySlug(DEMO_PANEL);
  if (!version || !panel) throw new Error(`the e2e questionnaire ${slug} or the demo panel is missing`);
  const wave = await createWave({
    slug,
    title: version.title,
    panelId: panel.id,
    questionnaireVersionId: version.id,
    segment: EMPTY_SEGMENT,
    opensAt: new Date(Date.now() - 60_000),
  });
  const [someone] = await sql<
    { id: number }[]
  >`select id from panelists where panel_id = ${panel.id} and status = 'active' order by id limit 1`;
  if (!someone) throw new Error("the demo panel has nobody active");
  const invitation = await ensureInvitation(wave.id, someone.id);
  return `${baseUrl}/s/${invitation.token}`;
}

/** A demo panelist who reads Spanish, and their personal link to the 2024 wave (in English, Spanish and French). */
async function linkOfSomeoneWhoReads(language: string, baseUrl: string, skip = 0): Promise<string> {
  const [row] = await sql<{ waveId: number; panelistId: number }[]>`
    select i.wave_id, i.panelist_id from invitations i join panelists p on p.id = i.panelist_id join waves w on w.id = i.wave_id
    where (p.language = ${language} or (${language} = 'en' and p.language is null)) and w.slug = 'for-credit-micro-credentials-2024' and i.used_at is null order by p.id limit 1 offset ${skip}`;
  if (!row) throw new Error(`no demo panelist reads ${language}`);
  return `${baseUrl}/s/${tokenFor(row.waveId, row.panelistId)}`;
}

/** The last unused personal link of a demo wave (other specs take the first ones). */
async function lastLinkOf(waveSlug: string, baseUrl: string): Promise<string> {
  const [row] = await sql<{ waveId: number; panelistId: number }[]>`
    select i.wave_id, i.panelist_id from invitations i join waves w on w.id = i.wave_id
    where w.slug = ${waveSlug} and i.used_at is null order by i.id desc limit 1`;
  if (!row) throw new Error(`the demo wave ${waveSlug} has no unused invitation`);
  return `${baseUrl}/s/${tokenFor(row.waveId, row.panelistId)}`;
}

async function main() {
  const settings = { ...process.env, QUORUM_DEMO: "1", QUORUM_CHOICES_HOSTS: "https://lists.example.org" };
  const env = initEnv(settings);
  const name = `quorum_e2e_${Date.now()}`;
  const server = await startEmbeddedPostgres(env.dataDir);
  await ensureDatabase(server.adminUrl, name);
  // The app runs from its build, as npm start runs it; this file's own fixtures below (a corpus
  // wave, a reader's link) use the source modules, with a client of their own.
  const loaded = await loadBuiltApp();
  const app = await startQuorum(loaded, { ...loaded.app.initEnv(settings), DATABASE_URL: server.urlFor(name) });
  await connectTo(server.urlFor(name));
  const stateFile = path.join(env.dataDir, "e2e-state.json");
  const anySurveyLink = await questionnaireFromTheCorpus(env.publicUrl, "conference-expenses");
  const spanishLink = await linkOfSomeoneWhoReads("es", env.publicUrl);
  // Fresh links for the slow-phone specs: another Spanish reader, an English one, and a questionnaire complete in Arabic.
  const slowPhoneLinks = {
    en: await linkOfSomeoneWhoReads("en", env.publicUrl),
    es: await linkOfSomeoneWhoReads("es", env.publicUrl, 1),
    ar: await questionnaireFromTheCorpus(env.publicUrl, "arabic-leaders"),
  };
  // Fresh links for the phone sweep (axe on every page of both shipped questionnaires).
  const phoneLinks = {
    "2021": await lastLinkOf("micro-credentials-2021", env.publicUrl),
    "2024": await lastLinkOf("for-credit-micro-credentials-2024", env.publicUrl),
  };
  await fs.writeFile(
    stateFile,
    JSON.stringify(
      {
        databaseUrl: app.databaseUrl,
        baseUrl: env.publicUrl,
        links: await demoLinks(env.publicUrl, 8),
        anySurveyLink,
        spanishLink,
        slowPhoneLinks,
        phoneLinks,
      },
      null,
      2,
    ),
  );
  console.log(`e2e server ready at ${env.publicUrl} on database ${name}`);

  const stop = async () => {
    app.server.closeAllConnections();
    await app.stop();
    await dropDatabase(server.adminUrl, name).catch(() => {});
    await server.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
