import type { Page } from "@playwright/test";
import { chooseInDropdown, chosenIn, expect, test } from "./fixtures";

async function answerFirstPage(page: Page) {
  await chooseInDropdown(page, /In which country/, "Kenya");
  await page.getByText("University", { exact: true }).click();
}

function responseOf(db: import("postgres").Sql, path: string) {
  const token = path.split("/").pop() as string;
  return db<{ status: string; data: Record<string, unknown>; currentPage: number; submissionId: string | null }[]>`
    select r.status, r.data, r.current_page, r.submission_id from responses r
    join invitations i on i.id = r.invitation_id
    where i.token_hash = sha256(convert_to(${token}, 'UTF8'))`;
}

test("answers are saved as the respondent goes, survive going offline, and resume on another device at the same page", async ({
  page,
  browser,
  state,
  db,
}) => {
  const path = new URL(state.links[3] as string).pathname;
  await page.goto(path);
  await answerFirstPage(page);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();
  await expect.poll(async () => (await responseOf(db, path))[0]?.currentPage).toBe(1);
  const [saved] = await responseOf(db, path);
  expect(saved).toMatchObject({ status: "partial", data: { country: "KE", organisationType: "university" } });

  // The connection drops: the answer stays on this device, and is saved once it is back.
  await page.context().setOffline(true);
  await page
    .getByRole("radiogroup", { name: /How important/ })
    .getByText("5", { exact: true })
    .click();
  await expect(page.getByText(/Not connected: your answers are kept on this device/)).toBeVisible({ timeout: 10_000 });
  await page.context().setOffline(false);
  await expect(page.getByText("Saved", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => (await responseOf(db, path))[0]?.data.strategicImportance).toBe(5);

  // Another device (no local copy) opens the same link on page 2 with everything filled in.
  const other = await browser.newContext();
  const phone = await other.newPage();
  await phone.goto(path);
  await expect(
    phone.getByRole("radiogroup", { name: /How important/ }).getByRole("radio", { name: "5" }),
  ).toBeChecked();
  await phone.getByRole("button", { name: "Previous" }).click();
  await expect(chosenIn(phone, /In which country/)).toContainText("Kenya");
  await expect(phone.getByRole("radio", { name: "University" })).toBeChecked();
  await other.close();

  // Partial answers are "started" in fieldwork, not a response.
  const [inv] = await db<{ startedAt: Date | null; usedAt: Date | null }[]>`
    select started_at, used_at from invitations where token_hash = sha256(convert_to(${path.split("/").pop() as string}, 'UTF8'))`;
  expect(inv?.startedAt).toBeInstanceOf(Date);
  expect(inv?.usedAt).toBeNull();
});

test("a completion sent during a database outage is retried on its own and stored once", async ({
  page,
  state,
  db,
}) => {
  const path = new URL(state.links[4] as string).pathname;
  let refused = 0;
  // The first two attempts meet a 503 (as during a database restart), with Retry-After: 1.
  await page.route(`**${path}`, async (route) => {
    const body = route.request().postData() ?? "";
    if (route.request().method() === "POST" && body.includes('"complete":true') && refused < 2) {
      refused += 1;
      await route.fulfill({
        status: 503,
        headers: { "Retry-After": "1", "Content-Type": "application/json" },
        body: JSON.stringify({ ok: false, error: "unavailable" }),
      });
      return;
    }
    await route.continue();
  });
  await page.goto(path);
  await answerFirstPage(page);
  await page.getByRole("button", { name: "Next" }).click();
  await page
    .getByRole("radiogroup", { name: /How important/ })
    .getByText("3", { exact: true })
    .click();
  await page.getByText("Piloting a small number").click();
  await page.getByText("Short courses", { exact: true }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("Recognition and quality assurance").click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("Embedded within degree programs").click();
  await page.getByText("Yes", { exact: true }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Submit my answers" }).click();
  await expect(
    page.getByText(/The server is briefly unavailable\. Your answers are kept on this device/),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible({ timeout: 15_000 });
  expect(refused).toBe(2);
  const rows = await responseOf(db, path);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ status: "complete", data: { country: "KE", strategicImportance: 3 } });
  expect(rows[0]?.submissionId).toMatch(/^[0-9a-f-]{36}$/);
  // Nothing is left behind on the device once the server has the answers.
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("quorum:answers:")))).toEqual(
    [],
  );
  // A copy left from another tab is removed once the link says it was used.
  await page.evaluate(
    (key) =>
      localStorage.setItem(
        key,
        JSON.stringify({ data: { country: "KE" }, page: 0, savedAt: new Date().toISOString() }),
      ),
    `quorum:answers:${path}`,
  );
  await page.goto(path);
  await expect(page.getByText(/You already answered on/)).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("quorum:answers:")).length))
    .toBe(0);
});
