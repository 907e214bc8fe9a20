import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Env, SyncReport } from "~/process.server";
import { ensureDatabase, startEmbeddedPostgres } from "./embedded-db";
import { migrate } from "./migrate";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const surveysDir = path.join(root, "survey-definitions");

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * Finds the database (DATABASE_URL, or the embedded PostgreSQL in the data folder, started or
 * reused), applies pending migrations and points the app's one client at it.
 */
export async function openDatabase(
  app: { connectTo(url: string): Promise<void> },
  env: Env,
  log: (line: string) => void = console.log,
): Promise<OpenDatabase> {
  let url = env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const server = await startEmbeddedPostgres(env.dataDir, log, { port: env.QUORUM_DB_PORT });
    await ensureDatabase(server.adminUrl, "quorum");
    url = server.urlFor("quorum");
    stop = () => server.stop();
  }
  await app.connectTo(url);
  const applied = await migrate(url);
  for (const name of applied) log(`Applied migration ${name}`);
  return { url, embedded: !env.DATABASE_URL, stop };
}

/** Prints what a questionnaire sync did, one line a file. */
export function printSync(reports: SyncReport[], log: (line: string) => void = console.log): void {
  for (const r of reports) {
    if (r.outcome === "skipped") {
      console.error(`✗ survey-definitions/${r.file} was skipped: ${(r.errors ?? []).join("; ")}`);
    } else if (r.outcome !== "unchanged") {
      log(
        `Questionnaire ${r.slug}: ${r.outcome === "created" ? "loaded" : r.outcome === "reverted" ? "back to" : "new"} version ${r.version}`,
      );
    }
    // Said at every sync, changed or not: the survey team can simplify the file or accept the cost.
    if (r.slowBecause) log(`  ${r.slug}: completions are checked by survey-core's Model: slower (${r.slowBecause})`);
    if (r.languages && r.languages.length > 1) {
      const gaps = Object.entries(r.missingStrings ?? {}).map(
        ([l, list]) => `${l} lacks ${list.length} (${list.slice(0, 3).join("; ")}${list.length > 3 ? "; …" : ""})`,
      );
      log(
        `  ${r.slug}: in ${r.languages.join(", ")}${gaps.length ? `; ${gaps.join("; ")}` : ", every text translated"}`,
      );
    }
  }
}
