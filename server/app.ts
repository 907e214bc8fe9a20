import type { Server } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import type { Env } from "~/process.server";
import { openDatabase, printSync, surveysDir } from "./bootstrap";
import { startHttpServer } from "./http";
import type { QuorumApp } from "./load-app";
import { startWorker } from "./worker";

export interface RunningQuorum {
  server: Server;
  databaseUrl: string;
  /** What a newcomer can open first, in words with each link (demo only). */
  demoTour: string[];
  stop(): Promise<void>;
}

/**
 * Brings Quorum up from one loaded app (its build and what the process takes from it): database
 * (embedded unless DATABASE_URL), migrations, questionnaires, demo data, worker, HTTP.
 */
export async function startQuorum(
  { build, app }: { build: ServerBuild; app: QuorumApp },
  env: Env,
  log: (line: string) => void = console.log,
): Promise<RunningQuorum> {
  const db = await openDatabase(app, env, log);
  let server: Server | undefined;
  let links: string[];
  let worker: { stop(): Promise<void> } | undefined;
  try {
    // The worker starts first, so the process's one queue client is the supervised one.
    if (env.QUORUM_WORKER) worker = await startWorker(app, log);
    printSync(await app.syncQuestionnaires(surveysDir), log);
    let ownerShown = false;
    if (env.QUORUM_DEMO) {
      const demo = await app.seedDemo();
      if (demo.seeded) log(`Seeded the demo panel: ${demo.panelists} panelists, ${demo.invitations} invitations.`);
      if (demo.owner) {
        log(
          `Demo admin (shown once): ${env.publicUrl}/admin/login  email ${demo.owner.email}  password ${demo.owner.password}`,
        );
        ownerShown = true;
      }
    }
    server = await startHttpServer(build, app, env).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE") throw error;
      throw new Error(
        `port ${env.PORT} is already in use (another Quorum?). Stop that program, or choose another port: PORT=3001 npm start`,
      );
    });
    links = env.QUORUM_DEMO ? await app.demoTour(env.publicUrl, ownerShown) : [];
  } catch (error) {
    server?.close();
    await worker?.stop();
    await app.stopBoss();
    await app.closeDb();
    await db.stop();
    throw error;
  }
  const running = server;
  return {
    server: running,
    databaseUrl: db.url,
    demoTour: links,
    async stop() {
      await new Promise<void>((resolve) => running.close(() => resolve()));
      await worker?.stop();
      await app.stopBoss();
      await app.closeDb();
      await db.stop();
    },
  };
}
