import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { ensureDatabase, startEmbeddedPostgres } from "../../server/embedded-db";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "quorum-embedded-"));
chmodSync(dataDir, 0o755); // the postgres system user (when running as root) must reach its folder

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function canQuery(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ one: number }[]>`select 1 as one`;
    return row?.one === 1;
  } finally {
    await sql.end();
  }
}

describe("the embedded PostgreSQL", () => {
  it(
    "initialises once, reuses a running server, and explains and clears a stale lock",
    { timeout: 120_000 },
    async () => {
      const lines: string[] = [];
      const log = (line: string) => lines.push(line);

      const first = await startEmbeddedPostgres(dataDir, log);
      expect(first.startedHere).toBe(true);
      expect(existsSync(path.join(dataDir, "postgres", "PG_VERSION"))).toBe(true);
      expect(lines.some((l) => l.startsWith("Creating the embedded PostgreSQL"))).toBe(true);
      await ensureDatabase(first.adminUrl, "quorum");
      expect(await canQuery(first.urlFor("quorum"))).toBe(true);

      // A second process (the CLI, say) reuses the running server.
      const second = await startEmbeddedPostgres(dataDir, log);
      expect(second.startedHere).toBe(false);
      expect(second.adminUrl).toBe(first.adminUrl);
      await first.stop();

      // A lock whose process is gone, as after a crash of the machine.
      const lockFile = path.join(dataDir, "postgres", "postmaster.pid");
      writeFileSync(lockFile, "999999\n/somewhere\n1700000000\n5432\n");
      lines.length = 0;
      const third = await startEmbeddedPostgres(dataDir, log);
      expect(lines[0]).toMatch(/^Found a stale lock .* \(pid 999999 no longer runs\); removing it\.$/);
      expect(lines.some((l) => l.startsWith("Creating"))).toBe(false);
      expect(await canQuery(third.urlFor("quorum"))).toBe(true);
      expect(readFileSync(lockFile, "utf8").split("\n")[0]).not.toBe("999999");
      await third.stop();
    },
  );

  it("refuses a data folder that is not PostgreSQL's instead of overwriting it", async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), "quorum-notpg-"));
    execFileSync("mkdir", ["-p", path.join(other, "postgres")]);
    writeFileSync(path.join(other, "postgres", "notes.txt"), "mine");
    await expect(startEmbeddedPostgres(other, () => {})).rejects.toThrow(
      /is not a PostgreSQL data folder \(it has no PG_VERSION\)/,
    );
    expect(readFileSync(path.join(other, "postgres", "notes.txt"), "utf8")).toBe("mine");
    rmSync(other, { recursive: true, force: true });
  });
});
