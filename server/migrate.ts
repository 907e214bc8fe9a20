import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { resolveBinary } from "dbmate";

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const migrationsDir = path.join(root, "db", "migrations");
const schemaFile = path.join(root, "db", "schema.sql");

function withSsl(url: string): string {
  return /[?&]sslmode=/.test(url) ? url : `${url}${url.includes("?") ? "&" : "?"}sslmode=disable`;
}

async function dbmate(url: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(
      resolveBinary(),
      ["--url", withSsl(url), "--migrations-dir", migrationsDir, "--schema-file", schemaFile, ...args],
      { env: { ...process.env, DATABASE_URL: "" } },
    );
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`Migration failed: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
}

/** Applies pending migrations from db/migrations (forward only) with dbmate. */
export async function migrate(url: string): Promise<string[]> {
  const out = await dbmate(url, ["--no-dump-schema", "--wait", "up"]);
  return out
    .split("\n")
    .filter((line) => line.startsWith("Applying:"))
    .map((line) => line.replace("Applying:", "").trim());
}

/** Regenerates db/schema.sql with pg_dump (which must be at least the server's version). */
export async function dumpSchema(url: string): Promise<void> {
  await dbmate(url, ["dump"]);
}
