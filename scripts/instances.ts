// npm run test:instances [-- --panelists 300] [--no-build]
//
// Two Quorum instances on one database, as behind a load balancer, each with its own worker:
//  1. the wave's invitations are requested on both at once, three times each, and a real SMTP
//     server must receive exactly one email per panelist;
//  2. a respondent opens their link (from that email) on one instance, saves a page, reopens it on
//     the other (which resumes it), completes there, and submitting again on the first is refused;
//     the database holds one complete response with every answer.
// Exits 1 with the reason when any of that does not hold.
import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { sql } from "~/db.server";
import { EMPTY_SEGMENT } from "~/lib/panel";
import { createApiKey } from "~/models/api-key.server";
import { ensurePanel } from "~/models/panel.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { createWave } from "~/models/wave.server";
import { startSmtp } from "../harness/smtp";
import { answerGenerator, seeded } from "../harness/generated-answers";
import { surveysDir } from "../server/bootstrap";
import { createHarness, option, sleep } from "../harness/scratch-app";

const PANELISTS = option("panelists", 300);
const failures: string[] = [];
function check(ok: boolean, what: string) {
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
}

async function main() {
  const smtp = await startSmtp();
  const harness = await createHarness(
    "instances",
    { QUORUM_DEMO: "0", QUORUM_WORKER: "1", SMTP_URL: smtp.url },
    "instances-secret-instances-secret-instances-x",
  );
  await syncQuestionnaires(surveysDir);
  const version = await getCurrentVersion("for-credit-micro-credentials-2024");
  if (!version) throw new Error("the 2024 questionnaire is missing");
  const panel = await ensurePanel({ slug: "instances", name: "Two instances" });
  await sql`
    insert into panelists (panel_id, email, name, country, region, status, source)
    select ${panel.id}, 'person' || i || '@instances.example', 'Person ' || i, 'US', 'North America', 'active', 'bench'
    from generate_series(1, ${PANELISTS}) i`;
  const wave = await createWave({
    slug: "two-instances",
    title: "Two instances",
    panelId: panel.id,
    questionnaireVersionId: version.id,
    segment: EMPTY_SEGMENT,
    opensAt: new Date(Date.now() - 60_000),
  });
  const { key } = await createApiKey("instances", "editor", { label: "instances script" });

  await harness.startApp();
  const a = harness.base;
  const second = await harness.startInstance();
  const b = second.base;
  console.log(`Instance A ${a}, instance B ${b}, one database, one SMTP server; ${PANELISTS} panelists.`);

  console.log("\n1. Invitations requested on both instances at once, three times each");
  const send = (base: string) =>
    fetch(`${base}/api/v1/waves/${wave.slug}/invitations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ send: true }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { invited?: number; emailsQueued?: number } }));
  const answers = await Promise.all([a, b, a, b, a, b].map(send));
  check(
    answers.every((x) => x.status === 200),
    `every request answered 200 (${answers.map((x) => x.status).join(", ")})`,
  );
  const invited = answers.reduce((s, x) => s + (x.body.invited ?? 0), 0);
  const queued = answers.reduce((s, x) => s + (x.body.emailsQueued ?? 0), 0);
  check(
    invited === PANELISTS && queued === PANELISTS,
    `${invited} invitations made and ${queued} emails queued in all, one per panelist`,
  );
  await smtp.waitFor(PANELISTS, 60_000);
  await sleep(3000); // a duplicate would arrive now
  const recipients = smtp.received.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address ?? "");
  check(smtp.received.length === PANELISTS, `the SMTP server received ${smtp.received.length} emails`);
  check(
    new Set(recipients).size === PANELISTS,
    `${new Set(recipients).size} different recipients: nobody was mailed twice`,
  );
  const [byWorker] = await sql<{ sent: number }[]>`select count(*)::int as sent from emails where status = 'sent'`;
  check(byWorker?.sent === PANELISTS, `${byWorker?.sent} emails marked sent in the database`);

  console.log("\n2. One respondent, moving between instances mid-survey");
  const link = /\/s\/([A-Za-z0-9_-]{20,})/.exec(smtp.received[0]?.text ?? "")?.[1];
  if (!link) throw new Error("no personal link in the first email");
  const post = (base: string, body: object) =>
    fetch(`${base}/s/${link}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  const firstPage = await fetch(`${a}/s/${link}`);
  check(firstPage.status === 200, `A shows the questionnaire (${firstPage.status})`);
  const saved = await post(a, { data: { offerToday: "yes" }, complete: false, page: 1 });
  check(saved.status === 200, `A saves the first page (${saved.status})`);
  const resumed = await (await fetch(`${b}/s/${link}`)).text();
  const [partial] = await sql<{ status: string; currentPage: number; data: Record<string, unknown> }[]>`
    select r.status, r.current_page, r.data from responses r join invitations i on i.id = r.invitation_id where i.wave_id = ${wave.id}`;
  check(
    partial?.status === "partial" && partial.currentPage === 1 && partial.data.offerToday === "yes",
    "the saved page is in the database, for any instance to read",
  );
  check(resumed.includes("Welcome back"), 'B resumes it ("Welcome back…")');
  const data: Record<string, unknown> = {
    ...answerGenerator(version.definition as Record<string, unknown>, seeded(11))(),
    offerToday: "yes",
  };
  delete data.careerTopThree; // shown only when offerToday is "no"
  // As the page posts it (its language and the version it shows).
  const done = await post(b, { data, complete: true, submissionId: randomUUID(), language: "en", version: version.id });
  check(
    done.status === 200,
    `B accepts the completion (${done.status}${done.status === 200 ? "" : `: ${await done.text()}`})`,
  );
  const again = await post(a, {
    data,
    complete: true,
    submissionId: randomUUID(),
    language: "en",
    version: version.id,
  });
  check(again.status === 409, `A refuses a second completion of the used link (${again.status})`);
  const rows = await sql<{ status: string; data: Record<string, unknown> }[]>`
    select r.status, r.data from responses r join invitations i on i.id = r.invitation_id where i.wave_id = ${wave.id}`;
  check(
    rows.length === 1 && rows[0]?.status === "complete" && isDeepStrictEqual(rows[0].data, data),
    `one complete response stored (${rows.length} rows)`,
  );

  await second.stop();
  await harness.close();
  await smtp.close();
  if (failures.length) {
    console.error(`\n${failures.length} check(s) failed:\n- ${failures.join("\n- ")}`);
    process.exit(1);
  }
  console.log(
    "\nTwo instances: mail went out once, and the respondent moved between instances without losing an answer.",
  );
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
