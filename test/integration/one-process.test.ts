import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "~/db.server";
import { answers2021, invitedPanelist } from "../helpers/fixtures";

// npm start's process loads the app once: the server, the worker and the respondent endpoints all
// use the build's modules, so the process holds one connection pool (and one queue client, and the
// environment read once). With a pool of one connection, a second copy of the app would show as a
// second postgres.js connection to the database.
const root = path.resolve(import.meta.dirname, "../..");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(file) : statSync(file).mtimeMs);
  }
  return newest;
}

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

let child: ChildProcess | undefined;
let output = "";

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
});

describe("the server process", () => {
  let base = "";
  let token = "";

  beforeAll(async () => {
    const built = path.join(root, "build", "index.js");
    if (!existsSync(built) || statSync(built).mtimeMs < newestSource(path.join(root, "app"))) {
      const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, encoding: "utf8" });
      if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    }
    expect(readFileSync(built, "utf8")).toContain("completionAction");
    token = (await invitedPanelist()).token;
    // From here on, only the server's own connections are named postgres.js.
    await closeDb();
    const port = await freePort();
    base = `http://localhost:${port}`;
    child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server", "start.ts")], {
      cwd: root,
      env: { ...process.env, PORT: String(port), QUORUM_DB_POOL: "1", QUORUM_DEMO: "0", QUORUM_WORKER: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const started = Date.now();
    while (!output.includes("Quorum is running")) {
      if (child.exitCode !== null || Date.now() - started > 60_000)
        throw new Error(`the server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 240_000);

  it("holds one connection pool while it serves a completion, a page and runs the worker", async () => {
    const posted = await fetch(`${base}/s/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: base },
      body: JSON.stringify({ data: answers2021, complete: true }),
    });
    expect(posted.status).toBe(200);
    expect(((await posted.json()) as { status: string }).status).toBe("complete");
    expect((await fetch(`${base}/s/${token}`)).status).toBe(200);
    expect((await fetch(`${base}/results`)).status).toBe(200);

    const db = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const rows = await db<{ application_name: string; connections: number }[]>`
        select application_name, count(*)::int as connections from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() group by application_name`;
      const byName = Object.fromEntries(rows.map((r) => [r.application_name, Number(r.connections)]));
      const [stored] = await db<{ n: number }[]>`select count(*)::int as n from responses where status = 'complete'`;
      expect(stored!.n).toBe(1);
      // QUORUM_DB_POOL=1: one pool is one connection; the build's copy and a second copy would be two.
      expect(byName["postgres.js"]).toBe(1);
    } finally {
      await db.end();
    }
    expect(output).not.toMatch(/Unhandled|Error/);
  });

  it("takes the app from the build alone: server/ imports app modules only as types (or pure lib/ code)", () => {
    const imports = readdirSync(path.join(root, "server"))
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) =>
        [
          ...readFileSync(path.join(root, "server", f), "utf8").matchAll(/^import (?!type )[^;]*?from "(~\/[^"]+)"/gm),
        ].map((m) => `${f}: ${m[1]}`),
      );
    expect(imports.filter((i) => !i.includes("~/lib/") && !i.startsWith("worker-main.ts: ~/process.server"))).toEqual(
      [],
    );
  });
});
