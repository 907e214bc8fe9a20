import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// A busy executive on a slow phone (issue 25): Lighthouse's slow-4G values (150 ms, 1.6 Mbps down,
// 750 kbps up) and a 4× slower CPU, at 390×844. The questionnaire's script is held back until the
// person has answered on the server-rendered first page, so the answers are given before it
// arrives; then it takes over, and the answers must be chosen there and stored on completion.

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

async function slowPhone(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return async () => {
    // Once the script has taken over, the rest of the questionnaire is answered at full speed.
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  };
}

/** Holds the respondent script until `release` is called; says whether it was asked for yet. */
async function holdScript(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let requested = false;
  await page.route("**/build/survey/*.js", async (route) => {
    requested = true;
    await released;
    await route.continue();
  });
  return { release, requested: () => requested };
}

const tokenOf = (link: string) => new URL(link).pathname.split("/").pop() as string;

async function storedResponse(db: import("postgres").Sql, link: string) {
  const [row] = await db<{ status: string; language: string; data: Record<string, unknown> }[]>`
    select r.status, r.language, r.data from responses r join invitations i on i.id = r.invitation_id
    where i.token_hash = sha256(convert_to(${tokenOf(link)}, 'UTF8'))`;
  return row;
}

async function next(page: Page) {
  await page.locator(".sd-navigation__next-btn").click();
}

/** Pages 2 to 5 of the 2024 questionnaire, in the language whose words are given. */
async function finish2024(
  page: Page,
  w: { yes: string; expand: string; much: string; agree: RegExp; strongly: string; quality: string },
) {
  await page.getByText(w.yes, { exact: true }).first().click();
  await page.getByText(w.expand).click();
  await page.getByText(w.much).click();
  await next(page);
  const agree = page.getByRole("radio", { name: w.agree });
  await expect(agree).toHaveCount(5);
  for (const radio of await agree.all()) await radio.check({ force: true });
  // The agreement scale shows the numbers its description names, its end words beneath.
  const scale = page.locator("[data-name=jobReadySkills]");
  await expect(scale.getByText(w.strongly, { exact: true })).toBeVisible();
  await scale.getByText("5", { exact: true }).click();
  await next(page);
  await page.getByText(w.quality).click();
  await next(page);
  await page.locator(".sd-navigation__complete-btn").click();
}

for (const [language, words] of [
  [
    "en",
    {
      organisation: "Private university",
      country: "Kenya",
      countryCode: "KE",
      finish: {
        yes: "Yes",
        expand: "Yes, expand what we offer",
        much: "Much more likely",
        agree: /, column Agree$/,
        strongly: "Strongly agree",
        quality: "Doubts about program quality",
      },
      thanks: /^Thank you/,
    },
  ],
  [
    "es",
    {
      organisation: "Universidad privada",
      country: "Kenia",
      countryCode: "KE",
      finish: {
        yes: "Sí",
        expand: "Sí, ampliar lo que ofrecemos",
        much: "Mucho más probable",
        agree: /, columna De acuerdo$/,
        strongly: "Muy de acuerdo",
        quality: "Dudas sobre la calidad de los programas",
      },
      thanks: /^Gracias/,
    },
  ],
] as const) {
  test(`slow phone (${language}): a country and an answer given before the script arrives are kept through its takeover and stored on completion`, async ({
    page,
    context,
    state,
    db,
  }) => {
    test.setTimeout(120_000);
    const link = state.slowPhoneLinks[language];
    const fast = await slowPhone(context, page);
    const script = await holdScript(page);
    await page.goto(`${new URL(link).pathname}?lang=${language}`, { waitUntil: "commit" }); // "load" waits for the held script

    // The first page is there as plain controls: the heading, the country list, the radios.
    await expect(page.locator("main")).toHaveAttribute("lang", language);
    await expect(page.locator("[data-plain-page]")).toBeVisible();
    await page.getByRole("combobox").selectOption({ label: words.country });
    await page.getByRole("radio", { name: words.organisation }).tap();
    await expect(page.getByRole("radio", { name: words.organisation })).toBeChecked();
    // The script was asked for and has not arrived: nothing of survey-core is on the page yet.
    expect(script.requested()).toBe(true);
    await expect(page.locator(".sd-root-modern")).toHaveCount(0);

    script.release();
    await expect(page.locator(".sd-root-modern .sd-question").first()).toBeVisible({ timeout: 30_000 });
    await expect(page.locator("[data-plain-page]")).toHaveCount(0);
    await fast();
    // survey-core's page shows what was answered before it came.
    await expect(page.getByRole("radio", { name: words.organisation })).toBeChecked();
    await expect(page.getByRole("combobox").locator("option:checked")).toHaveText(words.country);

    await next(page);
    await finish2024(page, words.finish);
    await expect(page.getByRole("heading", { name: words.thanks })).toBeVisible();
    const row = await storedResponse(db, link);
    expect(row?.status).toBe("complete");
    expect(row?.language).toBe(language);
    expect(row?.data).toMatchObject({
      country: words.countryCode,
      organisationType: "private-university",
      jobReadySkills: 5,
    });
  });
}

test("slow phone, right to left: a questionnaire complete in Arabic is answered on its plain first page before the script, own words included", async ({
  page,
  context,
  state,
  db,
}) => {
  test.setTimeout(120_000);
  const link = state.slowPhoneLinks.ar;
  const fast = await slowPhone(context, page);
  const script = await holdScript(page);
  await page.goto(`${new URL(link).pathname}?lang=ar`, { waitUntil: "commit" });
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("main")).toHaveAttribute("dir", "rtl");
  await expect(page.getByText("أين تعمل؟")).toBeVisible();
  // The page does not scroll sideways (right-to-left overflow to the left would scroll).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // "Elsewhere", in her own words, and 4 on the scale: all before the script arrives.
  await page.getByRole("radio", { name: "مكان آخر" }).tap();
  await page.getByRole("textbox", { name: /مكان آخر/ }).fill("هيئة اعتماد");
  await page.getByRole("radio", { name: "4" }).tap();
  expect(script.requested()).toBe(true);
  await expect(page.locator(".sd-root-modern")).toHaveCount(0);
  await page.screenshot({ path: "test-results/slow-phone-arabic-plain.png" });

  script.release();
  await expect(page.locator(".sd-root-modern .sd-question").first()).toBeVisible({ timeout: 30_000 });
  await fast();
  await expect(page.getByRole("radio", { name: "مكان آخر" })).toBeChecked();
  await expect(page.locator("textarea").first()).toHaveValue("هيئة اعتماد");
  await page.screenshot({ path: "test-results/slow-phone-arabic-taken-over.png" });

  await next(page);
  await page.getByText("شركاء جدد").click();
  await page.locator(".sd-navigation__complete-btn").click();
  await expect(page.locator("main")).toHaveAttribute("dir", "rtl");
  await expect.poll(async () => (await storedResponse(db, link))?.status).toBe("complete");
  const row = await storedResponse(db, link);
  expect(row?.language).toBe("ar");
  expect(row?.data).toMatchObject({
    sector: "other",
    "sector-Comment": "هيئة اعتماد",
    importance: 4,
    plans: ["partners"],
  });
});
