import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { simpleParser } from "mailparser";
import type postgres from "postgres";
import { chooseInDropdown, expect, test } from "./fixtures";

// On a phone (issue 25): every page a respondent, a new member or a reader meets, at 360 px wide,
// has nothing serious or critical for axe and does not scroll sideways; the respondent pages are
// walked through both shipped questionnaires, with the boxes that open on an answer (Other, a
// question shown by a condition) open when axe looks.

const WIDTH = 360;
test.use({ viewport: { width: WIDTH, height: 800 }, isMobile: true, hasTouch: true });

/** axe's serious and critical findings on the page as it is now, and whether it scrolls sideways. */
async function check(page: Page, where: string, found: string[], seen: string[]) {
  seen.push(where);
  const results = await new AxeBuilder({ page }).analyze();
  for (const v of results.violations.filter((v) => v.impact === "serious" || v.impact === "critical"))
    found.push(`${where}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > WIDTH) found.push(`${where}: ${wide} px wide`);
}

const next = (page: Page) => page.locator(".sd-navigation__next-btn").click();

/** Next is the filled button: white on blue (axe cannot read survey-core's colour for its word). */
async function expectNextReadable(page: Page) {
  const colours = await page
    .locator(".sd-navigation__next-btn")
    .evaluate((b) => [
      getComputedStyle(b.querySelector(".sd-action__title") ?? b).color,
      getComputedStyle(b).backgroundColor,
    ]);
  expect(colours).toEqual(["rgb(255, 255, 255)", "rgb(26, 95, 180)"]);
}

/** A scale's points are on one row at 360 px, its end words beneath. */
async function expectScaleOnOneRow(page: Page, name: string, points: number, ends: [string, string]) {
  const scale = page.locator(`[data-name=${name}]`);
  const tops = await scale
    .locator(".sd-rating__item")
    .evaluateAll((items) => items.map((i) => Math.round(i.getBoundingClientRect().top)));
  expect(tops).toHaveLength(points);
  expect(new Set(tops).size).toBe(1);
  for (const word of ends) {
    const box = await scale.getByText(word, { exact: true }).boundingBox();
    expect(box!.y).toBeGreaterThan(tops[0]!);
  }
}

async function emailedLink(db: postgres.Sql, to: string, kind: string): Promise<string> {
  await expect
    .poll(
      async () =>
        (await db`select 1 from emails where to_address = ${to} and kind = ${kind} and outbox_file is not null`).length,
      { timeout: 15_000 },
    )
    .toBe(1);
  const [mail] = await db<
    { outboxFile: string }[]
  >`select outbox_file from emails where to_address = ${to} and kind = ${kind}`;
  const text = (await simpleParser(await readFile(mail!.outboxFile))).text ?? "";
  return new URL(/https?:\/\/\S+\/(join\/confirm|me\/link)\/[A-Za-z0-9_-]{43}/.exec(text)![0]).pathname;
}

test("on a phone, every page of the 2024 questionnaire passes axe, the plain first page included, and its scale is one row", async ({
  page,
  state,
}) => {
  test.setTimeout(120_000);
  const found: string[] = [];
  const seen: string[] = [];
  const path = new URL(state.phoneLinks["2024"]).pathname;
  // The first page as the server draws it, before the script comes.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/build/survey/*.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(path, { waitUntil: "commit" });
  await expect(page.locator("[data-plain-page]")).toBeVisible();
  await page.getByRole("radio", { name: /^Other/ }).tap();
  await expect(page.getByRole("textbox", { name: /^Other.*in your own words$/ })).toBeVisible();
  await check(page, "2024 page 1, plain", found, seen);
  release();

  await expect(page.locator(".sd-root-modern .sd-question").first()).toBeVisible({ timeout: 30_000 });
  await chooseInDropdown(page, /In which country/, "Chile");
  await page.getByRole("textbox", { name: /^Other.*in your own words$/ }).fill("A consortium");
  await check(page, "2024 page 1", found, seen);
  await expectNextReadable(page);
  await next(page);
  // Past the first page the header is one line, and Next brought the new page's first question to the top of the screen.
  await expect(page.locator(".survey-header")).toHaveClass(/survey-header--compact/);
  expect((await page.locator(".survey-header h1").boundingBox())!.height).toBeLessThan(30);
  await expect
    .poll(async () => Math.round((await page.locator(".sd-page .sd-question").first().boundingBox())!.y))
    .toBeLessThan(80);
  expect((await page.locator(".sd-page .sd-question").first().boundingBox())!.y).toBeGreaterThanOrEqual(0);

  await page.getByText("No", { exact: true }).first().click();
  await expect(page.getByText(/top-three consideration/)).toBeVisible(); // shown by the answer No
  await page.getByText("Not sure", { exact: true }).last().click();
  await page.getByText("No difference", { exact: true }).click();
  await check(page, "2024 page 2", found, seen);
  await next(page);

  for (const radio of await page.getByRole("radio", { name: /, column Agree$/ }).all())
    await radio.check({ force: true });
  await expectScaleOnOneRow(page, "jobReadySkills", 5, ["Strongly disagree", "Strongly agree"]);
  await page.locator("[data-name=jobReadySkills]").getByText("4", { exact: true }).click();
  await check(page, "2024 page 3", found, seen);
  await next(page);

  await page.getByText("Another barrier (please describe)").click();
  await page.getByRole("textbox", { name: /^Another barrier.*in your own words$/ }).fill("Timetables");
  await check(page, "2024 page 4", found, seen);
  await next(page);

  await page.getByRole("textbox").first().fill("Employers ask for them.");
  await page.getByText("No, do not quote me").click(); // shown once there is a comment
  await check(page, "2024 page 5", found, seen);
  await page.locator(".sd-navigation__complete-btn").click();
  await expect(page.getByRole("heading", { name: /^Thank you/ })).toBeVisible();
  await check(page, "2024 thank-you page", found, seen);
  await page.goto(path);
  await expect(page.getByText(/^You already answered on/)).toBeVisible();
  await check(page, "2024 link used", found, seen);

  expect(found).toEqual([]);
  expect(seen).toHaveLength(8);
});

test("on a phone, every page of the 2021 questionnaire passes axe, and its 5-point scale is one row with its end words", async ({
  page,
  state,
}) => {
  test.setTimeout(120_000);
  const found: string[] = [];
  const seen: string[] = [];
  await page.goto(new URL(state.phoneLinks["2021"]).pathname);
  await expect(page.locator(".sd-root-modern .sd-question").first()).toBeVisible({ timeout: 30_000 });
  await chooseInDropdown(page, /In which country/, "Kenya");
  await page.getByText("University", { exact: true }).click();
  await check(page, "2021 page 1", found, seen);
  await next(page);

  await expectScaleOnOneRow(page, "strategicImportance", 5, ["Not important", "Very important"]);
  await page.locator("[data-name=strategicImportance]").getByText("4", { exact: true }).click();
  await page.getByText("Piloting a small number").click();
  await page.getByText("Short courses").click(); // shown once the state is not "non-existent"
  await page.getByText("Elsewhere (please describe)").click();
  await page.getByRole("textbox", { name: /^Elsewhere.*in your own words$/ }).fill("Summer schools");
  await check(page, "2021 page 2", found, seen);
  await next(page);

  await page.getByText("Internal resistance").click();
  await check(page, "2021 page 3", found, seen);
  await next(page);

  await page.getByText("An addition to degrees").click();
  await page.getByText("Yes", { exact: true }).click();
  await check(page, "2021 page 4", found, seen);
  await next(page);

  await check(page, "2021 page 5", found, seen);
  await page.locator(".sd-navigation__complete-btn").click();
  await expect(page.getByRole("heading", { name: /^Thank you/ })).toBeVisible();
  await check(page, "2021 thank-you page", found, seen);

  expect(found).toEqual([]);
  expect(seen).toHaveLength(6);
});

test("on a phone, joining, confirming, signing in to /me, the admin's sign-in, the results and the home page pass axe", async ({
  page,
  db,
}) => {
  test.setTimeout(120_000);
  const found: string[] = [];
  const seen: string[] = [];
  const email = "phone.joiner@example.edu";

  await page.goto("/");
  await check(page, "home", found, seen);
  await page.goto("/results");
  await check(page, "results list", found, seen);
  await page.goto("/results/for-credit-micro-credentials-2024-demo-results");
  await check(page, "report", found, seen);
  await page.goto("/results/for-credit-micro-credentials-2024-demo-results?lang=es");
  await check(page, "report in Spanish", found, seen);

  await page.goto("/join/global-he");
  await check(page, "join", found, seen);
  await page.getByRole("button", { name: "Join the panel" }).click();
  await check(page, "join, with what is missing", found, seen);
  await page.getByLabel("Name").fill("Phone Joiner");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role category").selectOption({ label: "Dean or Head of School" });
  await page.getByLabel("Organisation", { exact: true }).fill("Universidad Ejemplo");
  await page.getByLabel("Organisation type").selectOption({ label: "Public university" });
  await page.getByLabel("Country").selectOption({ label: "Chile" });
  await page.getByLabel("I agree").check();
  await page.getByRole("button", { name: "Join the panel" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await check(page, "join, check your inbox", found, seen);

  const confirm = await emailedLink(db, email, "confirm");
  await page.goto(confirm);
  await check(page, "join confirmation", found, seen);
  await page.getByRole("button", { name: "Confirm and join" }).click();
  await expect(page.getByRole("heading", { name: "Welcome" })).toBeVisible();
  await check(page, "join confirmed", found, seen);

  await page.goto("/me");
  await check(page, "/me sign-in", found, seen);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText(/we have emailed it a sign-in link/)).toBeVisible();
  await check(page, "/me link sent", found, seen);
  await page.goto(await emailedLink(db, email, "sign-in"));
  await check(page, "/me sign-in link", found, seen);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Your panel profile" })).toBeVisible();
  await check(page, "/me profile", found, seen);

  await page.goto("/admin/login");
  await check(page, "admin sign-in", found, seen);
  await page.getByLabel("Email").fill("nobody@example.org");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await check(page, "admin sign-in refused", found, seen);

  await page.goto("/s/no-such-link");
  await check(page, "unknown link", found, seen);

  expect(found).toEqual([]);
  expect(seen).toHaveLength(16);
});
