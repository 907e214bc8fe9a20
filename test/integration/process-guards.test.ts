import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/** Runs a snippet in a fresh Node process with the guard installed; returns its exit code and output. */
function run(rejection: string) {
  const code = `
    import { survivePoolDisconnects } from "./server/process-guards";
    survivePoolDisconnects((line) => console.log(line));
    Promise.reject(${rejection});
    setTimeout(() => { console.log("still running"); process.exit(0); }, 200);
  `;
  const out = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    cwd: root,
    encoding: "utf8",
  });
  return { status: out.status, output: out.stdout + out.stderr };
}

describe("process guards", () => {
  it("log a dropped database connection and keep the process running", () => {
    const r = run(`Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })`);
    expect(r.output).toContain("A database connection broke (ECONNRESET)");
    expect(r.output).toContain("still running");
    expect(r.status).toBe(0);
  });

  it("stop the process on any other unhandled rejection, as Node would", () => {
    const r = run(`new TypeError("a bug")`);
    expect(r.output).toContain("Unhandled rejection: TypeError: a bug");
    expect(r.output).not.toContain("still running");
    expect(r.status).toBe(1);
  });
});
