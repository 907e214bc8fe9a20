import type { Server } from "node:http";
import { closeDb } from "~/db.server";
import type { Env } from "~/env.server";
import { demoTour, seedDemo } from "~/flows/demo.server";
import { syncQuestionnaires } from "~/models/questionnaire.server";
import { openDatabase, printSync, surveysDir } from "./bootstrap";
import { stopBoss } from "~/jobs.server";
import { closeFiguresPool } from "~/results/figures-pool.server";
import { startHttpServer } from "./http";
import { startWorker } from "./worker";

export interface RunningQuorum {
  server: Server;
  databaseUrl: string;
  /** What a newcomer can open first, in words with each link (demo only). */
  demoTour: string[];
  stop(): Promise<void>;
}

/** Brings Quorum up: database (embedded unless DATABASE_URL), migrations, questionnaires, demo data, HTTP. */
export async function startQuorum(env: Env, log: (line: string) => void = console.log): Promise<RunningQuorum> {
  const db = await openDatabase(env, log);
  let server: Server;
  let links: string[];
  let worker: { stop(): Promise<void> } | undefined;
  try {
    printSync(await syncQuestionnaires(surveysDir), log);
    if (env.QUORUM_DEMO) {
      const demo = await seedDemo();
      if (demo.seeded) log(`Seeded the demo panel: ${demo.panelists} panelists, ${demo.invitations} invitations.`);
      if (demo.owner) {
        log(
          `Demo admin (shown once): ${env.publicUrl}/admin/login  email ${demo.owner.email}  password ${demo.owner.password}`,
        );
      }
    }
    server = await startHttpServer(env).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE") throw error;
      throw new Error(
        `port ${env.PORT} is already in use (another Quorum?). Stop that program, or choose another port: PORT=3001 npm start`,
      );
    });
    links = env.QUORUM_DEMO ? await demoTour(env.publicUrl) : [];
    if (env.QUORUM_WORKER) worker = await startWorker(db.url, log);
  } catch (error) {
    await worker?.stop();
    await closeDb();
    await db.stop();
    throw error;
  }
  return {
    server,
    databaseUrl: db.url,
    demoTour: links,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker?.stop();
      await stopBoss();
      await closeFiguresPool();
      await closeDb();
      await db.stop();
    },
  };
}
