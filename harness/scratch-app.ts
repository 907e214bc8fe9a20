// A scratch Quorum for test scripts (crash, fuzz): its own embedded PostgreSQL under
// .data/<name>, a fresh migrated database, and the built app as a child process that can be
// killed and started again.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { closeDb, connectTo } from "~/db.server";
import { root } from "../server/bootstrap";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, type DatabaseServer } from "../server/embedded-db";
import { migrate } from "../server/migrate";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** A number option from the command line (`--name 12`). */
export function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) || fallback : fallback;
}

/** A text option (`--name value`), or undefined when not given. */
export function textOption(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}`))));
  });
}

export interface Harness {
  databaseUrl: string;
  base: string;
  /** Starts the app and waits for /healthz. */
  startApp(): Promise<void>;
  /** The running app's process. */
  app(): ChildProcess | undefined;
  /** What the app wrote to stderr since it last started. */
  appLog(): string;
  /** SIGKILLs the app and waits until it is gone. */
  killApp(): Promise<void>;
  stopApp(): Promise<void>;
  /** Starts one more app process on the same database (another port), as a second instance behind a load balancer. */
  startInstance(): Promise<{ base: string; log(): string; stop(): Promise<void> }>;
  /** Stops the database, waits, and starts it again on the same port. */
  restartDatabase(downMs: number): Promise<void>;
  /** Stops everything and drops the scratch database. */
  close(): Promise<void>;
}

/**
 * Sets up the scratch database (and this process's DATABASE_URL and QUORUM_SECRET, so models can
 * prepare data and compute links), builds the app, and returns controls.
 */
export async function createHarness(name: string, appEnv: Record<string, string>, secret: string): Promise<Harness> {
  // The app runs from build/: build it now so the test never runs yesterday's code (--no-build skips this).
  if (!process.argv.includes("--no-build") || !existsSync(path.join(root, "build", "index.js"))) {
    console.log("Building the app (npm run build)…");
    await run("npm", ["run", "build", "--silent"]);
  }
  const dataDir = path.join(root, ".data", name);
  process.env.QUORUM_DATA_DIR = dataDir;
  process.env.QUORUM_SECRET = secret;
  // A fixed port, so the database comes back where the app expects it after a restart.
  const dbPort = await freePort();
  let pg: DatabaseServer = await startEmbeddedPostgres(dataDir, () => {}, { port: dbPort });
  if (!pg.startedHere) {
    throw new Error(
      `A PostgreSQL from an earlier run still runs on ${dataDir}/postgres; this script must start its own. Stop it (see postmaster.pid) and run again.`,
    );
  }
  // A script that fails half-way still stops its PostgreSQL (fast shutdown), so the next run can start its own.
  let closed = false;
  process.once("exit", () => {
    if (closed) return;
    try {
      const pid = Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
      if (pid > 0) process.kill(pid, "SIGINT");
    } catch {
      // already stopped
    }
  });
  const database = `quorum_${name}_${Date.now()}`;
  await ensureDatabase(pg.adminUrl, database);
  const databaseUrl = pg.urlFor(database);
  await migrate(databaseUrl);
  await connectTo(databaseUrl);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    QUORUM_PUBLIC_URL: base,
    NODE_ENV: "production",
    ...appEnv,
  };
  let child: ChildProcess | undefined;
  let stderr = "";

  const harness: Harness = {
    databaseUrl,
    base,
    app: () => child,
    appLog: () => stderr,
    async startApp() {
      // HARNESS_NODE_ARGS passes flags to the app's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
      const nodeArgs = (process.env.HARNESS_NODE_ARGS ?? "").split(" ").filter(Boolean);
      const started = spawn(process.execPath, [...nodeArgs, "--import", "tsx", path.join(root, "server", "start.ts")], {
        env,
        stdio: ["ignore", "ignore", "pipe"],
      });
      child = started;
      // However this script ends, the app does not outlive it.
      process.once("exit", () => started.kill("SIGKILL"));
      stderr = "";
      started.stderr?.on("data", (d: Buffer) => {
        stderr += d.toString();
        if (process.env.HARNESS_DEBUG) process.stderr.write(`[app] ${d.toString()}`);
      });
      // 180 s: seeding the demo on a shared 2-core machine under load has taken more than 60.
      for (let i = 0; i < 1800; i += 1) {
        try {
          if ((await fetch(`${base}/healthz`)).ok) return;
        } catch {
          // not up yet
        }
        if (started.exitCode !== null) throw new Error(`the app exited while starting:\n${stderr.slice(-2000)}`);
        await sleep(100);
      }
      throw new Error("the app did not come up within 180 s");
    },
    async startInstance() {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const started = spawn(process.execPath, ["--import", "tsx", path.join(root, "server", "start.ts")], {
        env: { ...env, PORT: String(port) },
        stdio: ["ignore", "ignore", "pipe"],
      });
      process.once("exit", () => started.kill("SIGKILL"));
      let log = "";
      started.stderr?.on("data", (d: Buffer) => {
        log += d.toString();
        if (process.env.HARNESS_DEBUG) process.stderr.write(`[app ${port}] ${d.toString()}`);
      });
      for (let i = 0; ; i += 1) {
        try {
          if ((await fetch(`${base}/healthz`)).ok) break;
        } catch {
          // not up yet
        }
        if (started.exitCode !== null || i > 300)
          throw new Error(`the second instance did not come up:\n${log.slice(-2000)}`);
        await sleep(100);
      }
      return {
        base,
        log: () => log,
        async stop() {
          if (started.exitCode !== null) return;
          const gone = new Promise((r) => started.once("exit", r));
          started.kill("SIGTERM");
          await gone;
        },
      };
    },
    async killApp() {
      const c = child;
      if (!c || c.exitCode !== null) return;
      const gone = new Promise((r) => c.once("exit", r));
      c.kill("SIGKILL");
      await gone;
    },
    async stopApp() {
      const c = child;
      if (!c || c.exitCode !== null) return;
      const gone = new Promise((r) => c.once("exit", r));
      c.kill("SIGTERM");
      await gone;
    },
    async restartDatabase(downMs) {
      await pg.stop();
      await sleep(downMs);
      pg = await startEmbeddedPostgres(dataDir, () => {}, { port: dbPort });
    },
    async close() {
      await harness.stopApp();
      await closeDb();
      await dropDatabase(pg.adminUrl, database);
      await pg.stop();
      closed = true;
    },
  };
  return harness;
}
