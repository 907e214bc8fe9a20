// npm run bench:send [-- --invitations 10000]: inviting a segment and enqueuing one email job per person.
import { sql } from "~/db.server";
import { stopBoss } from "~/jobs.server";
import { EMPTY_SEGMENT } from "~/lib/panel";
import { invite, sendInvitations } from "~/flows/fieldwork.server";
import { ensurePanel } from "~/models/panel.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { createWave } from "~/models/wave.server";
import { surveysDir } from "../../server/bootstrap";
import { fmt, scratchDatabase } from "../../harness/scratch-database";

const n = Number(process.argv[process.argv.indexOf("--invitations") + 1]) || 10_000;
process.env.QUORUM_SECRET ??= "benchmark-secret-benchmark-secret-benchmark";
const db = await scratchDatabase("quorum_bench_send");
try {
  await syncQuestionnaires(surveysDir);
  const panel = await ensurePanel({ slug: "bench-send", name: "Bench send" });
  await sql`
    insert into panelists (panel_id, email, name, country, region, status, source)
    select ${panel.id}, 'person' || i || '@bench.example', 'Person ' || i, 'US', 'North America', 'active', 'bench'
    from generate_series(1, ${n}) i`;
  const version = await getCurrentVersion("for-credit-micro-credentials-2024");
  const wave = await createWave({
    slug: "bench-send",
    title: "Bench",
    panelId: panel.id,
    questionnaireVersionId: version!.id,
    segment: EMPTY_SEGMENT,
  });
  const actor = { label: "bench" };

  const t0 = performance.now();
  const invited = await invite(wave, actor);
  const t1 = performance.now();
  const sent = await sendInvitations(wave, actor);
  const t2 = performance.now();
  const again = await sendInvitations(wave, actor);
  const t3 = performance.now();
  const [jobs] = await sql<{ n: number }[]>`select count(*)::int as n from pgboss.job where name = 'send-email'`;

  console.log(`\nSending a wave to ${n.toLocaleString("en")} active panelists:`);
  console.log(`  invitations created:         ${invited.created.toLocaleString("en")} in ${fmt(t1 - t0)}`);
  console.log(`  emails rendered, recorded and enqueued: ${sent.queued.toLocaleString("en")} in ${fmt(t2 - t1)}`);
  console.log(
    `  total:                       ${fmt(t2 - t0)} (target < 10 s); delivery is then the SMTP server's pace`,
  );
  console.log(
    `  sending again:               ${again.queued} emails in ${fmt(t3 - t2)}; jobs in the queue: ${jobs?.n}\n`,
  );
  console.log(
    JSON.stringify({
      bench: "send",
      invitations: invited.created,
      enqueued: sent.queued,
      inviteMs: Math.round(t1 - t0),
      enqueueMs: Math.round(t2 - t1),
      totalMs: Math.round(t2 - t0),
      secondSend: again.queued,
      jobs: jobs?.n,
    }),
  );
} finally {
  await stopBoss();
  await db.drop();
}
