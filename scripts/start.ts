import { closeDb } from "~/db.server";
import { EnvError, parseEnv } from "~/env.server";
import { demoLinks, seedDemo } from "~/models/demo.server";
import { syncQuestionnaires } from "~/models/questionnaire.server";
import { openDatabase, printSync, surveysDir } from "./bootstrap";
import { startHttpServer } from "./server";

async function main() {
  const started = Date.now();
  process.env.NODE_ENV ??= "production";
  const env = parseEnv();
  const db = await openDatabase(env);
  printSync(await syncQuestionnaires(surveysDir));
  if (env.QUORUM_DEMO) {
    const demo = await seedDemo();
    if (demo.seeded) console.log(`Seeded the demo panel: ${demo.panelists} panelists, ${demo.invitations} invitations.`);
  }
  const server = await startHttpServer(env.PORT);
  console.log(`\nQuorum is running at ${env.publicUrl} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (env.QUORUM_DEMO) {
    for (const link of await demoLinks(env.publicUrl)) console.log(`Try it as a respondent: ${link}`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Quorum…`);
    server.close();
    await closeDb();
    await db.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error(error instanceof EnvError ? error.message : `Quorum could not start: ${(error as Error).message}`);
  process.exit(1);
});
