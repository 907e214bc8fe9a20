import { hash } from "@node-rs/argon2";
import { expect, test } from "./fixtures";

const PASSWORD = "e2e password that is long";

test.beforeAll(async ({ db }) => {
  await db`insert into admins (email, password_hash, role) values ('e2e-waves@example.org', ${await hash(PASSWORD)}, 'editor')
    on conflict (lower(email)) do update set password_hash = excluded.password_hash`;
});

test("an editor launches a wave to one region, sends it, and the dashboard follows a response", async ({
  page,
  db,
}) => {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill("e2e-waves@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Panels" })).toBeVisible();

  await page.goto("/admin/waves/new");
  await page.getByLabel("Panel", { exact: true }).selectOption("global-he");
  await page.getByLabel("Questionnaire", { exact: true }).selectOption("for-credit-micro-credentials-2024");
  await page.getByLabel("Slug").fill("e2e-south-asia");
  await page.getByLabel("Title", { exact: true }).fill("For-credit micro-credentials: South Asia");
  await page.getByLabel("South Asia").check();
  const [row] = await db<
    { n: number }[]
  >`select count(*)::int as n from panelists where region = 'South Asia' and status = 'active'`;
  const n = row?.n ?? 0;
  await expect(page.getByRole("status").filter({ hasText: "active panelists in South Asia" })).toHaveText(
    `${n} active panelists in South Asia`,
  );
  await expect(page.locator(".email-preview")).toContainText("Dear Ana,");
  await page.getByRole("button", { name: "Create the wave" }).click();

  await expect(page.getByRole("heading", { name: "For-credit micro-credentials: South Asia" })).toBeVisible();
  await page.getByRole("button", { name: "Send invitations" }).click();
  // Nothing goes before the panel team sees how many people get an email, and confirms.
  const s = n === 1 ? "" : "s";
  await expect(page.getByRole("alertdialog")).toContainText(
    `${n} ${n === 1 ? "person" : "people"} will be invited: email ${n} invitation${s} now?`,
  );
  const [before] = await db<
    { n: number }[]
  >`select count(*)::int as n from emails where subject = 'Your invitation: For-credit micro-credentials: South Asia'`;
  expect(before?.n).toBe(0);
  await page.getByRole("button", { name: `Send ${n} email${s}` }).click();
  await expect(page.getByText(`${n} new invitation${s}; ${n} email${s} queued.`)).toBeVisible();

  const mails = await db<{ toAddress: string; region: string }[]>`
    select e.to_address, p.region from emails e join panelists p on p.id = e.panelist_id
    where e.kind = 'invitation' and e.subject = 'Your invitation: For-credit micro-credentials: South Asia'`;
  expect(mails).toHaveLength(n);
  expect(new Set(mails.map((m) => m.region))).toEqual(new Set(["South Asia"]));

  // One invitee answers through the API contract; the dashboard shows it without a reload.
  const [invitee] = await db<{ panelistId: number; waveId: number }[]>`
    select i.panelist_id, i.wave_id from invitations i join waves w on w.id = i.wave_id where w.slug = 'e2e-south-asia' limit 1`;
  await db`update invitations set opened_at = now() where panelist_id = ${invitee!.panelistId} and wave_id = ${invitee!.waveId}`;
  await expect(page.locator(".figure", { hasText: "Opened" }).locator(".value")).toHaveText("1", { timeout: 15_000 });
  await expect(page.locator(".figure", { hasText: "Invited" }).locator(".value")).toHaveText(String(n));

  await page.getByRole("button", { name: "Close now" }).click();
  await expect(page.getByText("The wave is closed: links now show the closed page.")).toBeVisible();
  await expect(page.getByText(/^Closed/)).toBeVisible();
});
