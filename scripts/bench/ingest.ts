// npm run bench:ingest [-- --respondents 5000] [-- --questionnaire path/to/file.json]
//
// Completions through the app (POST /s/:token on the production build, validation included) at
// concurrency 1, 16 and 64, against the same rows written straight into the same tables through
// postgres.js at the same concurrency (the database's own rate for this transaction), in one run.
// By default the 2024 questionnaire with generated answers; with --questionnaire, any SurveyJS file,
// answered by survey-core driven page by page as a respondent would (harness/survey-driver.ts).
import { randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import { sql } from "~/db.server";
import { checkAnswers, checkDefinition, questionnaireLanguages } from "~/lib/survey";
import { EMPTY_SEGMENT } from "~/lib/panel";
import { invite } from "~/flows/fieldwork.server";
import { tokenFor } from "~/models/invitation.server";
import { ensurePanel } from "~/models/panel.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { completeInvitationResponse } from "~/models/response.server";
import { createWave } from "~/models/wave.server";
import { surveysDir } from "../../server/bootstrap";
import { createHarness, option, textOption } from "../../harness/scratch-app";
import { answerGenerator, seeded } from "../../harness/generated-answers";
import { respond } from "../../harness/survey-driver";

const N = option("respondents", 5000);
const LEVELS = [1, 16, 64];
// A wave may thank each respondent by email (on by default in the app): that is an email row and a
// delivery job per completion, which the raw reference does not write. --thank-you measures it on.
const THANK_YOU = process.argv.includes("--thank-you");

const TICK = 100; // clock ticks per second on Linux (getconf CLK_TCK)

/** The scratch PostgreSQL's postmaster (its backends are its children): other PostgreSQL servers on the machine are not counted. */
function postmasterPid(): number {
  const file = path.join(process.env.QUORUM_DATA_DIR ?? "", "postgres", "postmaster.pid");
  return Number(readFileSync(file, "utf8").split("\n")[0]);
}

/** CPU seconds used so far by this process (the load generator), the app, and this bench's PostgreSQL (postmaster and backends). */
function cpuSeconds(appPid: number | undefined): { client: number; app: number; postgres: number } {
  const usage = process.cpuUsage();
  const of = (pid: number | string) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      return (Number(fields[11]) + Number(fields[12])) / TICK; // utime + stime
    } catch {
      return 0;
    }
  };
  const postmaster = postmasterPid();
  let postgres = of(postmaster);
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const parent = Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
      if (parent === postmaster) postgres += of(pid);
    } catch {
      // gone
    }
  }
  return { client: (usage.user + usage.system) / 1e6, app: appPid ? of(appPid) : 0, postgres };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** The questionnaire to answer and a source of valid completions for it. */
async function questionnaireUnderTest() {
  const file = textOption("questionnaire");
  if (!file) {
    await syncQuestionnaires(surveysDir);
    const version = await getCurrentVersion("for-credit-micro-credentials-2024");
    if (!version) throw new Error("the 2024 questionnaire is missing");
    return {
      version,
      generate: answerGenerator(version.definition as Record<string, unknown>, seeded(2024)),
      label: "the 2024 questionnaire",
    };
  }
  const slug = path
    .basename(file, ".json")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
  const dir = mkdtempSync(path.join(os.tmpdir(), "quorum-bench-"));
  copyFileSync(file, path.join(dir, `${slug}.json`));
  const [report] = await syncQuestionnaires(dir);
  if (report?.outcome === "skipped") throw new Error(`${file} cannot be loaded: ${(report.errors ?? []).join("; ")}`);
  const version = await getCurrentVersion(slug);
  if (!version) throw new Error(`${file} was not stored`);
  const check = checkDefinition(readFileSync(file, "utf8"));
  console.log(
    `${file}: ${check.slowBecause ? `checked by survey-core's Model: slower (${check.slowBecause})` : "checked by the compiled check"}`,
  );
  // Completions as the page would post them, made by survey-core page by page (a pool, reused).
  const random = seeded(2025);
  const pool: Record<string, unknown>[] = [];
  for (let i = 0; i < 300; i += 1) {
    const posted = respond(version.definition, random);
    if (posted) pool.push(posted);
  }
  if (pool.length === 0) throw new Error(`survey-core could not complete ${file} page by page`);
  let n = 0;
  return {
    version,
    generate: () => structuredClone(pool[n++ % pool.length] as Record<string, unknown>),
    label: path.basename(file),
  };
}

async function main() {
  const harness = await createHarness(
    "ingest",
    { QUORUM_DEMO: "0", QUORUM_WORKER: "0" },
    "ingest-bench-secret-ingest-bench-secret-xxxxx",
  );
  const { version, generate, label } = await questionnaireUnderTest();
  const language = questionnaireLanguages(version.definition).primary;
  for (let i = 0; i < 20; i += 1) {
    const check = checkAnswers(version.definition, generate(), { complete: true });
    if (!check.ok) throw new Error(`the generator made an invalid completion: ${JSON.stringify(check.errors)}`);
  }

  // One wave per run (app and raw at each level), each with its own invitations.
  const runs: { label: string; concurrency: number; count: number; kind: "app" | "raw" }[] = [];
  for (const c of LEVELS) {
    const count = c === 1 ? Math.min(N, 500) : N;
    runs.push(
      { label: `app c=${c}`, concurrency: c, count, kind: "app" },
      { label: `raw c=${c}`, concurrency: c, count, kind: "raw" },
    );
  }
  const panel = await ensurePanel({ slug: "ingest", name: "Ingest bench" });
  const total = Math.max(...runs.map((r) => r.count));
  await sql`
    insert into panelists (panel_id, email, name, country, region, status, source)
    select ${panel.id}, 'ingest' || i || '@bench.example', 'Person ' || i, 'US', 'North America', 'active', 'bench'
    from generate_series(1, ${total}) i`;
  const prepared = [];
  for (const [i, run] of runs.entries()) {
    const wave = await createWave({
      slug: `ingest-${i}`,
      title: run.label,
      panelId: panel.id,
      questionnaireVersionId: version.id,
      segment: EMPTY_SEGMENT,
      opensAt: new Date(Date.now() - 60_000),
      thankYou: THANK_YOU,
    });
    await invite(wave, { label: "bench" });
    const invitations = await sql<
      { id: number; panelistId: number }[]
    >`select id, panelist_id from invitations where wave_id = ${wave.id} order by id limit ${run.count}`;
    prepared.push({ run, wave, invitations, bodies: invitations.map(() => generate()) });
  }

  await harness.startApp();
  // The load generator shares the machine's two cores with the app and PostgreSQL, so it uses
  // node:http with kept-alive connections: a third of the CPU per request that fetch() cost it here.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(...LEVELS) });
  const { hostname, port } = new URL(harness.base);
  const post = (path: string, body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          agent,
          hostname,
          port,
          path,
          method: "POST",
          headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  // Warm the app (first requests compile routes and questionnaire models).
  for (let i = 0; i < 20; i += 1) await fetch(`${harness.base}/healthz`);

  const cpuSplit: { label: string; wall: number; client: number; app: number; postgres: number }[] = [];
  const results: {
    label: string;
    concurrency: number;
    count: number;
    perSec: number;
    p50: number;
    p95: number;
    p99: number;
  }[] = [];
  for (const { run, wave, invitations, bodies } of prepared) {
    let next = 0;
    const latencies: number[] = [];
    let failures = 0;
    const worker = async () => {
      for (;;) {
        const i = next++;
        const inv = invitations[i];
        if (!inv) return;
        const data = bodies[i] as Record<string, unknown>;
        const t = performance.now();
        if (run.kind === "app") {
          const status = await post(
            `/s/${tokenFor(wave.id, inv.panelistId)}`,
            // As the page posts it: the language it is in and the questionnaire version it shows.
            JSON.stringify({ data, complete: true, submissionId: randomUUID(), language, version: version.id }),
          );
          if (status !== 200) failures += 1;
        } else {
          await completeInvitationResponse({
            invitationId: inv.id,
            versionId: version.id,
            data,
            submissionId: randomUUID(),
          });
        }
        latencies.push(performance.now() - t);
      }
    };
    const cpu0 = cpuSeconds(harness.app()?.pid);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: run.concurrency }, worker));
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = cpuSeconds(harness.app()?.pid);
    const per1000 = (a: number, b: number) => ((b - a) / run.count) * 1000;
    cpuSplit.push({
      label: run.label,
      wall: seconds,
      client: per1000(cpu0.client, cpu1.client),
      app: run.kind === "app" ? per1000(cpu0.app, cpu1.app) : 0,
      postgres: per1000(cpu0.postgres, cpu1.postgres),
    });
    if (failures > 0) throw new Error(`${run.label}: ${failures} completions were not accepted`);
    const [stored] = await sql<
      { n: number }[]
    >`select count(*)::int as n from responses where wave_id = ${wave.id} and status = 'complete'`;
    if (stored?.n !== run.count) throw new Error(`${run.label}: ${stored?.n} stored, expected ${run.count}`);
    latencies.sort((a, b) => a - b);
    results.push({
      label: run.label,
      concurrency: run.concurrency,
      count: run.count,
      perSec: run.count / seconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
    });
  }
  await harness.close();

  console.log(`\nCompletions of ${label} (${N} respondents; 500 at concurrency 1)`);
  console.log("  run          count   per second    p50 ms   p95 ms   p99 ms");
  for (const r of results) {
    console.log(
      `  ${r.label.padEnd(12)} ${String(r.count).padStart(5)}   ${r.perSec.toFixed(0).padStart(10)}   ${r.p50.toFixed(1).padStart(7)}  ${r.p95.toFixed(1).padStart(7)}  ${r.p99.toFixed(1).padStart(7)}`,
    );
  }
  console.log("\nCPU seconds per 1,000 completions (this machine has 2 cores, shared by all three)");
  console.log("  run          client   app   postgres   (wall " + "seconds per 1,000)");
  for (const c of cpuSplit)
    console.log(
      `  ${c.label.padEnd(12)} ${c.client.toFixed(2).padStart(6)} ${c.app.toFixed(2).padStart(5)} ${c.postgres.toFixed(2).padStart(9)}   (${((c.wall / (results.find((r) => r.label === c.label)?.count ?? 1)) * 1000).toFixed(2)})`,
    );
  const at = (kind: string, c: number) => results.find((r) => r.label === `${kind} c=${c}`) as (typeof results)[number];
  for (const c of LEVELS)
    console.log(`  ratio app/raw at concurrency ${c}: ${(at("app", c).perSec / at("raw", c).perSec).toFixed(2)}`);
  const top = at("app", 64);
  const raw = at("raw", 64);
  console.log(
    JSON.stringify({
      bench: "ingest",
      questionnaire: label,
      respondents: N,
      completionsPerSec: Math.round(top.perSec),
      rawPerSec: Math.round(raw.perSec),
      ratio: Number((top.perSec / raw.perSec).toFixed(3)),
      p99Ms: Number(top.p99.toFixed(1)),
      levels: results.map((r) => ({
        run: r.label,
        perSec: Math.round(r.perSec),
        p50Ms: Number(r.p50.toFixed(1)),
        p99Ms: Number(r.p99.toFixed(1)),
      })),
    }),
  );
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
