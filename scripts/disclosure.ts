// npm run test:disclosure [-- --no-build --waves N --seed S --report-only]
//
// The disclosure attacks, one after the other, with the same options: the one of issue 14
// (attack-disclosure.ts), the independent one of issue 21 (attack-independent.ts), which shares
// nothing with the engine it attacks, and the series attack of issue 28 (attack-series.ts: the change
// among the same people of two and three waves differing by 1..k-1 people, also engine-free). Fails
// when any fails (CI runs it). `--report-only` only affects the independent attack (it reports
// disclosures and faults without failing).
import { spawnSync } from "node:child_process";
import path from "node:path";

const args = process.argv.slice(2);
const here = path.dirname(new URL(import.meta.url).pathname);
let failed = false;
const times: string[] = [];
const started = Date.now();
for (const [i, script] of ["attack-disclosure.ts", "attack-independent.ts", "attack-series.ts"].entries()) {
  // The first attack builds the app (unless told not to); the second runs the same build.
  const own = i > 0 && !args.includes("--no-build") ? [...args, "--no-build"] : args;
  const t0 = Date.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(here, script), ...own], { stdio: "inherit" });
  times.push(`${script} ${((Date.now() - t0) / 1000).toFixed(0)} s${run.status === 0 ? "" : " (failed)"}`);
  if (run.status !== 0) {
    console.error(`${script} failed (exit ${run.status ?? run.signal})`);
    failed = true;
  }
}
// Time per phase, so a slow CI run says which attack it spent it on.
console.log(`\ntest:disclosure: ${times.join(", ")}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
process.exit(failed ? 1 : 0);
