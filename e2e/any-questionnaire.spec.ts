import { expect, test } from "./fixtures";

// A questionnaire from the corpus, not one we ship: a matrix with a column total, a tagbox where
// respondents may add their own choice, a required question that is never shown and one shown only
// for low ratings. The page's own data must be accepted, with the total worked out by the server.
test("a questionnaire with totals, custom choices and hidden required questions completes in Chromium", async ({
  page,
  state,
  db,
}) => {
  const path = new URL(state.anySurveyLink).pathname;
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Conference expenses and follow-up" })).toBeVisible();

  await page.getByRole("spinbutton", { name: "row Travel, column Amount (USD)" }).fill("420");
  await page.getByRole("spinbutton", { name: "row Hotel, column Amount (USD)" }).fill("310.5");
  await page.getByRole("spinbutton", { name: "row Meals, column Amount (USD)" }).fill("75");
  await page.keyboard.press("Tab"); // SurveyJS takes a typed value when the field loses focus
  // The total row of the matrix follows the amounts.
  await expect(page.getByRole("row", { name: "805.5" })).toBeVisible();

  // SurveyJS lays a wrapper over the tagbox input: open it as a person would, then add an own choice.
  await page.locator(".sd-tagbox", { has: page.getByRole("combobox", { name: "Topics you want next time" }) }).click();
  await page.getByRole("option", { name: "AI", exact: true }).click();
  await page.keyboard.type("hybrid events");
  await page.getByRole("option", { name: 'Create "hybrid events" item...' }).click();
  await page.keyboard.press("Escape");

  await page.getByRole("radiogroup", { name: "Was it worth the money?" }).getByText("4", { exact: true }).click();
  await page.getByRole("button", { name: "Complete" }).click();
  await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();

  const token = path.split("/").pop() as string;
  const rows = await db<{ status: string; data: Record<string, unknown> }[]>`
    select r.status, r.data from responses r join invitations i on i.id = r.invitation_id
    where i.token_hash = sha256(convert_to(${token}, 'UTF8'))`;
  expect(rows).toHaveLength(1);
  expect(rows[0]?.status).toBe("complete");
  expect(rows[0]?.data).toEqual({
    spend: { travel: { amount: 420 }, hotel: { amount: 310.5 }, meals: { amount: 75 } },
    "spend-total": { amount: 805.5 },
    topics: ["AI", "hybrid events"],
    value: 4,
  });
});
