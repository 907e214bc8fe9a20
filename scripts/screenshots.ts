// npm run screenshots
//
// The pictures in docs/screenshots, taken in Chromium from the app as a newcomer gets it (the demo
// data, its published report of synthetic answers): the report on a desktop, on a phone and as it
// prints, and the respondent's page on a desktop and on a phone (page 1, page 2 after Next, and a
// scale at 360 px). Look at them after a UI change.
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { DEMO_PUBLISHED, demoLinks } from "~/flows/demo.server";
import { createHarness } from "../harness/scratch-app";

const out = path.resolve("docs/screenshots");

async function main() {
  const harness = await createHarness(
    "shots",
    { QUORUM_DEMO: "1", QUORUM_WORKER: "0" },
    "screenshots-secret-screenshots-secret-xxxxxx",
  );
  await harness.startApp();
  const [survey2021, , survey2024] = await demoLinks(harness.base, 3);
  const report = `${harness.base}/results/${DEMO_PUBLISHED}`;
  const browser = await chromium.launch({
    executablePath: ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p)),
    args: ["--no-sandbox"],
  });
  try {
    const desktop = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await desktop.goto(report);
    await desktop.screenshot({
      path: `${out}/report-desktop.png`,
      clip: { x: 0, y: 0, width: 1280, height: 2000 },
      fullPage: true,
    });
    // A comparison table with its significance marks.
    const table = desktop.locator(".result", {
      has: desktop.getByRole("heading", { name: /offer micro-credentials for academic credit today/ }),
    });
    // The table is wider than the text on a wide screen: take the section's height across the page.
    const box = await table.boundingBox();
    const top = await desktop.evaluate(() => window.scrollY);
    if (box)
      await desktop.screenshot({
        path: `${out}/report-comparison.png`,
        fullPage: true,
        clip: { x: 16, y: box.y + top, width: 1248, height: box.height },
      });
    await desktop.emulateMedia({ media: "print" });
    await desktop.setViewportSize({ width: 794, height: 1123 });
    await desktop.screenshot({
      path: `${out}/report-print.png`,
      clip: { x: 0, y: 0, width: 794, height: 2246 },
      fullPage: true,
    });

    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    await phone.goto(report);
    await phone.screenshot({ path: `${out}/report-phone.png` });
    await phone.goto(survey2024 as string);
    await phone.getByRole("button", { name: "Next" }).waitFor();
    await phone.screenshot({ path: `${out}/respondent-phone.png` });

    const respondent = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await respondent.goto(survey2021 as string);
    await respondent.getByRole("button", { name: "Next" }).waitFor();
    await respondent.screenshot({ path: `${out}/respondent.png` });

    // In Spanish: a panelist who reads it gets the 2024 questionnaire in it; the report reads in it too.
    await phone.goto(`${survey2024 as string}?lang=es`);
    await phone.getByRole("button", { name: "Siguiente" }).waitFor();
    await phone.screenshot({ path: `${out}/respondent-spanish-phone.png` });
    await desktop.emulateMedia({ media: "screen" });
    await desktop.setViewportSize({ width: 1280, height: 800 });
    await desktop.goto(`${report}?lang=es`);
    await desktop.screenshot({
      path: `${out}/report-spanish.png`,
      clip: { x: 0, y: 0, width: 1280, height: 1400 },
      fullPage: true,
    });

    // Page 2 after Next (the first question in view, the header one line), then page 3's agreement
    // scale at 360 px: the numbers its description names in one row, the end words beneath.
    await phone.goto(`${survey2024 as string}?lang=en`);
    await phone.getByRole("button", { name: "Next" }).waitFor();
    await phone.getByRole("combobox", { name: /In which country/ }).selectOption({ label: "Kenya" });
    await phone.getByText("Private university", { exact: true }).click();
    await phone.getByRole("button", { name: "Next" }).click();
    await phone.getByText("Yes, expand what we offer").waitFor();
    await phone.waitForTimeout(500); // the scroll to the first question
    await phone.screenshot({ path: `${out}/respondent-phone-page2.png` });
    await phone.getByText("Yes", { exact: true }).first().click();
    await phone.getByText("Yes, expand what we offer").click();
    await phone.getByText("Much more likely").click();
    await phone.getByRole("button", { name: "Next" }).click();
    await phone.setViewportSize({ width: 360, height: 800 });
    const scale = phone.locator("[data-name=jobReadySkills]");
    await scale.getByText("4", { exact: true }).click();
    await scale.screenshot({ path: `${out}/respondent-phone-scale.png` });
  } finally {
    await browser.close();
    await harness.close();
  }
  console.log(`Screenshots written to ${out}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
