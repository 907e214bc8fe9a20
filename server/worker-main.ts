// The worker as its own process: `npm run worker` (start the app with QUORUM_WORKER=0 to run it only here).
import { closeDb } from "~/db.server";
import { EnvError, initEnv } from "~/env.server";
import { openDatabase } from "./bootstrap";
import { survivePoolDisconnects } from "./process-guards";
import { startWorker } from "./worker";

async function main() {
  survivePoolDisconnects();
  const env = initEnv();
  const db = await openDatabase(env);
  const worker = await startWorker(db.url);
  console.log("Quorum worker running: delivering queued mail and rolling up results.");
  const stop = async () => {
    await worker.stop();
    await closeDb();
    await db.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : `The worker could not start: ${(error as Error).message}`);
  process.exit(1);
});
