// npm run bench:sign-in-link [-- --rounds 200]: how long "Email me a sign-in link" (POST /me,
// intent=request-link) takes for an address that is a member's and for one that is nobody's, measured
// around the route's action, alternating the two. Issue 23 saw 17.6 vs 13.7 ms (medians): the answer's
// time told whether someone is on a panel. Prints each median and their difference.
import { sql } from "~/db.server";
import { stopBoss } from "~/jobs.server";
import { ensurePanel } from "~/models/panel.server";
import * as membership from "~/flows/membership.server";
import { action } from "~/routes/me._index";
import { fmt, scratchDatabase } from "../../harness/scratch-database";

const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1]) || 200;
process.env.QUORUM_SECRET ??= "benchmark-secret-benchmark-secret-benchmark";
const db = await scratchDatabase("quorum_bench_signin");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
// Background work the answer no longer waits for (when the flow has it), so rounds do not overlap.
const settled = (membership as { signInRequestsDone?: () => Promise<void> }).signInRequestsDone ?? (async () => {});

async function ask(email: string, i: number): Promise<number> {
  const request = new Request("http://localhost/me", {
    method: "POST",
    headers: { Host: "localhost", "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "request-link", email }),
  });
  // Each ask from its own address: the per-network limit is not what is measured.
  const context = { clientIp: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
  const t0 = performance.now();
  const result = await action({ request, params: {}, context });
  const ms = performance.now() - t0;
  if (!result || typeof result !== "object" || !("sent" in result) || result.sent !== true)
    throw new Error(`The ask for ${email} was not answered "sent": ${JSON.stringify(result)}`);
  await settled();
  return ms;
}

try {
  const panel = await ensurePanel({ slug: "bench-signin", name: "Bench sign-in" });
  await sql`
    insert into panelists (panel_id, email, name, country, region, status, source)
    select ${panel.id}, 'member' || i || '@bench.example', 'Member ' || i, 'US', 'North America', 'active', 'bench'
    from generate_series(1, ${rounds + 20}) i`;
  const member: number[] = [];
  const stranger: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    await ask(`member${rounds + i + 1}@bench.example`, 2 * i); // warm-up, not counted
    await ask(`warm${i}@nobody.example`, 2 * i + 1);
  }
  for (let i = 0; i < rounds; i += 1) {
    member.push(await ask(`member${i + 1}@bench.example`, 1000 + 2 * i));
    stranger.push(await ask(`stranger${i}@nobody.example`, 1001 + 2 * i));
  }
  const [mails] = await sql<{ n: number }[]>`select count(*)::int as n from emails where kind = 'sign-in'`;
  const m = median(member);
  const s = median(stranger);
  console.log(`\n"Email me a sign-in link", ${rounds} asks each (median of the route's action):`);
  console.log(`  a member's address:  ${fmt(m)}`);
  console.log(`  nobody's address:    ${fmt(s)}`);
  console.log(`  difference:          ${fmt(Math.abs(m - s))}; sign-in emails recorded: ${mails?.n}\n`);
  console.log(
    JSON.stringify({
      bench: "sign-in-link",
      rounds,
      memberMedianMs: Number(m.toFixed(2)),
      strangerMedianMs: Number(s.toFixed(2)),
      emails: mails?.n,
    }),
  );
} finally {
  await settled();
  await stopBoss();
  await db.drop();
}
