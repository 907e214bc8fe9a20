import AxeBuilder from "@axe-core/playwright";
import { hash } from "@node-rs/argon2";
import { expect, test } from "./fixtures";

const PASSWORD = "e2e password that is long";

test.beforeAll(async ({ db }) => {
  await db`insert into admins (email, password_hash, role) values ('e2e-results@example.org', ${await hash(PASSWORD)}, 'editor')
    on conflict (lower(email)) do update set password_hash = excluded.password_hash`;
  const [wave] = await db<{ id: number; versionId: number }[]>`
    insert into waves (slug, title, panel_id, questionnaire_id, questionnaire_version_id, opens_at, audience, min_group_size)
    select 'e2e-results', 'E2E results', p.id, q.id, q.current_version_id, now() - interval '2 days', 'public', 5
    from panels p, questionnaires q where p.slug = 'global-he' and q.slug = 'for-credit-micro-credentials-2024'
    on conflict (slug) do update set title = excluded.title
    returning id, questionnaire_version_id as version_id`;
  await db`delete from responses where wave_id = ${wave!.id}`;
  const regions: [string, string][] = [
    ["North America", "US"],
    ["North America", "CA"],
    ["North America", "US"],
    ["North America", "US"],
    ["North America", "US"],
    ["North America", "US"],
    ["South Asia", "IN"],
    ["South Asia", "IN"],
    ["South Asia", "IN"],
    ["South Asia", "PK"],
    ["South Asia", "IN"],
    ["Sub-Saharan Africa", "NG"],
  ];
  for (const [i, [region, country]] of regions.entries()) {
    const data = {
      offerToday: i % 3 === 0 ? "no" : "yes",
      plans5y: "expand",
      jobReadySkills: 1 + (i % 5),
      barriers: ["quality"],
    };
    await db`insert into responses (wave_id, questionnaire_version_id, status, data, region, country, organisation, completed_at)
      values (${wave!.id}, ${wave!.versionId}, 'complete', ${db.json(data)}, ${region}, ${country}, ${"Org " + i}, now())`;
  }
});

test("an editor publishes; the page reads without JavaScript, compares regions side by side, never names a small group and passes axe", async ({
  page,
  browser,
}) => {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill("e2e-results@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Panels" })).toBeVisible();
  await page.goto("/admin/waves/e2e-results/results");
  await page.locator("#keyFindings").fill("Most institutions plan to expand.");
  await page.getByLabel("Email the readers that the results are out").uncheck();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText(/^Published: 12 respondents/)).toBeVisible();

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const reader = await noJs.newPage();
  await reader.goto("/results/e2e-results");
  await expect(
    reader.getByText("12 leaders from 12 organisations in 5 countries shared their views", { exact: false }),
  ).toBeVisible();
  await expect(reader.getByText("Most institutions plan to expand.")).toBeVisible();
  // Sub-Saharan Africa has 1 respondent: merged with South Asia (5) into one group that is never named.
  await expect(reader.locator(".headline")).toContainText("50% North America; other regions together 50%");
  await expect(reader.locator("main")).not.toContainText("Sub-Saharan Africa");
  await expect(reader.locator("main")).not.toContainText("South Asia");
  // Nor anywhere in what the page sends (its data, its translations), nor words about one's own answers.
  const source = await (await reader.request.get("/results/e2e-results")).text();
  for (const words of ["Sub-Saharan Africa", "South Asia", "your answer"]) expect(source, words).not.toContain(words);
  await reader.getByLabel("Compare groups by").selectOption({ label: "Region" });
  await reader.getByRole("button", { name: "Show" }).click();
  const offer = reader.getByRole("table", { name: /offer micro-credentials for academic credit today\?, by region/ });
  await expect(offer.getByRole("columnheader", { name: /North America n = 6/ })).toBeVisible();
  await expect(offer.getByRole("columnheader", { name: /Other regions together n = 6/ })).toBeVisible();
  await expect(reader.getByText("fewer than 5 or withheld").first()).toBeVisible();
  await noJs.close();

  await page.goto("/results/e2e-results");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual(
    [],
  );
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/results-phone.png", fullPage: true });
});

test("the demo's published report prints as a report: no controls, every table, several A4 pages", async ({ page }) => {
  await page.goto("/results/for-credit-micro-credentials-2024-demo-results");
  await expect(page.getByRole("heading", { level: 1, name: /demo report \(synthetic answers\)/ })).toBeVisible();
  await expect(page.getByText("These answers are synthetic")).toBeVisible();
  // On a phone the wide comparison tables scroll inside themselves; the page itself never scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
    0,
  );
  await page.setViewportSize({ width: 1280, height: 800 });
  // Findings lead their questions, and a group that differs from everyone else is marked in words.
  await expect(page.locator(".finding").first()).toBeVisible();
  await expect(page.getByText(/significantly (higher|lower) than everyone else/).first()).toBeAttached();
  // Read in Spanish: the questionnaire's own translations, our headings and methodology.
  await page.getByRole("link", { name: "Español" }).click();
  await expect(page.locator("main")).toHaveAttribute("lang", "es");
  await expect(
    page.getByRole("heading", { name: "¿Su institución ofrece hoy microcredenciales con créditos académicos?" }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Metodología" })).toBeVisible();
  await expect(page.getByText("Universidad pública", { exact: true }).first()).toBeVisible();
  await page.getByRole("link", { name: "English" }).click();
  // Print only once the English page has replaced the Spanish one.
  await expect(page.locator("main")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Methodology" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByLabel("Compare groups by")).toBeHidden();
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  expect(pages).toBeGreaterThan(3);
  expect(pages).toBeLessThan(40);
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: "test-results/report-print.png", fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual(
    [],
  );
});
