import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// A released migration never changes: db/migrations.sha256 holds each file's checksum as it landed
// (`sha256sum -c db/migrations.sha256` checks the same by hand). A new migration adds its line:
// `sha256sum db/migrations/NNNN_name.sql >> db/migrations.sha256`.
const LIST = "db/migrations.sha256";

function listed(): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of readFileSync(LIST, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const match = /^([0-9a-f]{64}) [ *](db\/migrations\/[^/]+\.sql)$/.exec(line);
    if (!match) throw new Error(`${LIST}: a line is not "<sha256>  db/migrations/<file>.sql": ${line}`);
    if (entries.has(match[2]!)) throw new Error(`${LIST} names ${match[2]} twice`);
    entries.set(match[2]!, match[1]!);
  }
  return entries;
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const files = readdirSync("db/migrations")
  .filter((name) => name.endsWith(".sql"))
  .map((name) => `db/migrations/${name}`);

describe("migrations are never edited once they landed", () => {
  it("lists every migration file", () => {
    const list = listed();
    const missing = files.filter((file) => !list.has(file));
    expect(missing.map((file) => `${file} is not in ${LIST}: sha256sum ${file} >> ${LIST}`)).toEqual([]);
  });

  it("every listed migration is still there, byte for byte", () => {
    const problems: string[] = [];
    for (const [file, hash] of listed()) {
      if (!files.includes(file)) problems.push(`${file} was deleted: a released migration stays`);
      else if (sha256(file) !== hash)
        problems.push(`${file} changed after it landed: a released migration never changes; write a new one`);
    }
    expect(problems).toEqual([]);
  });
});
