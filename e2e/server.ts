// The app as Playwright's webServer: a fresh database per run, its URL and demo links in a state file.
import fs from "node:fs/promises";
import path from "node:path";
import { initEnv } from "~/env.server";
import { demoLinks } from "~/flows/demo.server";
import { startQuorum } from "../server/app";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from "../server/embedded-db";

async function main() {
  const env = initEnv({ ...process.env, QUORUM_DEMO: "1" });
  const name = `quorum_e2e_${Date.now()}`;
  const server = await startEmbeddedPostgres(env.dataDir);
  await ensureDatabase(server.adminUrl, name);
  const app = await startQuorum({ ...env, DATABASE_URL: server.urlFor(name) });
  const stateFile = path.join(env.dataDir, "e2e-state.json");
  await fs.writeFile(stateFile, JSON.stringify({ databaseUrl: app.databaseUrl, baseUrl: env.publicUrl, links: await demoLinks(env.publicUrl, 8) }, null, 2));
  console.log(`e2e server ready at ${env.publicUrl} on database ${name}`);

  const stop = async () => {
    app.server.closeAllConnections();
    await app.stop();
    await dropDatabase(server.adminUrl, name).catch(() => {});
    await server.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
