import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { simpleParser } from "mailparser";
import { expect, test } from "./fixtures";

const PASSWORD = "e2e password that is long";

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.beforeAll(async ({ db }) => {
  const passwordHash = await hash(PASSWORD);
  await db`insert into admins (email, password_hash, role) values ('e2e-editor@example.org', ${passwordHash}, 'editor')
    on conflict (lower(email)) do update set password_hash = excluded.password_hash`;
});

test("an admin signs in (after a wrong password) and sees the panels", async ({ page }) => {
  await signIn(page, "e2e-editor@example.org", "not the password");
  await expect(page.getByRole("alert")).toHaveText("That email and password do not match. Check both and try again.");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Panels" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Global Higher Education Executive Panel" })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual(
    [],
  );
});

test("the panel team creates a panel in the admin, and opens a message from the outbox", async ({ page, db }) => {
  await signIn(page, "e2e-editor@example.org", PASSWORD);
  await expect(page.getByRole("heading", { name: "Panels" })).toBeVisible();
  await page.getByRole("link", { name: "New panel" }).click();
  await page.getByLabel("Name").fill("Deans of Engineering Panel");
  await page.getByLabel("Address").fill("Deans Panel");
  await page.getByRole("button", { name: "Create the panel" }).click();
  await expect(page.getByText("Use lower-case letters, digits and dashes, such as global-he-panel.")).toBeVisible();
  await page.getByLabel("Address").fill("deans-engineering");
  await page.getByRole("button", { name: "Create the panel" }).click();
  await expect(page.getByRole("heading", { name: "Deans of Engineering Panel" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "The panel is created" })).toContainText(
    "/join/deans-engineering",
  );
  expect(
    await db`select 1 from panels where slug = 'deans-engineering' and name = 'Deans of Engineering Panel'`,
  ).toHaveLength(1);

  // A message of the outbox opens on its own page (it used to keep showing the list).
  await db`insert into emails (kind, to_address, subject, text_body, html_body) values ('sign-in', 'outbox-check@example.org', 'Outbox page check', 'Hello from the outbox.', '<p>Hello</p>')`;
  await page.goto("/admin/outbox");
  await page.getByRole("link", { name: "Outbox page check" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Outbox page check" })).toBeVisible();
  await expect(page.getByText("Hello from the outbox.")).toBeVisible();
});

test("an editor imports a CSV with good and bad rows and sees the summary and the errors", async ({ page, db }) => {
  const file = path.join(os.tmpdir(), `quorum-e2e-${Date.now()}.csv`);
  writeFileSync(
    file,
    [
      "Email,Full name,Institution,Country,Role",
      "imported.one@example.edu,Imported One,Universidad Norte,Chile,provost",
      "imported.two@example.edu,Imported Two,Lagos Tech,NG,Dean or Head of School",
      "not-an-email,Bad Row,Somewhere,US,",
      "imported.three@example.edu,Far Away,Nowhere,Atlantis,",
      "IMPORTED.ONE@example.edu,Duplicate,Universidad Norte,CL,",
    ].join("\n"),
  );
  await signIn(page, "e2e-editor@example.org");
  await expect(page.getByRole("heading", { name: "Panels" })).toBeVisible();
  await page.goto("/admin/panels/global-he/import");
  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("0");
  await expect(page.getByLabel("Country", { exact: true })).toHaveValue("3");
  await page.getByRole("button", { name: "Import 2 of 5 rows (3 rejected with this mapping)" }).click();
  await expect(page.getByRole("heading", { name: "2 created, 0 updated, 3 rejected" })).toBeVisible();
  const table = page.getByRole("table", { name: /Rejected rows/ });
  await expect(table).toContainText("Email is not a valid address.");
  await expect(table).toContainText('Country "Atlantis" is unknown');
  await expect(table).toContainText("appears earlier in the file (line 2)");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the rejected rows" }).click();
  expect((await download).suggestedFilename()).toMatch(/^rejected-quorum-e2e-\d+\.csv$/);
  const rows = await db<{ email: string; region: string; roleCategory: string }[]>`
    select email, region, role_category from panelists where email like 'imported.%' order by email`;
  expect(rows).toEqual([
    { email: "imported.one@example.edu", region: "Latin America & Caribbean", roleCategory: "provost" },
    { email: "imported.two@example.edu", region: "Sub-Saharan Africa", roleCategory: "dean" },
  ]);
});

test("a person joins the panel, confirms from the email, signs in with a link and leaves", async ({ page, db }) => {
  await page.goto("/join/global-he");
  await expect(page.getByRole("heading", { name: "Join the Global Higher Education Executive Panel" })).toBeVisible();
  await page.getByLabel("Name").fill("Joana Joiner");
  await page.getByLabel("Email").fill("joana.joiner@example.edu");
  await page.getByLabel("Role category").selectOption({ label: "Dean or Head of School" });
  await page.getByLabel("Organisation", { exact: true }).fill("Universidade Exemplo");
  await page.getByLabel("Organisation type").selectOption({ label: "Public university" });
  await page.getByLabel("Country").selectOption({ label: "Brazil" });
  await page.getByRole("button", { name: "Join the panel" }).click();
  await expect(page.getByText("Tick the box to agree, or you cannot join.")).toBeVisible();
  await page.getByLabel("I agree").check();
  await page.getByRole("button", { name: "Join the panel" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  // The link exists only in the message delivered (here the development outbox's .eml file), never in the database.
  const link = async (kind: string) => {
    await expect
      .poll(
        async () =>
          (
            await db`select 1 from emails where to_address = 'joana.joiner@example.edu' and kind = ${kind} and outbox_file is not null`
          ).length,
        { timeout: 15_000 },
      )
      .toBe(1);
    const [mail] = await db<
      { textBody: string; outboxFile: string }[]
    >`select text_body, outbox_file from emails where to_address = 'joana.joiner@example.edu' and kind = ${kind}`;
    expect(mail!.textBody).not.toMatch(/\/(join\/confirm|me\/link)\/[A-Za-z0-9_-]{43}/);
    const text = (await simpleParser(await readFile(mail!.outboxFile))).text ?? "";
    return new URL(/https?:\/\/\S+\/(join\/confirm|me\/link)\/[A-Za-z0-9_-]{43}/.exec(text)![0]).pathname;
  };
  const confirm = await link("confirm");
  await page.goto(confirm);
  await page.getByRole("button", { name: "Confirm and join" }).click();
  await expect(page.getByText("You are now a member of the Global Higher Education Executive Panel.")).toBeVisible();
  await expect(page.getByRole("link", { name: "your panel page" })).toHaveAttribute("href", "/me");
  // The used link, opened again, says so instead of asking to confirm again.
  await page.goto(confirm);
  await expect(page.getByRole("heading", { name: "You are already a member" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm and join" })).toHaveCount(0);

  await page.goto("/me");
  await page.getByLabel("Email").fill("joana.joiner@example.edu");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText(/we have emailed it a sign-in link/)).toBeVisible();
  await page.goto(await link("sign-in"));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Your panel profile" })).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Joana Joiner");
  await page.getByRole("button", { name: "Leave the panel" }).click();
  await expect(page.getByText("You have left the panel")).toBeVisible();
  const [row] = await db<
    { status: string; region: string }[]
  >`select status, region from panelists where email = 'joana.joiner@example.edu'`;
  expect(row).toEqual({ status: "unsubscribed", region: "Latin America & Caribbean" });
});
