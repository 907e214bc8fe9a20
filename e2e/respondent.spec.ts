import AxeBuilder from "@axe-core/playwright";
import { chooseInDropdown, chosenIn, expect, test } from "./fixtures";

test("a respondent answers the 2021 questionnaire from a demo link, and the link then says it was used", async ({
  page,
  state,
  db,
}) => {
  const link = state.links.find((l) => l.includes("/s/"));
  expect(link).toBeTruthy();
  const path = new URL(link as string).pathname;

  const outside: string[] = [];
  page.on("request", (req) => {
    if (!req.url().startsWith(state.baseUrl) && !req.url().startsWith("data:")) outside.push(req.url());
  });

  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Micro-Credentials: Global Panel 2021" })).toBeVisible();
  // The page runs on its own script: SurveyJS and React, without Remix's client runtime.
  await expect(page.getByRole("button", { name: "Next" })).toBeVisible();
  expect(
    await page.evaluate(() => [...document.scripts].filter((s) => s.src).map((s) => new URL(s.src).pathname)),
  ).toEqual([expect.stringMatching(/^\/build\/survey\/survey-\w+\.js$/)]);
  expect(await page.evaluate(() => "__remixContext" in window)).toBe(false);

  // Page 1: about you. The panel knows her country: it is filled in, for her to check.
  const [profile] = await db<{ country: string }[]>`
    select p.country from panelists p join invitations i on i.panelist_id = p.id where i.token_hash = sha256(convert_to(${path.split("/").pop() as string}, 'UTF8'))`;
  const countryName = new Intl.DisplayNames(["en"], { type: "region" }).of(profile!.country) as string;
  await expect(page.getByText("Some answers are filled in from what the panel knows about you")).toBeVisible();
  await expect(chosenIn(page, /In which country/)).toContainText(countryName);
  // She has moved to Chile since: she corrects it, and the response counts under Chile.
  await chooseInDropdown(page, /In which country/, "Chile");
  await page.getByText("University", { exact: true }).click();
  await page.getByRole("button", { name: "Next" }).click();

  // Page 2: strategy
  await page
    .getByRole("radiogroup", { name: /How important/ })
    .getByText("4", { exact: true })
    .click();
  await page.getByText("Piloting a small number").click();
  await page.getByText("Short courses", { exact: true }).click();
  await page.getByText("Programs with industry partners").click();
  await page.getByRole("button", { name: "Next" }).click();

  // Page 3: barriers (a ranking is optional; leave it)
  await page.getByText("Recognition and quality assurance").click();
  await page.getByText("No agreed standards").click();
  await page.getByRole("button", { name: "Next" }).click();

  // Page 4: degrees
  await page.getByText("Embedded within degree programs").click();
  await page.getByText("Yes", { exact: true }).click();
  await page.getByRole("button", { name: "Next" }).click();

  // Page 5: your view
  await page.getByRole("textbox").fill("Learners will build a mosaic of credentials.");
  await page.getByText("Yes, you may quote me anonymously").click();
  const completion = page.waitForRequest(
    (r) => r.method() === "POST" && (JSON.parse(r.postData() ?? "{}") as { complete?: boolean }).complete === true,
  );
  await page.getByRole("button", { name: "Submit my answers" }).click();
  // The page names the questionnaire version it shows (the server can then store it in one statement).
  const sent = JSON.parse((await completion).postData() ?? "{}") as { version?: unknown; language?: unknown };
  expect(sent.version).toEqual(expect.any(Number));
  expect(sent.language).toBe("en");

  await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();
  await expect(page.getByText(/^Your answers to .+ are saved\.$/)).toBeVisible();

  const token = path.split("/").pop() as string;
  const rows = await db<{ status: string; data: Record<string, unknown>; region: string }[]>`
    select r.status, r.data, r.region from responses r
    join invitations i on i.id = r.invitation_id
    where i.token_hash = sha256(convert_to(${token}, 'UTF8'))`;
  expect(rows).toHaveLength(1);
  expect(rows[0]?.status).toBe("complete");
  expect(rows[0]?.region).toBe("Latin America & Caribbean");
  expect(rows[0]?.data).toMatchObject({
    country: "CL",
    organisationType: "university",
    strategicImportance: 4,
    currentState: "piloting",
    applications: ["short-courses", "industry-partnerships"],
    barriers: ["recognition-quality", "standards"],
    relationToDegrees: "embedded",
    industryAlternative: true,
    comment: "Learners will build a mosaic of credentials.",
    consentToQuote: true,
  });

  await page.goto(path);
  await expect(page.getByText(/You already answered on \d+ \w+ \d{4}\. Thank you\./)).toBeVisible();
  expect(outside).toEqual([]);
});

test("the survey page has no serious or critical accessibility violations", async ({ page, state }) => {
  const link = state.links[1] as string;
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("button", { name: "Next" })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

test("an unknown link shows a friendly 404 page", async ({ page }) => {
  const res = await page.goto("/s/this-is-not-a-real-token");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This link is not valid" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("Error:");
});
