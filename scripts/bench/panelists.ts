// npm run bench:panelists [-- --panelists 100000]: the admin's panelist list, filters and counts at scale.
import { sql } from "~/db.server";
import { ensurePanel } from "~/models/panel.server";
import { listPanelists, panelCounts } from "~/models/panelist.server";
import { fmt, scratchDatabase, time } from "../../harness/scratch-database";

const n = Number(process.argv[process.argv.indexOf("--panelists") + 1]) || 100_000;
const db = await scratchDatabase("quorum_bench_panelists");
try {
  const panel = await ensurePanel({ slug: "bench", name: "Bench" });
  const t0 = performance.now();
  // Realistic spread: 40 countries over the seven regions, nine organisation types, eleven roles, 3% not active.
  await sql`
    insert into panelists (panel_id, email, name, job_title, role_category, organisation, organisation_type, country, region, status, source)
    select ${panel.id},
      'person' || i || '@org' || (i % 5000) || '.example',
      (array['Ana','Ben','Chen','Dara','Elif','Femi','Grace','Hugo','Ines','Jomo','Kiri','Lena'])[1 + i % 12] || ' ' ||
        (array['Alvarez','Brennan','Castro','Dlamini','Eriksen','Fontaine','Gupta','Haddad','Ibarra','Jensen','Okafor'])[1 + (i / 12) % 11],
      'Director',
      (array['president','provost','dean','digital-leader','strategy','online-learning','student-services','industry-executive','edtech-executive','policy-maker','other'])[1 + i % 11],
      'Organisation ' || (i % 5000),
      (array['public-university','private-university','community-college','online-provider','other-he','industry','edtech','government','association'])[1 + (i / 7) % 9],
      c.code, c.region,
      case when i % 33 = 0 then 'unsubscribed' else 'active' end,
      'bench'
    from generate_series(1, ${n}) as i
    cross join lateral (select (array[
      'US','US','US','US','US','US','CA','CA','MX','BR','CL','CO','AR','PE','GB','DE','FR','ES','IT','PL','KZ','TR',
      'AE','SA','EG','MA','NG','KE','ZA','GH','IN','IN','PK','BD','AU','NZ','SG','PH','MY','JP'])[1 + (i * 7919) % 40] as code) k
    cross join lateral (select case
      when k.code in ('US','CA') then 'North America'
      when k.code in ('MX','BR','CL','CO','AR','PE') then 'Latin America & Caribbean'
      when k.code in ('GB','DE','FR','ES','IT','PL','KZ','TR') then 'Europe & Central Asia'
      when k.code in ('AE','SA','EG','MA') then 'Middle East & North Africa'
      when k.code in ('NG','KE','ZA','GH') then 'Sub-Saharan Africa'
      when k.code in ('IN','PK','BD') then 'South Asia'
      else 'East Asia & Pacific' end as region, k.code) c`;
  await sql`vacuum analyze panelists`;
  const loadMs = performance.now() - t0;

  const cases: [string, () => Promise<unknown>][] = [
    ["list, page 1", () => listPanelists(panel.id, {}, 1)],
    ["list, page 1000", () => listPanelists(panel.id, {}, 1000)],
    ['search "okafor"', () => listPanelists(panel.id, { q: "okafor" }, 1)],
    ['search "person4242"', () => listPanelists(panel.id, { q: "person4242" }, 1)],
    ["filter region", () => listPanelists(panel.id, { region: "South Asia" }, 1)],
    [
      "filter country + type",
      () => listPanelists(panel.id, { country: "CL", organisationType: "private-university" }, 1),
    ],
    ["filter status", () => listPanelists(panel.id, { status: "unsubscribed" }, 1)],
    ["counts by region and status", () => panelCounts(panel.id)],
    [
      "segment count (region + role, active)",
      () =>
        sql`select count(*) from panelists where panel_id = ${panel.id} and status = 'active' and region = any(${["North America", "Europe & Central Asia"]}) and role_category = any(${["president", "provost"]})`,
    ],
  ];
  const results: Record<string, number> = {};
  console.log(`\n${n.toLocaleString("en")} panelists loaded in ${fmt(loadMs)}. Median of 15 runs each:\n`);
  console.log("query".padEnd(42) + "median".padStart(12) + "min".padStart(12) + "max".padStart(12));
  for (const [name, fn] of cases) {
    const r = await time(15, fn);
    results[name] = Number(r.median.toFixed(2));
    console.log(name.padEnd(42) + fmt(r.median).padStart(12) + fmt(r.min).padStart(12) + fmt(r.max).padStart(12));
  }
  const worst = Math.max(...Object.values(results));
  console.log(`\nSlowest median: ${fmt(worst)} (target < 100 ms).`);
  console.log(JSON.stringify({ bench: "panelists", panelists: n, medianMs: results, worstMedianMs: worst }));
} finally {
  await db.drop();
}
