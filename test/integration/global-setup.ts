import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, type DatabaseServer } from "../../server/embedded-db";
import { migrate } from "../../server/migrate";
import { startBoss } from "../../app/jobs.server";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

/**
 * One fresh, migrated template database per run, on DATABASE_URL's server or the embedded one;
 * each test file then gets its own copy of it (test/setup.ts).
 */
export default async function setup(project: TestProject) {
  const runId = `quorum_test_${Date.now()}_${process.pid}`;
  let server: DatabaseServer | undefined;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = "/postgres";
    adminUrl = url.toString();
  } else {
    server = await startEmbeddedPostgres(path.resolve(process.env.QUORUM_DATA_DIR ?? ".data"), () => {});
    adminUrl = server.adminUrl;
  }
  await ensureDatabase(adminUrl, runId);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${runId}`;
  await migrate(templateUrl.toString());
  // The job queue's tables too, so each copy starts with them.
  const boss = await startBoss(templateUrl.toString(), { supervise: false });
  await boss.stop({ graceful: false, wait: true });

  project.provide("adminUrl", adminUrl);
  project.provide("templateDatabase", runId);

  return async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const leftovers = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${runId + "%"}`;
    await admin.end();
    for (const { datname } of leftovers) await dropDatabase(adminUrl, datname);
    await server?.stop();
  };
}
