import { readFileSync } from "node:fs";
import path from "node:path";
import { test as base } from "@playwright/test";
import postgres from "postgres";

interface State {
  databaseUrl: string;
  baseUrl: string;
  links: string[];
}

/** What the e2e server wrote: its fresh database and demo links. */
export function e2eState(): State {
  const dir = path.resolve(process.env.QUORUM_DATA_DIR ?? ".data");
  return JSON.parse(readFileSync(path.join(dir, "e2e-state.json"), "utf8")) as State;
}

export const test = base.extend<{ db: postgres.Sql; state: State }>({
  // eslint-disable-next-line no-empty-pattern
  state: async ({}, use) => use(e2eState()),
  db: async ({ state }, use) => {
    const sql = postgres(state.databaseUrl, { max: 2, onnotice: () => {}, transform: { column: { from: postgres.toCamel } } });
    await use(sql);
    await sql.end();
  },
});

export { expect } from "@playwright/test";
