// npm run test:crash [-- --respondents 400 --concurrency 24 --kills 3]
//
// Concurrent respondents complete a questionnaire while the app is killed with SIGKILL and
// restarted (several times) and its database is stopped and started once. Every respondent retries
// with the same submissionId until it gets an answer, as the browser does. At the end, every
// completion that got a 200 must be in the database exactly once, with the answers sent.
import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { sql } from "~/db.server";
import { EMPTY_SEGMENT } from "~/lib/panel";
import { invite } from "~/flows/fieldwork.server";
import { tokenFor } from "~/models/invitation.server";
import { ensurePanel } from "~/models/panel.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { createWave } from "~/models/wave.server";
import { surveysDir } from "../server/bootstrap";
import { createHarness, option, sleep } from "../harness/scratch-app";

const RESPONDENTS = option("respondents", 400);
const CONCURRENCY = option("concurrency", 24);
const KILLS = option("kills", 3);

const ANSWERS = (i: number) => ({
  country: ["CL", "KE", "FR", "US", "IN", "AU"][i % 6],
  organisationType: "university",
  strategicImportance: (i % 5) + 1,
  currentState: "piloting",
  applications: ["short-courses"],
  barriers: ["standards"],
  relationToDegrees: "embedded",
  industryAlternative: i % 2 === 0,
  comment: `Respondent ${i} says: a mosaic of credentials.`,
  consentToQuote: i % 3 === 0,
});

const stats = {
  acked: 0,
  attempts: 0,
  networkErrors: 0,
  status: new Map<number, number>(),
  retriedThenAcked: 0,
  unavailable503: 0,
  kills: 0,
  dbRestarts: 0,
};
const count = (status: number) => stats.status.set(status, (stats.status.get(status) ?? 0) + 1);

async function main() {
  const harness = await createHarness(
    "crash",
    // Queries wait 2 s for the database before the request answers 503, so the 6 s outage below shows both.
    { QUORUM_DEMO: "0", QUORUM_WORKER: "0", QUORUM_DB_CONNECT_TIMEOUT: "2" },
    "crash-test-secret-crash-test-secret-crash-test",
  );
  const base = harness.base;

  // A panel, a wave of the 2021 questionnaire and one invitation per respondent.
  await syncQuestionnaires(surveysDir);
  const panel = await ensurePanel({ slug: "crash", name: "Crash test panel" });
  await sql`
    insert into panelists (panel_id, email, name, country, region, status, source)
    select ${panel.id}, 'crash' || i || '@example.org', 'Person ' || i, 'KE', 'Sub-Saharan Africa', 'active', 'bench'
    from generate_series(1, ${RESPONDENTS}) i`;
  const version = await getCurrentVersion("micro-credentials-2021");
  if (!version) throw new Error("the 2021 questionnaire is missing");
  const wave = await createWave({
    slug: "crash",
    title: "Crash",
    panelId: panel.id,
    questionnaireVersionId: version.id,
    segment: EMPTY_SEGMENT,
    opensAt: new Date(Date.now() - 60_000),
    // Thank-you emails on (the default): a page's completion (with its version) is stored with its email
    // by the statement that looks the link up; every other respondent posts without it and takes the
    // two-statement path. Each stored completion must have exactly one email, whichever path stored it.
    thankYou: true,
  });
  await invite(wave, { label: "crash test" });
  const invitations = await sql<
    { id: number; panelistId: number }[]
  >`select id, panelist_id from invitations where wave_id = ${wave.id} order by id`;

  // Each respondent saves progress once, then completes, retrying with the same submissionId
  // until the server answers 200 (or says the link was used, which must not happen).
  const acked = new Map<number, { submissionId: string; responseId: string; answers: Record<string, unknown> }>();
  let next = 0;
  let running = true;
  let restarting = false;
  // The load keeps pace with the chaos, however fast the app is: before each fault starts, no
  // respondent beyond the next `share` (plus a window that keeps requests in flight) begins. Without
  // this, a fast machine finished all 400 before the second kill and the run proved nothing.
  const share = Math.max(1, Math.floor(RESPONDENTS / (KILLS + 2)));
  const ahead = 2 * CONCURRENCY;
  let faultsStarted = 0;
  const mayStart = (i: number) => faultsStarted > KILLS || i < share * (faultsStarted + 1) + ahead;
  const respondent = async () => {
    while (running) {
      while (running && !mayStart(next)) await sleep(20);
      const i = next++;
      const inv = invitations[i];
      if (!inv) return;
      const token = tokenFor(wave.id, inv.panelistId);
      const answers = ANSWERS(i);
      const submissionId = randomUUID();
      let tries = 0;
      let partialSaved = false;
      for (;;) {
        tries += 1;
        stats.attempts += 1;
        try {
          const body = partialSaved
            ? {
                data: answers,
                complete: true,
                submissionId,
                ...(i % 2 === 0 ? { language: "en", version: version.id } : {}),
              }
            : { data: { country: answers.country }, complete: false, page: 1 };
          const res = await fetch(`${base}/s/${token}`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(body),
          });
          count(res.status);
          const json = (await res.json().catch(() => ({}))) as { responseId?: string; error?: string };
          if (res.status === 503) stats.unavailable503 += 1;
          if (res.status === 200 && !partialSaved) {
            partialSaved = true;
            continue;
          }
          if (res.status === 200) {
            if (tries > 2) stats.retriedThenAcked += 1;
            acked.set(inv.id, { submissionId, responseId: json.responseId as string, answers });
            stats.acked += 1;
            break;
          }
          if (res.status === 409)
            throw new Error(
              `invitation ${inv.id}: a retry with the same submissionId was refused as "already answered"`,
            );
          if (res.status < 500 && res.status !== 429)
            throw new Error(`invitation ${inv.id}: unexpected ${res.status} ${JSON.stringify(json)}`);
        } catch (error) {
          if (error instanceof Error && /invitation \d+:/.test(error.message)) throw error;
          stats.networkErrors += 1; // the app was killed mid-request, or is restarting
          const app = harness.app();
          if (!restarting && app && app.exitCode !== null) {
            throw new Error(
              `invitation ${inv.id}: the app exited on its own (code ${app.exitCode}), not killed by this test:\n${harness.appLog().slice(-3000)}`,
            );
          }
        }
        await sleep(150);
      }
    }
  };

  const t0 = performance.now();
  await harness.startApp();
  const load = Promise.all(Array.from({ length: CONCURRENCY }, () => respondent()));
  let loadDone = false;
  void load.finally(() => (loadDone = true));

  // Chaos: SIGKILL the app after each `share` of completions (at a random moment while requests
  // are in flight), then stop the database once under load.
  for (let k = 0; k < KILLS && !loadDone; k += 1) {
    while (stats.acked < share * (k + 1) && !loadDone) await sleep(10);
    await sleep(Math.random() * 200);
    restarting = true;
    await harness.killApp();
    stats.kills += 1;
    faultsStarted += 1;
    await harness.startApp();
    restarting = false;
  }
  let appPidDuringOutage: number | undefined;
  if (!loadDone) {
    while (stats.acked < share * (KILLS + 1) && !loadDone) await sleep(10);
    appPidDuringOutage = harness.app()?.pid;
    faultsStarted += 1;
    await harness.restartDatabase(6000);
    stats.dbRestarts += 1;
  }
  const app = harness.app();
  const appSurvivedOutage =
    appPidDuringOutage === undefined || (app?.pid === appPidDuringOutage && app.exitCode === null);
  await load;
  running = false;
  const seconds = (performance.now() - t0) / 1000;
  await harness.stopApp();

  // The verdict, from the database.
  const rows = await sql<
    { invitationId: number; id: string; submissionId: string | null; status: string; data: Record<string, unknown> }[]
  >`
    select invitation_id, id, submission_id, status, data from responses where wave_id = ${wave.id}`;
  type Row = (typeof rows)[number];
  const byInvitation = new Map<number, Row[]>();
  for (const r of rows) byInvitation.set(r.invitationId, [...(byInvitation.get(r.invitationId) ?? []), r]);
  let lost = 0;
  let duplicated = 0;
  let wrong = 0;
  let cutOff = 0;
  for (const [invitationId, sent] of acked) {
    const stored = (byInvitation.get(invitationId) ?? []).filter((r) => r.status === "complete");
    if (stored.length === 0) lost += 1;
    if (stored.length > 1) duplicated += stored.length - 1;
    const one = stored[0];
    // A 200 whose body the kill cut off has no responseId: the status alone says it was stored.
    if (!sent.responseId) cutOff += 1;
    if (
      one &&
      (one.submissionId !== sent.submissionId ||
        (sent.responseId && one.id !== sent.responseId) ||
        !isDeepStrictEqual(one.data, sent.answers))
    ) {
      wrong += 1;
      if (wrong <= 3)
        console.error(
          `  differs: invitation ${invitationId}: stored ${JSON.stringify({ id: one.id, submissionId: one.submissionId, data: one.data })}, acknowledged ${JSON.stringify(sent)}`,
        );
    }
  }
  const [dupSubmissions] = await sql<{ n: number }[]>`
    select count(*)::int as n from (select submission_id from responses where wave_id = ${wave.id} and submission_id is not null group by 1 having count(*) > 1) d`;
  duplicated += dupSubmissions?.n ?? 0;
  const [used] = await sql<
    { n: number }[]
  >`select count(*)::int as n from invitations where wave_id = ${wave.id} and used_at is not null`;
  // Thank-you emails: one per stored completion, none for anything else.
  const [mail] = await sql<{ missing: number; extra: number }[]>`
    select
      (select count(*)::int from responses r where r.wave_id = ${wave.id} and r.status = 'complete'
        and not exists (select 1 from emails e where e.dedupe_key = 'thank-you:' || r.invitation_id)) as missing,
      (select count(*)::int from emails e join invitations i on e.dedupe_key = 'thank-you:' || i.id
        where i.wave_id = ${wave.id} and i.used_at is null) as extra`;
  const mailMissing = mail?.missing ?? 0;
  const mailExtra = mail?.extra ?? 0;

  await harness.close();

  const statuses = [...stats.status.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(", ");
  console.log(`\nCrash test: ${RESPONDENTS} respondents, ${CONCURRENCY} at a time, ${seconds.toFixed(1)} s`);
  console.log(
    `  app killed with SIGKILL and restarted: ${stats.kills} times; database stopped for 6 s and restarted: ${stats.dbRestarts} time(s)`,
  );
  console.log(
    `  requests: ${stats.attempts} (statuses ${statuses}; ${stats.networkErrors} connection errors while the app was down)`,
  );
  console.log(
    `  503 answers while the database was down: ${stats.unavailable503}; the app process stayed up through it: ${appSurvivedOutage ? "yes" : "NO"}`,
  );
  console.log(
    `  completions acknowledged with 200: ${acked.size}; after at least one failed attempt: ${stats.retriedThenAcked}; 200s whose body the kill cut off: ${cutOff}`,
  );
  console.log(
    `  invitations marked used: ${used?.n}; complete responses stored: ${rows.filter((r) => r.status === "complete").length}`,
  );
  console.log(
    `  thank-you emails: ${mailMissing} completions without one, ${mailExtra} for a link not used (one email per completion is the dedupe key's)`,
  );
  console.log(`  lost: ${lost}   duplicated: ${duplicated}   stored differently from what was sent: ${wrong}\n`);
  console.log(
    JSON.stringify({
      test: "crash",
      respondents: RESPONDENTS,
      kills: stats.kills,
      dbRestarts: stats.dbRestarts,
      acked: acked.size,
      retriedThenAcked: stats.retriedThenAcked,
      unavailable503: stats.unavailable503,
      networkErrors: stats.networkErrors,
      lost,
      duplicated,
      wrong,
      mailMissing,
      mailExtra,
      appSurvivedOutage,
    }),
  );
  if (
    lost > 0 ||
    duplicated > 0 ||
    wrong > 0 ||
    mailMissing > 0 ||
    mailExtra > 0 ||
    acked.size !== RESPONDENTS ||
    !appSurvivedOutage ||
    stats.kills < KILLS ||
    stats.dbRestarts < 1
  )
    process.exit(1);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
