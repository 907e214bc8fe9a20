// npm run bench:publish [-- --runs 3 --sizes 300,1058,1000,10000 --attack-waves 6]
//
// The cost of the disclosure engine (issue 21): the time to protect a publication of the 2024
// questionnaire (the demo's) with answers from the demo's generator, counted in memory, by region and
// by role; and how many figures it withholds against the baseline that only hides small cells
// (primary-only). 1,058 is the demo's size. Then the independent attacker's waves (seed 21: its
// questionnaire with every condition form, its answers, by region, role and organisation type; the
// first could not be published within the figure thread's two minutes before issue 21's round 2).
// Prints a table (medians and worst over the runs, and the work units of ../../app/results/disclosure/work.ts, the
// same in every run or the bench fails), then one JSON line.
import { readFileSync } from "node:fs";
import path from "node:path";
import { seededRandom, syntheticResponses } from "~/lib/demo";
import { lastProtectionWork } from "~/results/disclosure/book";
import { resultFigures, type ResultFigures } from "~/results/figures";
import { regionOf } from "~/lib/panel";
import { syntheticInput, type SyntheticRespondent } from "../../harness/synthetic-wave";
import {
  answersFor,
  attackPlans,
  attackQuestionnaire,
  attackSkews,
  Draw,
  ORG_TYPES,
  ROLES,
} from "../independent-attack/questionnaire";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const runs = Number(arg("runs", "3"));
const sizes = arg("sizes", "300,1058,1000,10000").split(",").filter(Boolean).map(Number);
const attackWaves = Number(arg("attack-waves", "6"));
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
/** The attacker's waves as scripts/attack-independent.ts fields them (same seed, same draws, in the same order). */
function attackerWaves(): { label: string; k: number; respondents: SyntheticRespondent[] }[] {
  let state = 21;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const draw = new Draw(random);
  const questionnaire = attackQuestionnaire();
  return attackPlans(random, draw, attackWaves).map((plan, index) => {
    const respondents: SyntheticRespondent[] = [];
    for (const [country, count] of plan.countries)
      for (let i = 0; i < count; i++) {
        const profile = { country, organisationType: draw.pick(ORG_TYPES, 1.5), roleCategory: draw.pick(ROLES, 1.4) };
        const data = answersFor(questionnaire, profile, draw, attackSkews(index));
        respondents.push({
          region: regionOf(country) ?? "Unknown",
          role: profile.roleCategory,
          organisationType: profile.organisationType,
          verified: true,
          data,
        });
      }
    return { label: `attack wave ${index} (k = ${plan.k})`, k: plan.k, respondents };
  });
}

const waves = [
  ...sizes.map((size) => ({
    label: String(size),
    k: 5,
    definition,
    respondents: syntheticResponses(seededRandom(2024), size).map((r) => ({
      region: r.region,
      role: r.roleCategory,
      verified: false,
      data: r.data,
    })),
  })),
  ...attackerWaves().map((w) => ({ ...w, definition: attackQuestionnaire() })),
];
for (const wave of waves) {
  const size = wave.respondents.length;
  const input = syntheticInput(wave.respondents, wave.k, true, wave.definition);
  const times: number[] = [];
  let ours: ReturnType<typeof tally> = { shown: 0, withheld: 0 };
  let work = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const now = tally(resultFigures(input).figures);
    times.push(performance.now() - started);
    // Budgets are counted in work, not time: every run must come out the same, however loaded the machine.
    if (i > 0 && (now.shown !== ours.shown || lastProtectionWork() !== work))
      throw new Error(`${wave.label}: run ${i + 1} differs (${now.shown} shown, ${lastProtectionWork()} units)`);
    ours = now;
    work = lastProtectionWork();
  }
  const baseline = tally(resultFigures({ ...input, primaryOnly: true }).figures);
  const row = {
    wave: wave.label,
    respondents: size,
    medianMs: Math.round(median(times)),
    worstMs: Math.round(Math.max(...times)),
    work,
    shown: ours.shown,
    withheld: ours.withheld,
    withheldPrimaryOnly: baseline.withheld,
    moreWithheld: ours.withheld - baseline.withheld,
  };
  rows.push(row);
  console.log(
    `${wave.label.padEnd(22)} ${String(size).padStart(6)} respondents: protect ${row.medianMs} ms median, ${row.worstMs} ms worst (${runs} runs), ${work} work units; ` +
      `${row.shown} figures shown, ${row.withheld} withheld (${row.withheldPrimaryOnly} when only small cells are hidden: +${row.moreWithheld})`,
  );
}
console.log(JSON.stringify({ bench: "publish", runs, rows }));
