// npm run bench:results [-- --responses 1000000] [--no-build]
//
// Loads synthetic completed responses to the 2024 questionnaire (seven regions in a HolonIQ-like mix,
// skewed answers that differ by region) with COPY, then times, on the same rows:
//   scan       a bare sequential scan: count(*) and sum(length(data::text))
//   results    a full recount: every question, every option, by profile cell (the generated query)
//   node       the reference the issue names: every row streamed into Node and counted there
//   roll-up    the first roll-up (a full recount that is stored)
//   live       live results as an admin opens them: the roll-up plus 500 responses completed since
//   snapshot   building a publication snapshot (all three breakdowns) from the same counts
//   published  the published page: reading its stored snapshot, and GET /results/:slug on the app,
//              at 10,000 responses and again at the full count
// Prints a table and, last, one JSON line.
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "~/db.server";
import { regionOf } from "~/lib/panel";
import { ensurePanel } from "~/models/panel.server";
import { draftSnapshot, publish } from "~/flows/publish.server";
import { currentPublication } from "~/models/publication.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { createWave, type Wave } from "~/models/wave.server";
import { questionSpecs } from "~/results/questions";
import { countingFor, readAll, rollUp } from "~/results/rollup.server";
import { computeResults, liveFigures } from "~/results/results.server";
import { surveysDir } from "../../server/bootstrap";
import { createHarness, option } from "../../harness/scratch-app";
import { answerGenerator, seeded } from "../../harness/generated-answers";

const N = option("responses", 100_000);
const FIRST = Math.min(10_000, N);

// Shares of respondents by region (the HolonIQ panel: 55% North America, 18% East Asia & Pacific…),
// a few countries each, and how strongly answers lean to the first choices there.
const MIX: { region: string; share: number; countries: string[]; skew: number }[] = [
  { region: "North America", share: 0.55, countries: ["US", "US", "US", "CA"], skew: 0.6 },
  { region: "East Asia & Pacific", share: 0.18, countries: ["AU", "NZ", "SG", "JP", "CN", "PH"], skew: 0.3 },
  { region: "Europe & Central Asia", share: 0.13, countries: ["GB", "DE", "FR", "NL", "ES", "PL", "TR"], skew: 0.2 },
  { region: "Latin America & Caribbean", share: 0.06, countries: ["MX", "BR", "CL", "CO", "AR"], skew: 0.1 },
  { region: "South Asia", share: 0.04, countries: ["IN", "PK", "BD"], skew: 0.4 },
  { region: "Sub-Saharan Africa", share: 0.025, countries: ["NG", "KE", "ZA", "GH"], skew: 0 },
  { region: "Middle East & North Africa", share: 0.015, countries: ["AE", "SA", "EG"], skew: 0.5 },
];
const TYPES = [
  "public-university",
  "public-university",
  "private-university",
  "community-college",
  "online-provider",
  "industry",
  "edtech",
  "government",
  "association",
];
const ROLES = [
  "president",
  "provost",
  "provost",
  "dean",
  "digital-leader",
  "strategy",
  "online-learning",
  "industry-executive",
  "edtech-executive",
  "other",
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
async function timed(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

/** COPY text format: backslash, tab and line breaks escaped; \N is null. */
const field = (v: string | null) =>
  v === null ? "\\N" : v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");

export async function load(wave: Wave, definition: Record<string, unknown>, from: number, to: number) {
  const random = seeded(7 + from);
  const generate = answerGenerator(definition, random);
  const stream = await sql`
    copy responses (wave_id, questionnaire_version_id, status, data, source, country, region, organisation_type, role_category, organisation, started_at, completed_at)
    from stdin`.writable();
  const started = new Date(Date.now() - 3_600_000).toISOString();
  async function* lines() {
    let batch = "";
    for (let i = from; i < to; i++) {
      let r = random();
      const place = MIX.find((m) => (r -= m.share) < 0) ?? (MIX[0] as (typeof MIX)[number]);
      const country = place.countries[Math.floor(random() * place.countries.length)] as string;
      const data = generate(place.skew);
      data.country = country; // the answer agrees with the profile
      const type = TYPES[Math.floor(random() ** 1.3 * TYPES.length)] as string;
      const role = ROLES[Math.floor(random() * ROLES.length)] as string;
      // About one organisation for every three respondents, some much larger than others.
      const organisation = `Institution ${Math.floor(random() ** 2 * (N / 3))} (${country})`;
      const completed = new Date(Date.now() - Math.floor(random() * 3_000_000)).toISOString();
      batch +=
        [
          wave.id,
          wave.questionnaireVersionId,
          "complete",
          field(JSON.stringify(data)),
          "import",
          country,
          regionOf(country) ?? place.region,
          type,
          role,
          field(organisation),
          started,
          completed,
        ].join("\t") + "\n";
      if (batch.length > 1 << 20) {
        yield batch;
        batch = "";
      }
    }
    if (batch) yield batch;
  }
  await pipeline(lines(), stream as unknown as Writable);
}

async function main() {
  const harness = await createHarness(
    "results",
    { QUORUM_DEMO: "0", QUORUM_WORKER: "0" },
    "results-bench-secret-results-bench-secret-xx",
  );
  await syncQuestionnaires(surveysDir);
  const version = await getCurrentVersion("for-credit-micro-credentials-2024");
  if (!version) throw new Error("the 2024 questionnaire is missing");
  const definition = version.definition as Record<string, unknown>;
  const panel = await ensurePanel({ slug: "results-bench", name: "Results bench" });
  const wave = await createWave({
    slug: "results-bench",
    title: "Results bench",
    panelId: panel.id,
    questionnaireVersionId: version.id,
    minGroupSize: 10,
    audience: "public",
  });
  const actor = { label: "bench" };
  const page = `${harness.base}/results/${wave.slug}`;

  const publishedPage = async () => {
    const read = await timed(20, () => currentPublication(wave.id));
    for (let i = 0; i < 20; i++) await (await fetch(page)).text(); // warm (V8 optimises the render after a few)
    const get = await timed(30, async () => {
      const res = await fetch(page);
      if (res.status !== 200) throw new Error(`GET ${page}: ${res.status}`);
      await res.text();
    });
    return { read, get };
  };

  let t = performance.now();
  await load(wave, definition, 0, FIRST);
  console.log(`Loaded ${FIRST} responses in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await publish(wave, actor);
  await harness.startApp();
  const at10k = await publishedPage();

  t = performance.now();
  for (let from = FIRST; from < N; from += 100_000) await load(wave, definition, from, Math.min(N, from + 100_000));
  const loadS = (performance.now() - t) / 1000;
  console.log(`Loaded ${N - FIRST} more responses with COPY in ${loadS.toFixed(1)} s; vacuum analyze…`);
  await sql.unsafe("vacuum (analyze) responses");
  await sql`delete from result_rollup_marks where wave_id = ${wave.id}`; // the 10k roll-up made while publishing

  const scope = sql`wave_id = ${wave.id} and questionnaire_version_id = ${version.id} and status = 'complete'`;
  await sql`select count(*), sum(length(data::text)) from responses where ${scope}`; // warm the cache alike for all
  const scanMs = await timed(3, () => sql`select count(*), sum(length(data::text)) from responses where ${scope}`);
  console.log(`scan ${scanMs.toFixed(0)} ms`);

  // A full recount from the rows, every question and option by profile cell, then shaped by region:
  // what opening results would cost with no roll-up.
  const specs = questionSpecs(definition).filter((q) => q.name !== "consentToQuote");
  const counting = countingFor(specs);
  const { query } = counting;
  const resultsMs = await timed(3, async () => {
    const counted = await readAll(wave.id, version.id, query);
    const r = await liveFigures({ wave, counting, counted, invited: 0 }, "region");
    if (r.respondents !== N) throw new Error(`counted ${r.respondents}, expected ${N}`);
  });
  console.log(`full recount ${resultsMs.toFixed(0)} ms`);

  // The reference: stream every row into Node and count each question and option by region there.
  t = performance.now();
  const counts = new Map<string, number>();
  const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  let streamed = 0;
  await sql`select region, data from responses where ${scope}`.cursor(2000, (rows) => {
    for (const row of rows as unknown as { region: string; data: Record<string, unknown> }[]) {
      streamed++;
      for (const s of specs) {
        const v = row.data[s.name];
        if (v === undefined || v === null || v === "") continue;
        for (const group of ["", row.region]) {
          bump(`${group}|${s.name}`);
          if (Array.isArray(v)) for (const x of v) bump(`${group}|${s.name}|${String(x)}`);
          else if (typeof v === "object")
            for (const [k, x] of Object.entries(v)) bump(`${group}|${s.name}|${k}|${String(x)}`);
          else bump(`${group}|${s.name}|${String(v)}`);
        }
      }
    }
  });
  const nodeMs = performance.now() - t;
  if (streamed !== N) throw new Error(`streamed ${streamed}`);
  console.log(`counting in Node ${nodeMs.toFixed(0)} ms`);

  await sql`delete from result_rollup_marks where wave_id = ${wave.id}`;
  t = performance.now();
  await rollUp(wave.id, version.id, counting);
  const rollUpMs = performance.now() - t;
  await load(wave, definition, N, N + 500); // completed since the roll-up: read from their rows
  const liveMs = await timed(5, async () => {
    const r = await computeResults(wave, "region");
    if (r.respondents !== N + 500) throw new Error(`live results counted ${r.respondents}, expected ${N + 500}`);
  });
  console.log(`live results ${liveMs.toFixed(0)} ms`);
  const snapshotMs = await timed(3, () => draftSnapshot(wave));
  await publish(wave, actor);
  const atN = await publishedPage();
  await harness.close();

  const rows: [string, string][] = [
    ["responses", N.toLocaleString("en")],
    ["bare scan (count, sum of lengths)", `${scanMs.toFixed(0)} ms`],
    [
      "full recount, every question by region",
      `${resultsMs.toFixed(0)} ms  (ratio ${(resultsMs / scanMs).toFixed(2)} of the scan)`,
    ],
    ["counting in Node (rows streamed)", `${nodeMs.toFixed(0)} ms`],
    ["first roll-up", `${rollUpMs.toFixed(0)} ms`],
    [
      "live results (roll-up + 500 new)",
      `${liveMs.toFixed(0)} ms  (${(nodeMs / liveMs).toFixed(0)}× faster than Node)`,
    ],
    ["publication snapshot (3 breakdowns)", `${snapshotMs.toFixed(0)} ms`],
    [
      `published page data, ${FIRST.toLocaleString("en")} / ${N.toLocaleString("en")}`,
      `${at10k.read.toFixed(1)} / ${atN.read.toFixed(1)} ms`,
    ],
    [
      `GET /results/:slug, ${FIRST.toLocaleString("en")} / ${N.toLocaleString("en")}`,
      `${at10k.get.toFixed(1)} / ${atN.get.toFixed(1)} ms`,
    ],
  ];
  console.log("\nResults of the 2024 questionnaire (medians; scan and recount of 3 runs, live of 5, pages of 30)");
  for (const [k, v] of rows) console.log(`  ${k.padEnd(40)} ${v}`);
  const r1 = (x: number) => Number(x.toFixed(1));
  console.log(
    JSON.stringify({
      bench: "results",
      responses: N,
      scanMs: r1(scanMs),
      resultsMs: r1(resultsMs),
      ratio: r1(resultsMs / scanMs),
      nodeMs: r1(nodeMs),
      rollUpMs: r1(rollUpMs),
      liveMs: r1(liveMs),
      liveVsNode: r1(nodeMs / liveMs),
      snapshotMs: r1(snapshotMs),
      publishedPageMs: r1(atN.get),
      publishedPageMsAt10k: r1(at10k.get),
      publishedDataMs: r1(atN.read),
      loadSeconds: r1(loadS),
    }),
  );
  process.exit(0);
}

if (!process.env.BENCH_IMPORT) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
