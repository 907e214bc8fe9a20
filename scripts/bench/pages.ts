// npm run bench:pages [-- --loads 5]
//
// In Chromium on localhost: the JS and CSS each page downloads (gzip), how long until it can be
// used, and whether the published results read with JavaScript turned off. The survey page's JS is
// compared with a reference measured in the same run: SurveyJS (survey-core + survey-react-ui)
// and React (react + react-dom), minified and gzipped, plus the 30 KB the issue allows.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";
import { sql } from "~/db.server";
import { tokenFor } from "~/models/invitation.server";
import { publish } from "~/flows/publish.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { completeInvitationResponse } from "~/models/response.server";
import { getWaveBySlug } from "~/models/wave.server";
import { root } from "../../server/bootstrap";
import { createHarness, option, textOption } from "../../harness/scratch-app";
import { answerGenerator, seeded } from "../../harness/generated-answers";
import { measureReportPage } from "./report-page";
import {
  measureRespondentPage,
  respondentRow,
  SLOW_PHONE,
  UNTHROTTLED,
  type RespondentFigures,
} from "./respondent-page";

const LOADS = option("loads", 5);
const REQUESTS = option("requests", 50);
/** `--only respondent`: the respondent page on a slow phone and unthrottled, nothing else. */
const ONLY = textOption("only");
const gz = (bytes: Buffer | string) => gzipSync(bytes).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function chromiumPath(): string | undefined {
  return (
    process.env.CHROMIUM_PATH ??
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => {
      try {
        readFileSync(p);
        return true;
      } catch {
        return false;
      }
    })
  );
}

/** Loads a page with an empty cache and measures what it fetched and when it became usable. */
async function measure(page: Page, url: string, ready: (page: Page) => Promise<unknown>) {
  const assets = new Map<string, { type: string; gzip: number }>();
  page.on("response", async (res) => {
    const type = res.request().resourceType();
    if (type !== "script" && type !== "stylesheet") return;
    try {
      assets.set(res.url(), { type, gzip: gz(await res.body()) });
    } catch {
      // a body Chromium no longer holds
    }
  });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: "load" });
  await ready(page);
  const usable = Date.now() - t0;
  await page.waitForLoadState("networkidle");
  const js = [...assets.values()].filter((a) => a.type === "script").reduce((s, a) => s + a.gzip, 0);
  const css = [...assets.values()].filter((a) => a.type === "stylesheet").reduce((s, a) => s + a.gzip, 0);
  return { usable, js, css, files: assets.size };
}

async function main() {
  const harness = await createHarness(
    "pages",
    { QUORUM_DEMO: "1", QUORUM_WORKER: "0" },
    "pages-bench-secret-pages-bench-secret-xxxxxxx",
  );
  await harness.startApp(); // seeds the demo panel and waves
  const wave = await getWaveBySlug("for-credit-micro-credentials-2024");
  const version = await getCurrentVersion("for-credit-micro-credentials-2024");
  if (!wave || !version) throw new Error("the demo wave is missing");
  // Enough answers for figures above the minimum group size, then a public publication.
  const generate = answerGenerator(version.definition as Record<string, unknown>, seeded(7));
  const invitations = await sql<
    { id: number; panelistId: number }[]
  >`select id, panelist_id from invitations where wave_id = ${wave.id} order by id limit 40`;
  for (const inv of invitations.slice(1))
    await completeInvitationResponse({
      invitationId: inv.id,
      versionId: version.id,
      data: generate(),
      submissionId: null,
    });
  await sql`update waves set audience = 'public' where id = ${wave.id}`;
  await publish((await getWaveBySlug(wave.slug))!, { label: "bench" });
  const surveyUrl = `${harness.base}/s/${tokenFor(wave.id, (invitations[0] as { panelistId: number }).panelistId)}`;
  const resultsUrl = `${harness.base}/results/${wave.slug}`;

  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox"] });
  // The respondent page on a slow phone: a fresh personal link for every cold load (nothing saved yet).
  const RESPONDENT_LOADS = option("phone-loads", 3);
  const fresh = await sql<{ panelistId: number }[]>`
    select panelist_id from invitations where wave_id = ${wave.id} and used_at is null and opened_at is null
    order by id desc limit ${2 * RESPONDENT_LOADS}`;
  if (fresh.length < 2 * RESPONDENT_LOADS) throw new Error("the demo wave has too few unopened invitations");
  const linkOf = (r: { panelistId: number }) => `${harness.base}/s/${tokenFor(wave.id, r.panelistId)}`;
  const respondent: Record<string, RespondentFigures> = {};
  respondent[SLOW_PHONE.name] = await measureRespondentPage(
    browser,
    fresh.slice(0, RESPONDENT_LOADS).map(linkOf),
    SLOW_PHONE,
  );
  respondent[UNTHROTTLED.name] = await measureRespondentPage(
    browser,
    fresh.slice(RESPONDENT_LOADS).map(linkOf),
    UNTHROTTLED,
  );
  const printRespondent = () => {
    console.log(
      `\nThe respondent page (2024 questionnaire, fresh personal links, 390×844; median of ${RESPONDENT_LOADS} cold loads)`,
    );
    console.log(
      "  profile      heading  1st input  answered   country    script  takeover   HTML / script (transferred)   answer kept",
    );
    for (const [name, f] of Object.entries(respondent)) console.log(respondentRow(name, f));
    console.log("  (slow phone: 150 ms RTT, 1.6 Mbps down, 750 kbps up, 4× CPU; answered = a tapped radio checked)");
  };
  if (ONLY === "respondent") {
    await browser.close();
    await harness.close();
    printRespondent();
    console.log(JSON.stringify({ bench: "pages", respondent }));
    process.exit(0);
  }
  const rows: { page: string; usable: number; js: number; css: number; files: number }[] = [];
  for (const [name, url, ready] of [
    ["/s/:token", surveyUrl, (p: Page) => p.getByRole("button", { name: "Next" }).waitFor()],
    ["/results/:slug", resultsUrl, (p: Page) => p.getByRole("heading", { level: 1 }).waitFor()],
  ] as const) {
    const samples = [];
    for (let i = 0; i < LOADS; i += 1) {
      const context = await browser.newContext();
      samples.push(await measure(await context.newPage(), url, ready));
      await context.close();
    }
    rows.push({
      page: name,
      usable: median(samples.map((s) => s.usable)),
      js: median(samples.map((s) => s.js)),
      css: median(samples.map((s) => s.css)),
      files: median(samples.map((s) => s.files)),
    });
  }
  // Without JavaScript, the results page must still show its figures.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await noJs.newPage();
  await page.goto(resultsUrl);
  const text = await page.locator("main").innerText();
  const figures = (text.match(/\d+\s?%/g) ?? []).length;
  await noJs.close();
  // The demo's published report (1,058 answers, every breakdown): what a reader on a slow phone is sent and sees.
  const report = await measureReportPage(
    browser,
    `${harness.base}/results/for-credit-micro-credentials-2024-demo-results`,
    Math.min(LOADS, 3),
    REQUESTS,
  );
  await browser.close();

  // Server time of the published page and the survey page (median of REQUESTS requests each, after 20 to warm up).
  const serverMs: Record<string, number> = {};
  for (const [name, url] of [
    ["/results/:slug", resultsUrl],
    ["/results/:slug.json", `${resultsUrl}.json`],
    ["/s/:token", surveyUrl],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < 20; i += 1) await (await fetch(url)).arrayBuffer(); // warm (V8 optimises the render after a few)
    for (let i = 0; i < REQUESTS; i += 1) {
      const t = performance.now();
      await (await fetch(url)).arrayBuffer();
      times.push(performance.now() - t);
    }
    serverMs[name] = median(times);
  }
  await harness.close();

  const file = (p: string) => readFileSync(path.join(root, "node_modules", p));
  const reference =
    gz(file("survey-core/survey.core.min.js")) +
    gz(file("survey-react-ui/survey-react-ui.min.js")) +
    gz(file("react/umd/react.production.min.js")) +
    gz(file("react-dom/umd/react-dom.production.min.js"));
  const survey = rows[0] as (typeof rows)[number];
  const results = rows[1] as (typeof rows)[number];

  console.log(`\nPages in Chromium on localhost (median of ${LOADS} cold loads)`);
  console.log("  page              JS (gzip)   CSS (gzip)   files   usable after");
  for (const r of rows)
    console.log(
      `  ${r.page.padEnd(16)} ${kb(r.js).padStart(10)}  ${kb(r.css).padStart(11)}   ${String(r.files).padStart(5)}   ${r.usable} ms`,
    );
  console.log(
    `  reference: SurveyJS + React, minified, gzip: ${kb(reference)}; budget with 30 KB: ${kb(reference + 30 * 1024)}; survey page ${survey.js <= reference + 30 * 1024 ? "within" : "OVER"} budget`,
  );
  console.log(`  /results/:slug without JavaScript: ${figures} percentages shown`);
  for (const [name, ms] of Object.entries(serverMs)) console.log(`  server time ${name}: ${ms.toFixed(1)} ms median`);
  console.log(
    `\nThe demo report (1,058 answers): HTML ${kb(report.htmlBytes)} (${kb(report.htmlGzipBytes)} gzip), ${report.scripts} scripts; ` +
      `first content on a slow phone (150 ms RTT, 1.6 Mbps, 4× CPU) ${report.slowPhoneFcpMs} ms median; ` +
      `server time ${report.serverMs.toFixed(1)} ms, its JSON ${report.jsonServerMs.toFixed(1)} ms (${(report.serverMs / report.jsonServerMs).toFixed(1)}×)`,
  );
  printRespondent();
  console.log(
    JSON.stringify({
      bench: "pages",
      respondent,
      surveyJsGzip: survey.js,
      surveyCssGzip: survey.css,
      surveyUsableMs: survey.usable,
      referenceJsGzip: reference,
      surveyWithinBudget: survey.js <= reference + 30 * 1024,
      resultsJsGzip: results.js,
      resultsCssGzip: results.css,
      resultsUsableMs: results.usable,
      resultsFiguresWithoutJs: figures,
      serverMs,
      demoReport: report,
    }),
  );
  process.exit(figures > 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
