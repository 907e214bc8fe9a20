import { hash } from "@node-rs/argon2";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const PASSWORD = "e2e password that is long";
const EDITOR = "team-a-editor@example.org";

async function signIn(page: Page, email: string) {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Panels" })).toBeVisible();
}

test.beforeAll(async ({ db }) => {
  // Team A: its own panel beside the demo's, an editor of it alone, two members (one asked 3 days ago).
  const [panel] = await db<{ id: number }[]>`
    insert into panels (slug, name) values ('team-a', 'Team A Deans Panel')
    on conflict (slug) do update set name = excluded.name returning id`;
  const [admin] = await db<{ id: number }[]>`
    insert into admins (email, password_hash, role) values (${EDITOR}, ${await hash(PASSWORD)}, 'editor')
    on conflict (lower(email)) do update set password_hash = excluded.password_hash returning id`;
  await db`insert into admin_panel_roles (admin_id, panel_id, role) values (${admin!.id}, ${panel!.id}, 'editor')
    on conflict do nothing`;
  await db`
    insert into panelists (panel_id, email, name, country, region, status)
    values (${panel!.id}, 'asked@team-a.example', 'Asked Recently', 'CL', 'Latin America & Caribbean', 'active'),
      (${panel!.id}, 'fresh@team-a.example', 'Fresh Face', 'CA', 'North America', 'active')
    on conflict do nothing`;
  const [version] = await db<{ id: number; questionnaireId: number }[]>`
    select v.id, v.questionnaire_id from questionnaire_versions v join questionnaires q on q.current_version_id = v.id
    where q.slug = 'micro-credentials-2021'`;
  for (const slug of ["team-a-spring", "team-a-autumn"]) {
    await db`
      insert into waves (slug, title, panel_id, questionnaire_id, questionnaire_version_id, opens_at, closes_at)
      values (${slug}, ${slug === "team-a-spring" ? "Team A spring pulse" : "Team A autumn pulse"}, ${panel!.id},
        ${version!.questionnaireId}, ${version!.id}, now() - interval '10 days', now() + interval '20 days')
      on conflict (slug) do nothing`;
  }
  await db`
    insert into invitations (wave_id, panelist_id, token_hash, sent_at)
    select w.id, p.id, '\\x01', now() - interval '3 days'
    from waves w, panelists p where w.slug = 'team-a-spring' and p.email = 'asked@team-a.example'
    on conflict do nothing`;
});

test("an editor of panel A sees only panel A, and gets a 403 page on panel B's address", async ({ page }) => {
  await signIn(page, EDITOR);
  await expect(page.getByRole("heading", { name: "Panels" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Team A Deans Panel" })).toBeVisible();
  await expect(page.getByText("Global Higher Education Executive Panel")).toHaveCount(0);
  await expect(page.getByText(`${EDITOR} (editor, 1 panel)`)).toBeVisible();
  // Creating panels is for admins of every panel.
  await expect(page.getByRole("link", { name: "New panel" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/panels-editor-of-a.png", fullPage: true });

  await page.getByRole("link", { name: "Waves" }).click();
  await expect(page.getByRole("link", { name: "Team A spring pulse" })).toBeVisible();
  await expect(page.getByText("For-Credit Micro-Credentials 2024")).toHaveCount(0);

  const response = await page.goto("/admin/panels/global-he/panelists");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByText("This panel is not one of yours: ask an owner to give you a role on it.")).toBeVisible();
  await page.screenshot({ path: "test-results/panels-403-on-b.png", fullPage: true });
  const wave = await page.goto("/admin/waves/for-credit-micro-credentials-2024");
  expect(wave?.status()).toBe(403);
});

test("sending a wave says how many will be invited and how many rest before confirming", async ({ page, db }) => {
  await signIn(page, EDITOR);
  await page.goto("/admin/waves/team-a-autumn");
  await page.getByRole("button", { name: "Send invitations" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("1 person will be invited: email 1 invitation now?");
  await expect(dialog).toContainText(
    "1 person was asked too recently (the panel's rule: at most 3 invitations in any 90 days, and none within 14 days of the last) and will not be invited.",
  );
  expect(await db`select 1 from emails where to_address like '%@team-a.example'`).toHaveLength(0);
  await page.screenshot({ path: "test-results/panels-send-confirm.png", fullPage: true });

  await dialog.getByRole("button", { name: "Send 1 email" }).click();
  await expect(page.getByRole("status").filter({ hasText: "new invitation" })).toHaveText(
    "1 new invitation; 1 email queued; 1 person skipped (asked too recently).",
  );
  const sent = await db<{ toAddress: string }[]>`
    select to_address from emails where to_address like '%@team-a.example' and kind = 'invitation'`;
  expect(sent.map((e) => e.toAddress)).toEqual(["fresh@team-a.example"]);

  // The panelist's page says why they rest and lists the invitation, never an answer.
  const [asked] = await db<{ id: number }[]>`select id from panelists where email = 'asked@team-a.example'`;
  await page.goto(`/admin/panels/team-a/panelists/${asked!.id}`);
  await expect(page.getByText("Resting: invited less than 14 days ago")).toBeVisible();
  await expect(page.getByRole("table", { name: "Recent invitations, newest first" })).toContainText(
    "Team A spring pulse",
  );
  await page.screenshot({ path: "test-results/panels-panelist-rest.png", fullPage: true });
});
