// The worker as its own process: `npm run worker` (start the app with QUORUM_WORKER=0 to run it only here).
// It needs no build: it loads the app's source, once.
import * as app from "~/process.server";
import { openDatabase } from "./bootstrap";
import { survivePoolDisconnects } from "./process-guards";
import { startWorker } from "./worker";

async function main() {
  survivePoolDisconnects();
  const env = app.initEnv();
  const db = await openDatabase(app, env);
  const worker = await startWorker(app);
  console.log("Quorum worker running: delivering queued mail and rolling up results.");
  const stop = async () => {
    await worker.stop();
    await app.stopBoss();
    await app.closeDb();
    await db.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(
    error instanceof app.EnvError ? error.message : `The worker could not start: ${(error as Error).message}`,
  );
  process.exit(1);
});
