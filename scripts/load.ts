// npm run test:load [-- --respondents 64 --viewers 3 --publishes 2 --no-build]
//
// Issue 23, item 2: suppression must never block requests. On a scratch Quorum with the demo, 64
// respondents complete a questionnaire while three viewers preview the demo report (?preview=1)
// over and over and an editor publishes it (each publication adds a record to check against, so
// every publish is a new computation of the disclosure engine). Meanwhile /healthz and the published
// page are asked every 100 ms. Passes when no completion is lost or duplicated and nothing answered
// a 5xx other than a 503 "busy" from the figure threads; prints medians and p99 of each (a
// benchmark figure, not an assertion on time).
import { randomUUID } from "node:crypto";
import { sql } from "~/db.server";
import { DEMO_PUBLISHED, seedDemo } from "~/flows/demo.server";
import { closeFiguresPool } from "~/results/figures-pool.server";
import { invite } from "~/flows/fieldwork.server";
import { EMPTY_SEGMENT } from "~/lib/panel";
import { upsertAdmin } from "~/flows/admins.server";
import { tokenFor } from "~/models/invitation.server";
import { ensurePanel } from "~/models/panel.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { createWave } from "~/models/wave.server";
import { surveysDir } from "../server/bootstrap";
import { createHarness, option, sleep } from "../harness/scratch-app";

const RESPONDENTS = option("respondents", 64);
const VIEWERS = option("viewers", 3);
const PUBLISHES = option("publishes", 2);
const PASSWORD = "load test password, long enough";

const ANSWERS = (i: number) => ({
  country: ["CL", "KE", "FR", "US", "IN", "AU"][i % 6],
  organisationType: "university",
  strategicImportance: (i % 5) + 1,
  currentState: "piloting",
  applications: ["short-courses"],
  barriers: ["standards"],
  relationToDegrees: "embedded",
  industryAlternative: i % 2 === 0,
  comment: `Respondent ${i} under load.`,
  consentToQuote: false,
});

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] as number;
};
const line = (name: string, xs: number[]) =>
  `  ${name.padEnd(34)} n=${String(xs.length).padStart(4)}  median ${quantile(xs, 0.5).toFixed(0).padStart(6)} ms  p99 ${quantile(xs, 0.99).toFixed(0).padStart(6)} ms  max ${Math.max(
    ...xs,
  )
    .toFixed(0)
    .padStart(6)} ms`;

async function timedFetch(url: string, init?: RequestInit): Promise<{ ms: number; status: number; text: string }> {
  const t = performance.now();
  const res = await fetch(url, { redirect: "manual", ...init });
  const text = await res.text();
  return { ms: performance.now() - t, status: res.status, text };
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/admin/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": `192.0.2.${email.length}` },
    body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "/admin" }),
    redirect: "manual",
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith("__quorum="))
    ?.split(";")[0];
  if (res.status !== 302 || !cookie) throw new Error(`${email} could not sign in: ${res.status}`);
  return cookie;
}

async function main() {
  const harness = await createHarness(
    "load",
    { QUORUM_DEMO: "1", QUORUM_WORKER: "0" },
    "load-test-secret-load-test-secret-load-test-secret",
  );
  const base = harness.base;
  await syncQuestionnaires(surveysDir);
  // The demo first (it is seeded only into an empty database): its published report is the one previewed.
  const t = performance.now();
  await seedDemo();
  console.log(`Seeded and published the demo in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
  await closeFiguresPool();
  const panel = await ensurePanel({ slug: "load", name: "Load test panel" });
  await sql`
    insert into panelists (panel_id, email, name, country, region, status, source)
    select ${panel.id}, 'load' || i || '@example.org', 'Person ' || i, 'KE', 'Sub-Saharan Africa', 'active', 'bench'
    from generate_series(1, ${RESPONDENTS}) i`;
  const version = await getCurrentVersion("micro-credentials-2021");
  if (!version) throw new Error("the 2021 questionnaire is missing");
  const wave = await createWave({
    slug: "load",
    title: "Load",
    panelId: panel.id,
    questionnaireVersionId: version.id,
    segment: EMPTY_SEGMENT,
    opensAt: new Date(Date.now() - 60_000),
  });
  await invite(wave, { label: "load test" });
  const invitations = await sql<{ id: number; panelistId: number }[]>`
    select id, panelist_id from invitations where wave_id = ${wave.id} order by id`;
  for (let v = 0; v < VIEWERS; v++) await upsertAdmin(`viewer${v}@load.example`, PASSWORD, "viewer");
  await upsertAdmin("editor@load.example", PASSWORD, "editor");

  await harness.startApp();
  const viewers = await Promise.all(Array.from({ length: VIEWERS }, (_, v) => signIn(base, `viewer${v}@load.example`)));
  const editor = await signIn(base, "editor@load.example");
  const report = `${base}/results/${DEMO_PUBLISHED}`;
  // The published page once before, quiet: what it costs with nothing else running.
  const quiet: number[] = [];
  for (let i = 0; i < 20; i++) quiet.push((await timedFetch(report)).ms);
  const quietHealth: number[] = [];
  for (let i = 0; i < 20; i++) quietHealth.push((await timedFetch(`${base}/healthz`)).ms);

  let busy = true;
  const health: number[] = [];
  const published: number[] = [];
  const previews: number[] = [];
  const publishes: number[] = [];
  const completions: number[] = [];
  const statuses = new Map<string, number>();
  const count = (what: string, status: number) =>
    statuses.set(`${what} ${status}`, (statuses.get(`${what} ${status}`) ?? 0) + 1);
  const failures: string[] = [];

  const probe = async (url: string, into: number[], what: string) => {
    while (busy) {
      const r = await timedFetch(url);
      into.push(r.ms);
      count(what, r.status);
      if (r.status >= 500) failures.push(`${what} ${r.status} ${r.text.slice(0, 120)}`);
      await sleep(100);
    }
  };
  const viewer = async (cookie: string) => {
    while (busy) {
      const r = await timedFetch(`${report}?preview=1`, { headers: { Cookie: cookie } });
      count("preview", r.status);
      if (r.status === 200) previews.push(r.ms);
      else if (r.status !== 503) failures.push(`preview ${r.status} ${r.text.slice(0, 120)}`);
      await sleep(200);
    }
  };
  const publisher = async () => {
    await sleep(500);
    for (let i = 0; i < PUBLISHES; i++) {
      const r = await timedFetch(`${base}/admin/waves/${DEMO_PUBLISHED}/results`, {
        method: "POST",
        headers: { Cookie: editor, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          intent: "publish",
          findingsChecked: "yes",
          keyFindings: `Load run, publication ${i + 1}.`,
        }),
      });
      count("publish", r.status);
      if (r.status === 200 && /Published:/.test(r.text)) publishes.push(r.ms);
      else failures.push(`publish ${r.status} ${r.text.replace(/\s+/g, " ").slice(0, 200)}`);
    }
  };
  // Respondents start spread over the first seconds of the publications, two requests each (a save, then the completion).
  const acked = new Map<number, string>();
  const respondent = async (i: number) => {
    await sleep(500 + (i / RESPONDENTS) * 15_000);
    const inv = invitations[i]!;
    const token = tokenFor(wave.id, inv.panelistId);
    const submissionId = randomUUID();
    const post = (body: unknown) =>
      timedFetch(`${base}/s/${token}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const saved = await post({ data: { country: ANSWERS(i).country }, complete: false, page: 1 });
    count("save", saved.status);
    for (let tries = 0; tries < 20; tries++) {
      const r = await post({ data: ANSWERS(i), complete: true, submissionId });
      count("completion", r.status);
      if (r.status === 200) {
        completions.push(r.ms);
        acked.set(inv.id, submissionId);
        return;
      }
      failures.push(`completion ${r.status} ${r.text.slice(0, 120)}`);
      await sleep(500);
    }
  };

  const t0 = performance.now();
  const probes = [
    probe(`${base}/healthz`, health, "healthz"),
    probe(report, published, "published page"),
    ...viewers.map((c) => viewer(c)),
  ];
  await Promise.all([publisher(), ...invitations.map((_, i) => respondent(i))]);
  busy = false;
  await Promise.all(probes);
  const seconds = (performance.now() - t0) / 1000;
  await harness.stopApp();

  const rows = await sql<{ invitationId: number; submissionId: string | null }[]>`
    select invitation_id, submission_id from responses where wave_id = ${wave.id} and status = 'complete'`;
  let lost = 0;
  let duplicated = 0;
  for (const [invitationId, submissionId] of acked) {
    const stored = rows.filter((r) => r.invitationId === invitationId);
    if (stored.length === 0 || stored[0]!.submissionId !== submissionId) lost += 1;
    if (stored.length > 1) duplicated += stored.length - 1;
  }
  const [pubs] = await sql<{ n: number }[]>`
    select count(*)::int as n from publications p join waves w on w.id = p.wave_id where w.slug = ${DEMO_PUBLISHED}`;
  await harness.close();

  console.log(
    `\nLoad: ${RESPONDENTS} respondents, ${VIEWERS} viewers previewing the demo report, an editor publishing it ${PUBLISHES} times; ${seconds.toFixed(1)} s`,
  );
  console.log(line("/healthz, quiet", quietHealth));
  console.log(line("/healthz, under load", health));
  console.log(line("published page, quiet", quiet));
  console.log(line("published page, under load", published));
  console.log(line("completions", completions));
  console.log(line("previews (200)", previews));
  console.log(line("publications", publishes));
  console.log(
    `  answers: ${[...statuses.entries()]
      .sort()
      .map(([k, n]) => `${k}×${n}`)
      .join(", ")}`,
  );
  console.log(`  completions acknowledged ${acked.size} of ${RESPONDENTS}; lost ${lost}; duplicated ${duplicated}`);
  console.log(`  publications of the demo wave now: ${pubs?.n ?? 0}`);
  for (const f of failures.slice(0, 10)) console.log(`    ${f}`);
  console.log(
    JSON.stringify({
      test: "load",
      healthzP99: Math.round(quantile(health, 0.99)),
      healthzMedian: Math.round(quantile(health, 0.5)),
      completionsP99: Math.round(quantile(completions, 0.99)),
      completionsMedian: Math.round(quantile(completions, 0.5)),
      publishedP99: Math.round(quantile(published, 0.99)),
      previews: previews.length,
      publishes: publishes.length,
      acked: acked.size,
      lost,
      duplicated,
      failures: failures.length,
    }),
  );
  const ok =
    lost === 0 &&
    duplicated === 0 &&
    acked.size === RESPONDENTS &&
    publishes.length === PUBLISHES &&
    failures.length === 0;
  console.log(ok ? "load: passed" : "load: FAILED");
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
