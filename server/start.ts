import { spawnSync } from "node:child_process";
import { startQuorum } from "./app";
import { loadBuiltApp, type QuorumApp } from "./load-app";
import { survivePoolDisconnects } from "./process-guards";

let app: QuorumApp | undefined;

async function main() {
  const started = Date.now();
  // `npm start` builds first, here, so the time it prints is the time a newcomer waits.
  let built = 0;
  if (process.argv.includes("--build")) {
    console.log("Building the app…");
    const build = spawnSync("npm", ["run", "build", "--silent"], {
      stdio: "inherit",
      shell: process.platform === "win32",
    });
    if (build.status !== 0) throw new Error("the build failed (see above)");
    built = Date.now() - started;
  }
  survivePoolDisconnects();
  // React and Remix read NODE_ENV themselves: production unless said otherwise.
  process.env.NODE_ENV ??= "production";
  // The one copy of the app this process runs: the build, and what the server takes from it.
  const loaded = await loadBuiltApp();
  app = loaded.app;
  const env = app.initEnv();
  const running = await startQuorum(loaded, env);
  const total = (Date.now() - started) / 1000;
  console.log(
    `\nQuorum is running at ${env.publicUrl} (ready in ${total.toFixed(1)} s${built ? `: build ${(built / 1000).toFixed(1)} s, start ${(total - built / 1000).toFixed(1)} s` : ""})`,
  );
  if (running.demoTour.length)
    console.log(`\nThe demo, to try first:\n${running.demoTour.map((line) => `  • ${line}`).join("\n")}`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Quorum…`);
    // Open keep-alive connections would hold server.close() back.
    running.server.closeAllConnections();
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(
    app && error instanceof app.EnvError ? error.message : `Quorum could not start: ${(error as Error).message}`,
  );
  process.exit(1);
});
