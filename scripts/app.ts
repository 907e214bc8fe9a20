import type { Server } from "node:http";
import { closeDb } from "~/db.server";
import type { Env } from "~/env.server";
import { demoLinks, seedDemo } from "~/models/demo.server";
import { syncQuestionnaires } from "~/models/questionnaire.server";
import { openDatabase, printSync, surveysDir } from "./bootstrap";
import { startHttpServer } from "./server";

export interface RunningQuorum {
  server: Server;
  databaseUrl: string;
  demoLinks: string[];
  stop(): Promise<void>;
}

/** Brings Quorum up: database (embedded unless DATABASE_URL), migrations, questionnaires, demo data, HTTP. */
export async function startQuorum(env: Env, log: (line: string) => void = console.log): Promise<RunningQuorum> {
  const db = await openDatabase(env, log);
  printSync(await syncQuestionnaires(surveysDir), log);
  if (env.QUORUM_DEMO) {
    const demo = await seedDemo();
    if (demo.seeded) log(`Seeded the demo panel: ${demo.panelists} panelists, ${demo.invitations} invitations.`);
  }
  const server = await startHttpServer(env.PORT);
  const links = env.QUORUM_DEMO ? await demoLinks(env.publicUrl) : [];
  return {
    server,
    databaseUrl: db.url,
    demoLinks: links,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeDb();
      await db.stop();
    },
  };
}
