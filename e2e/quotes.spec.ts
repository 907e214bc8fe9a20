import { hash } from "@node-rs/argon2";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

const PASSWORD = "e2e password that is long";
const WAVE = "e2e-conditional-quotes";
const TELLS = "answered “No” to “Do you offer micro-credentials for credit?”";

// A wave of a questionnaire whose "Why not?" is shown only to those who answered "No", and whose
// closing comment is shown to everyone; one respondent who said no and agreed to be quoted.
test.beforeAll(async ({ db }) => {
  await db`insert into admins (email, password_hash, role) values ('e2e-quotes@example.org', ${await hash(PASSWORD)}, 'editor')
    on conflict (lower(email)) do update set password_hash = excluded.password_hash`;
  const definition = {
    title: "Conditional quotes",
    pages: [
      {
        name: "p1",
        elements: [
          {
            type: "radiogroup",
            name: "offer",
            title: "Do you offer micro-credentials for credit?",
            isRequired: true,
            choices: [
              { value: "yes", text: "Yes" },
              { value: "no", text: "No" },
            ],
          },
          { type: "comment", name: "whyNot", title: "Why not?", visibleIf: "{offer} = 'no'" },
          { type: "comment", name: "comment", title: "Anything else?" },
          { type: "boolean", name: "consentToQuote", title: "May we quote you?" },
        ],
      },
    ],
  };
  const [questionnaire] = await db<{ id: number }[]>`
    insert into questionnaires (slug, title, source_file) values (${WAVE}, 'Conditional quotes', ${`${WAVE}.json`})
    on conflict (slug) do update set title = excluded.title returning id`;
  const [version] = await db<{ id: number }[]>`
    insert into questionnaire_versions (questionnaire_id, version, content_hash, definition, title, question_count)
    values (${questionnaire!.id}, 1, ${WAVE}, ${db.json(definition)}, 'Conditional quotes', 4)
    on conflict do nothing returning id`;
  if (!version) return; // already there from an earlier run on this database
  await db`update questionnaires set current_version_id = ${version.id} where id = ${questionnaire!.id}`;
  const [wave] = await db<{ id: number }[]>`
    insert into waves (panel_id, questionnaire_id, questionnaire_version_id, slug, title, opens_at)
    select id, ${questionnaire!.id}, ${version.id}, ${WAVE}, 'Conditional quotes', now() - interval '1 day'
    from panels where slug = 'global-he' returning id`;
  await db`
    insert into responses (wave_id, questionnaire_version_id, status, data, country, region, completed_at)
    values (${wave!.id}, ${version.id}, 'complete', ${db.json({
      offer: "no",
      whyNot: "Our senate has not approved credit for short courses.",
      comment: "Employers ask for them more every year.",
      consentToQuote: true,
    })}, 'CL', 'Latin America & Caribbean', now())`;
});

test("a quote that tells readers an answer of its author is approved only after a second confirmation", async ({
  page,
  db,
}) => {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill("e2e-quotes@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Panels" })).toBeVisible();
  await page.goto(`/admin/waves/${WAVE}/quotes`);
  await expect(page.getByRole("heading", { name: "Quotes" })).toBeVisible();

  const conditional = page.locator("article", { hasText: "Our senate has not approved" });
  const everyone = page.locator("article", { hasText: "Employers ask for them" });
  await expect(
    conditional.getByText(`This quote tells readers that its author ${TELLS}.`, { exact: true }),
  ).toBeVisible();
  const box = conditional.getByRole("checkbox", {
    name: `I understand that this quote tells readers that its author ${TELLS}.`,
  });
  await expect(box).not.toBeChecked();
  // The comment everyone is asked says nothing of the kind and has no box to tick.
  await expect(everyone.getByText("This quote tells readers")).toHaveCount(0);
  await expect(everyone.getByRole("checkbox")).toHaveCount(0);

  // Approve without ticking: refused, said beside the quote, and nothing approved.
  await conditional.getByRole("button", { name: "Approve" }).click();
  await expect(conditional.getByRole("alert")).toHaveText(
    `Nothing was approved: this quote tells readers that its author ${TELLS}. Tick the box that says you understand this, then approve it again.`,
  );
  expect(await db`select 1 from quotes q join waves w on w.id = q.wave_id where w.slug = ${WAVE}`).toHaveLength(0);
  const axe = await new AxeBuilder({ page }).include("main").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: "test-results/quotes-unconfirmed.png", fullPage: true });

  // Tick it and approve, with an edit: approved as edited.
  await conditional.getByLabel("Quote as published").fill("Our senate has not yet approved credit for short courses.");
  await box.check();
  await conditional.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status")).toHaveText("Approved: it will appear in the next publication.");
  await expect(conditional.getByText(/· approved$/)).toBeVisible();
  await expect(conditional.getByRole("button", { name: "Save the edit" })).toBeVisible();
  expect(
    await db<{ question: string; text: string }[]>`
      select q.question, q.text from quotes q join waves w on w.id = q.wave_id where w.slug = ${WAVE}`,
  ).toEqual([{ question: "whyNot", text: "Our senate has not yet approved credit for short courses." }]);

  // The comment everyone is asked: one step.
  await everyone.getByRole("button", { name: "Approve" }).click();
  await expect(everyone.getByRole("button", { name: "Save the edit" })).toBeVisible();
  expect(
    await db<{ question: string }[]>`
      select q.question from quotes q join waves w on w.id = q.wave_id where w.slug = ${WAVE} order by q.question`,
  ).toEqual([{ question: "comment" }, { question: "whyNot" }]);
  await page.screenshot({ path: "test-results/quotes-approved.png", fullPage: true });
});
