// npm run bench:publish [-- --runs 3 --sizes 300,1058,1000,10000]
//
// The cost of the disclosure engine (issue 21): the time to protect a publication of the 2024
// questionnaire (the demo's) with answers from the demo's generator, counted in memory, by region and
// by role; and how many figures it withholds against the baseline that only hides small cells
// (primary-only). 1,058 is the demo's size. Prints a table (medians and worst over the runs), then
// one JSON line.
import { readFileSync } from "node:fs";
import path from "node:path";
import { seededRandom, syntheticResponses } from "~/lib/demo";
import { resultFigures, type ResultFigures } from "~/results/figures";
import { syntheticInput } from "../../harness/synthetic-wave";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const runs = Number(arg("runs", "3"));
const sizes = arg("sizes", "300,1058,1000,10000").split(",").map(Number);
const definition = JSON.parse(
  readFileSync(path.resolve("survey-definitions", "for-credit-micro-credentials-2024.json"), "utf8"),
) as object;

/** Shown and withheld counts over every table (whole and groups), bases and cells. */
function tally(f: ResultFigures): { shown: number; withheld: number } {
  let shown = 0;
  let withheld = 0;
  for (const q of f.questions)
    for (const item of q.items)
      for (const t of [item.whole, ...Object.values(item.groups).flat()])
        for (const x of [t.base, ...t.cells.map((c) => c.count)]) {
          if (x === null) withheld++;
          else shown++;
        }
  return { shown, withheld };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: Record<string, unknown>[] = [];
for (const size of sizes) {
  const respondents = syntheticResponses(seededRandom(2024), size).map((r) => ({
    region: r.region,
    role: r.roleCategory,
    verified: false,
    data: r.data,
  }));
  const input = syntheticInput(respondents, 5, true, definition);
  const times: number[] = [];
  let ours: ReturnType<typeof tally> = { shown: 0, withheld: 0 };
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    ours = tally(resultFigures(input).figures);
    times.push(performance.now() - started);
  }
  const baseline = tally(resultFigures({ ...input, primaryOnly: true }).figures);
  const row = {
    respondents: size,
    medianMs: Math.round(median(times)),
    worstMs: Math.round(Math.max(...times)),
    shown: ours.shown,
    withheld: ours.withheld,
    withheldPrimaryOnly: baseline.withheld,
    moreWithheld: ours.withheld - baseline.withheld,
  };
  rows.push(row);
  console.log(
    `${String(size).padStart(6)} respondents: protect ${row.medianMs} ms median, ${row.worstMs} ms worst (${runs} runs); ` +
      `${row.shown} figures shown, ${row.withheld} withheld (${row.withheldPrimaryOnly} when only small cells are hidden: +${row.moreWithheld})`,
  );
}
console.log(JSON.stringify({ bench: "publish", runs, rows }));
