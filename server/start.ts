import { EnvError, initEnv } from "~/env.server";
import { startQuorum } from "./app";
import { survivePoolDisconnects } from "./process-guards";

async function main() {
  const started = Date.now();
  survivePoolDisconnects();
  // React and Remix read NODE_ENV themselves: production unless said otherwise.
  process.env.NODE_ENV ??= "production";
  const env = initEnv();
  const app = await startQuorum(env);
  console.log(`\nQuorum is running at ${env.publicUrl} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  for (const link of app.demoLinks) console.log(`Try it as a respondent: ${link}`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Quorum…`);
    // Open keep-alive connections would hold server.close() back.
    app.server.closeAllConnections();
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : `Quorum could not start: ${(error as Error).message}`);
  process.exit(1);
});
