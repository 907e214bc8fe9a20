import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// README's "Layout" section is the map of the house: every path it names exists, and every folder
// of the repository (and every folder and file directly in app/) is on it.
const readme = readFileSync("README.md", "utf8");
const section = readme.slice(readme.indexOf("## Layout"), readme.indexOf("\n## ", readme.indexOf("## Layout") + 1));
const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? "";

/** The first column of each entry line, as repository paths (lines under `app/` are inside it). */
function entries(): { path: string; line: string }[] {
  const out: { path: string; line: string }[] = [];
  for (const line of block.split("\n")) {
    const indent = /^ */.exec(line)![0].length;
    if (!line.trim() || indent > 2) continue; // a continuation of the line above
    const column = line.trim().split(/ {2,}/)[0]!;
    for (const name of column.split(", ")) out.push({ path: indent === 2 ? `app/${name}` : name, line });
  }
  return out;
}

function exists(p: string): boolean {
  if (p.includes("*")) {
    const dir = path.dirname(p);
    const pattern = new RegExp(`^${path.basename(p).replace(/\./g, "\\.").replace(/\*/g, ".*")}$`);
    return existsSync(dir) && readdirSync(dir).some((f) => pattern.test(f));
  }
  return existsSync(p);
}

describe("README's layout", () => {
  it("names only paths that exist", () => {
    expect(block.length).toBeGreaterThan(0);
    const missing = entries()
      .filter((e) => !e.path.includes("<"))
      .filter((e) => !exists(e.path))
      .map((e) => e.path);
    expect(missing).toEqual([]);
  });

  it("cites only files and folders that exist in its table of where a behaviour lives", () => {
    const cited = [...section.matchAll(/`([^`\s]+\/[^`\s]*)`/g)].map((m) => m[1]!).filter((p) => !p.startsWith("/"));
    expect(cited.length).toBeGreaterThan(10);
    expect(cited.filter((p) => !existsSync(p) && !existsSync(`app/${p}`))).toEqual([]);
  });

  it("names every folder of the repository and every folder and file directly in app/", () => {
    const named = new Set(entries().map((e) => e.path.replace(/\/$/, "").split("/*")[0]!));
    const tracked = execFileSync("git", ["ls-files"], { encoding: "utf8" }).split("\n");
    const topFolders = new Set(
      tracked.filter((f) => f.includes("/") && !f.startsWith(".")).map((f) => f.split("/")[0]!),
    );
    const appEntries = readdirSync("app")
      .filter((f) => !f.endsWith(".test.ts"))
      .map((f) => `app/${f}`);
    const unnamed = [...topFolders, ...appEntries].filter(
      (p) => ![...named].some((n) => n === p || n.startsWith(`${p}/`) || (n.startsWith("app/lib") && p === "app/lib")),
    );
    expect(unnamed).toEqual([]);
  });

  it("names every wing of lib/, and each wing has one front door", () => {
    const wings = readdirSync("app/lib").filter((f) => statSync(`app/lib/${f}`).isDirectory());
    const lib = block.slice(block.indexOf("lib/<wing>/"), block.indexOf("\n  db.server.ts"));
    expect(wings.filter((w) => !new RegExp(`\\b${w} \\(`).test(lib))).toEqual([]);
    expect(wings.filter((w) => !existsSync(`app/lib/${w}/index.ts`))).toEqual([]);
    expect(readdirSync("app/lib").filter((f) => !wings.includes(f))).toEqual([]);
  });
});
