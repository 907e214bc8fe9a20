import { parseEnv } from "~/env.server";
import { connectTo } from "~/db.server";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from "../server/embedded-db";
import { migrate } from "../server/migrate";

/** A fresh, migrated database for one benchmark run (on DATABASE_URL's server or the embedded one), dropped after. */
export async function scratchDatabase(prefix: string) {
  const env = parseEnv();
  const name = `${prefix}_${Date.now()}`;
  let adminUrl: string;
  let stopServer = async () => {};
  if (env.DATABASE_URL) {
    const u = new URL(env.DATABASE_URL);
    u.pathname = "/postgres";
    adminUrl = u.toString();
  } else {
    const server = await startEmbeddedPostgres(env.dataDir, () => {});
    adminUrl = server.adminUrl;
    stopServer = () => server.stop();
  }
  await ensureDatabase(adminUrl, name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  await connectTo(url.toString());
  return {
    url: url.toString(),
    async drop() {
      const { closeDb } = await import("~/db.server");
      await closeDb();
      await dropDatabase(adminUrl, name);
      await stopServer();
    },
  };
}

/** Median and spread of repeated timings, in milliseconds. */
export async function time(
  runs: number,
  fn: () => Promise<unknown>,
): Promise<{ median: number; min: number; max: number }> {
  await fn(); // warm the cache and the plan
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(samples.length / 2)] as number,
    min: samples[0] as number,
    max: samples[samples.length - 1] as number,
  };
}

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
