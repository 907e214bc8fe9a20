import AxeBuilder from "@axe-core/playwright";
import { hash } from "@node-rs/argon2";
import type { Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { expect, test } from "./fixtures";

const PASSWORD = "e2e password that is long";
const EMAIL = "e2e-second-factor@example.org";

const code = (secret: string, at = Date.now()) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: at });

async function noSeriousAxe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual(
    [],
  );
}

test.beforeAll(async ({ db }) => {
  await db`insert into admins (email, password_hash, role) values (${EMAIL}, ${await hash(PASSWORD)}, 'viewer')
    on conflict (lower(email)) do update set password_hash = excluded.password_hash, totp_secret = null`;
});

test("an admin sets up a second factor from the QR code or its text, keeps recovery codes, and signs in with a code", async ({
  page,
}) => {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Your account" }).click();
  await page.getByRole("button", { name: "Set up a second factor" }).click();

  // The QR code is an image with a name; the same secret is there as text, for those who type it.
  await expect(page.getByRole("img", { name: /QR code of your Quorum sign-in secret/ })).toBeVisible();
  const secret = ((await page.locator("#totp-secret").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await noSeriousAxe(page);
  await page.getByLabel("Code from the app").fill(code(secret));
  await page.getByRole("button", { name: "Turn on the second factor" }).click();
  await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
  await expect(page.locator(".recovery-codes li")).toHaveCount(10);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Code from your app" })).toBeVisible();
  await noSeriousAxe(page);
  await page.getByLabel("Code from the app, or a recovery code").fill("000000" === code(secret) ? "111111" : "000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("not right");
  // The next step's code (the enrolment used this one).
  await page.getByLabel("Code from the app, or a recovery code").fill(code(secret, Date.now() + 30_000));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
});
