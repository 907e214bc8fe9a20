import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { hash } from "@node-rs/argon2";
import type { Page } from "@playwright/test";
import { simpleParser } from "mailparser";
import { expect, test } from "./fixtures";

// Issue 27, round 2: panel health, the outbox's HTML and a copy to oneself, the country picker, and a
// person's own data and unsubscribing from one panel or every panel, in their language. Every page
// is checked with axe (no serious or critical finding) and photographed.

const PASSWORD = "e2e password that is long";
const OWNER = "people-owner@example.org";
const PERSON = "dana.dos.paineis@example.org";

async function signIn(page: Page, email: string) {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Panels" })).toBeVisible();
}

/** axe's serious and critical findings. `frames: false` for a page with the outbox's sandboxed frame, where no script (axe's neither) may run. */
async function axe(page: Page, frames = true) {
  const builder = new AxeBuilder({ page });
  const results = await (frames ? builder : builder.setLegacyMode(true).options({ iframes: false })).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test.beforeAll(async ({ db }) => {
  await db`
    insert into admins (email, password_hash, role) values (${OWNER}, ${await hash(PASSWORD)}, 'owner')
    on conflict (lower(email)) do update set password_hash = excluded.password_hash`;
  const [people] = await db<{ id: number }[]>`
    insert into panels (slug, name) values ('people-panel', 'People Panel')
    on conflict (slug) do update set name = excluded.name returning id`;
  const [second] = await db<{ id: number }[]>`
    insert into panels (slug, name) values ('people-panel-2', 'Second People Panel')
    on conflict (slug) do update set name = excluded.name returning id`;
  // Dana reads Portuguese and is on two panels with one address.
  for (const panelId of [people!.id, second!.id])
    await db`
      insert into panelists (panel_id, email, name, country, region, language, status)
      values (${panelId}, ${PERSON}, 'Dana Dois', 'PT', 'Europe & Central Asia', 'pt', 'active')
      on conflict do nothing`;
});

test("the dashboard shows each panel's health", async ({ page, db }) => {
  await signIn(page, OWNER);
  const table = page.getByRole("table", { name: /Panel health/ });
  await expect(table).toBeVisible();
  // The demo's answers are synthetic (no invitation was emailed), so it has no response rate to show.
  const [demo] = await db<{ n: number }[]>`
    select count(*)::int as n from panelists p join panels x on x.id = p.panel_id where x.slug = 'global-he' and p.status = 'active'`;
  const row = table.getByRole("row", { name: /Global Higher Education Executive Panel/ });
  await expect(row.getByRole("cell").first()).toHaveText(demo!.n.toLocaleString("en"));
  // Until a wave is emailed to it; waves.spec, earlier in the same run, may have sent one (then its rate shows).
  await expect(row).toContainText(/No invitations sent yet|: \d+% \(\d+ of \d+\)/);
  await expect(table.getByRole("row", { name: /^People Panel/ })).toContainText("No invitations sent yet");
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: "test-results/people-dashboard.png", fullPage: true });
});

test("the outbox shows a message's HTML with personal links hidden, and sends a copy to me", async ({ page, db }) => {
  const [dana] = await db<{ id: number }[]>`
    select p.id from panelists p join panels x on x.id = p.panel_id where x.slug = 'people-panel' and p.email = ${PERSON}`;
  const [message] = await db<{ id: number }[]>`
    insert into emails (kind, panelist_id, to_address, subject, text_body, html_body, status)
    values ('invitation', ${dana!.id}, ${PERSON}, 'Your invitation: People pulse',
      'Answer: https://personal-link.invalid/0',
      '<p>Dear Dana,</p><p><a href="https://personal-link.invalid/0" style="background:#1a5fb4;color:#fff;padding:12px 20px">Answer the questionnaire</a></p><p>Or paste: https://personal-link.invalid/0</p>',
      'sent')
    returning id`;
  await signIn(page, OWNER);
  await page.goto(`/admin/outbox/${message!.id}`);
  const frame = page.frameLocator('iframe[title^="The HTML part"]');
  await expect(frame.getByText("Answer the questionnaire")).toBeVisible();
  await expect(frame.getByText("Or paste: [personal link]")).toBeVisible();
  await expect(frame.locator("a")).toHaveAttribute("title", "[personal link]");
  expect(await axe(page, false)).toEqual([]);
  await page.screenshot({ path: "test-results/people-outbox-html.png", fullPage: true });

  await page.getByRole("button", { name: `Send a copy to me (${OWNER})` }).click();
  await expect(page.getByRole("status")).toContainText(`A copy is on its way to ${OWNER}`);
  const copies = await db<{ subject: string; textBody: string }[]>`
    select subject, text_body from emails where to_address = ${OWNER} and kind = 'test'`;
  expect(copies).toEqual([{ subject: "[Test] Your invitation: People pulse", textBody: "Answer: [personal link]" }]);
});

test("the launch form's countries: this panel's largest first, searchable, a tap each", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, OWNER);
  await page.goto("/admin/waves/new");
  await page.getByLabel("Panel", { exact: true }).selectOption({ label: "Global Higher Education Executive Panel" });
  const picker = page.getByRole("group", { name: "Countries" });
  // The demo panel's largest country comes first, with its members.
  await expect(picker.getByRole("checkbox").first()).toBeVisible();
  const first = await picker.locator("li:not([hidden]) label").first().textContent();
  expect(first).toMatch(/\(\d[\d,]*\)$/);
  await picker.getByLabel("Find a country").fill("chil");
  await expect(picker.locator("li:not([hidden])")).toHaveCount(1);
  await picker.getByRole("checkbox", { name: /^Chile/ }).check();
  await picker.getByLabel("Find a country").fill("");
  await expect(picker).toContainText("1 chosen.");
  expect(await axe(page)).toEqual([]);
  await picker.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/people-country-picker-phone.png", fullPage: true });
});

test("a person downloads their data and leaves one panel or every panel, in Portuguese", async ({
  page,
  db,
  state,
}) => {
  await page.goto("/me");
  await page.getByLabel("Email").fill(PERSON);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect
    .poll(
      async () =>
        (await db`select 1 from emails where to_address = ${PERSON} and kind = 'sign-in' and outbox_file is not null`)
          .length,
      // The mail queue may still be sending a wave's invitations to the demo panel (1,261 people) from a spec before.
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
  const [mail] = await db<{ outboxFile: string }[]>`
    select outbox_file from emails where to_address = ${PERSON} and kind = 'sign-in' and outbox_file is not null order by id limit 1`;
  const text = (await simpleParser(await readFile(mail!.outboxFile))).text ?? "";
  await page.goto(new URL(/https?:\/\/\S+\/me\/link\/[A-Za-z0-9_-]{43}/.exec(text)![0]).pathname);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "O seu perfil no painel" })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: "test-results/people-me-pt.png", fullPage: true });

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Descarregar os meus dados (JSON)" }).click();
  const file = await (await download).path();
  const data = JSON.parse(readFileSync(file, "utf8")) as { about: string; memberships: { panel: string }[] };
  expect(data.about).toMatch(/^Tudo o que o Quorum guarda sobre si/);
  expect(data.memberships.map((m) => m.panel).sort()).toEqual(["People Panel", "Second People Panel"]);

  // The one-click link of the People Panel's emails: this panel only, then every panel.
  const [dana] = await db<{ id: number }[]>`
    select p.id from panelists p join panels x on x.id = p.panel_id where x.slug = 'people-panel' and p.email = ${PERSON}`;
  const secret = readFileSync(path.join(path.dirname(path.dirname(mail!.outboxFile)), "secret"), "utf8").trim();
  const token = createHmac("sha256", secret).update(`unsubscribe:v1:${dana!.id}`).digest("base64url");
  await page.goto(`/u/${dana!.id}.${token}`);
  await expect(page.getByRole("heading", { name: "Cancelar a subscrição" })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: "test-results/people-unsubscribe-pt.png", fullPage: true });
  await page.getByRole("radio", { name: /todos os painéis/ }).check();
  await page.getByRole("button", { name: "Cancelar a subscrição" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Não receberá mais e-mails de nenhum destes painéis: People Panel e Second People Panel.",
  );
  const statuses = await db<{ status: string }[]>`select status from panelists where email = ${PERSON}`;
  expect(statuses.map((s) => s.status)).toEqual(["unsubscribed", "unsubscribed"]);
  expect(state.baseUrl).toBeTruthy();
});
