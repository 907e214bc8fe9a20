import { readFileSync } from "node:fs";
import path from "node:path";
import { type Page, test as base } from "@playwright/test";
import postgres from "postgres";

interface State {
  databaseUrl: string;
  baseUrl: string;
  links: string[];
  /** A personal link to a wave of a corpus questionnaire (totals, custom choices, hidden required questions). */
  anySurveyLink: string;
  /** A demo panelist who reads Spanish: their link to the 2024 wave. */
  spanishLink: string;
  /** Fresh personal links for the slow-phone specs (2024 in English and Spanish; a questionnaire complete in Arabic). */
  slowPhoneLinks: { en: string; es: string; ar: string };
  /** Fresh personal links to each shipped questionnaire, for the phone sweep (e2e/phone.spec.ts). */
  phoneLinks: { "2021": string; "2024": string };
}

/** What the e2e server wrote: its fresh database and demo links. */
function e2eState(): State {
  const dir = path.resolve(process.env.QUORUM_DATA_DIR ?? ".data");
  return JSON.parse(readFileSync(path.join(dir, "e2e-state.json"), "utf8")) as State;
}

export const test = base.extend<{ db: postgres.Sql; state: State; cspViolations: string[] }>({
  // Every page of every spec runs under the real Content-Security-Policy: a violation fails the test.
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await use(violations);
      if (violations.length > 0) throw new Error(`Content-Security-Policy violations:\n${violations.join("\n")}`);
    },
    { auto: true },
  ],
  // eslint-disable-next-line no-empty-pattern
  state: async ({}, use) => use(e2eState()),
  db: async ({ state }, use) => {
    const sql = postgres(state.databaseUrl, {
      max: 2,
      onnotice: () => {},
      transform: { column: { from: postgres.toCamel } },
    });
    await use(sql);
    await sql.end();
  },
});

export { expect } from "@playwright/test";

/**
 * Chooses in a dropdown as a person would: the respondent page draws dropdowns as native lists
 * (server-rendered first page and survey-core's page alike), so pick the option by its text.
 */
export async function chooseInDropdown(page: Page, question: RegExp, option: string): Promise<void> {
  await page.getByRole("combobox", { name: question }).selectOption({ label: option });
}

/** The option a dropdown shows as chosen. */
export function chosenIn(page: Page, question: RegExp) {
  return page.getByRole("combobox", { name: question }).locator("option:checked");
}
