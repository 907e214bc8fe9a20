import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { createApiKey } from "~/models/api-key.server";
import { ensurePanel } from "~/models/panel.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import * as waves from "~/routes/api.v1.waves";
import * as seriesList from "~/routes/api.v1.series";
import * as seriesOne from "~/routes/api.v1.series.$slug";
import { runHandler as run } from "../helpers/admin";

await syncQuestionnaires("survey-definitions");
await ensurePanel({ slug: "series-api", name: "Series API" });
const elsewhere = await ensurePanel({ slug: "series-elsewhere", name: "Another panel" });
const editor = (await createApiKey("series editor", "editor", { label: "test" })).key;
const scoped = (await createApiKey("series scoped", "editor", { label: "test" }, elsewhere.id)).key;

function call(path: string, body?: unknown, key = editor) {
  const headers = new Headers({ Authorization: `Bearer ${key}` });
  if (body !== undefined) headers.set("Content-Type", "application/json");
  return new Request(`http://localhost${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const wave = (slug: string, extra: Record<string, unknown> = {}) => ({
  questionnaire: "micro-credentials-2021",
  panel: "series-api",
  slug,
  opensAt: new Date(Date.now() - 60_000).toISOString(),
  ...extra,
});

describe("series in the API", () => {
  it("creates a series (201), refuses a taken slug (409), an unknown panel (404), another team's panel (403)", async () => {
    const created = await run(
      seriesList.action,
      call("/api/v1/series", { slug: "mc-trend", name: "Micro-credentials", panel: "series-api" }),
    );
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ slug: "mc-trend", name: "Micro-credentials", panel: "series-api" });
    const again = await run(
      seriesList.action,
      call("/api/v1/series", { slug: "mc-trend", name: "x", panel: "series-api" }),
    );
    expect(again.status).toBe(409);
    expect(
      (await run(seriesList.action, call("/api/v1/series", { slug: "mc-x", name: "x", panel: "nope" }))).status,
    ).toBe(404);
    expect((await run(seriesList.action, call("/api/v1/series", { slug: "Bad Slug", name: "x" }))).status).toBe(400);
    expect(
      (await run(seriesList.action, call("/api/v1/series", { slug: "mc-y", name: "x", panel: "series-api" }, scoped)))
        .status,
    ).toBe(403);
    const [row] = await sql`select count(*)::int as n from audit_log where entity = 'series' and action = 'create'
      and changes->>'slug' = 'mc-trend'`;
    expect(row?.n).toBe(1);
  });

  it("a wave joins a series at launch, and an existing wave is added later; the list shows both in order", async () => {
    const first = await run(waves.action, call("/api/v1/waves", wave("mc-trend-1", { series: "mc-trend" })));
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ slug: "mc-trend-1", series: "mc-trend" });
    expect((await run(waves.action, call("/api/v1/waves", wave("mc-trend-x", { series: "no-such" })))).status).toBe(
      404,
    );
    const later = await run(
      waves.action,
      call("/api/v1/waves", wave("mc-trend-2", { opensAt: new Date(Date.now() - 1_000).toISOString() })),
    );
    expect(await later.json()).toMatchObject({ series: null });
    const added = await run(seriesOne.action, call("/api/v1/series/mc-trend", { wave: "mc-trend-2" }), {
      slug: "mc-trend",
    });
    expect(added.status).toBe(200);
    const listed = await run(seriesList.loader, call("/api/v1/series"));
    const body = (await listed.json()) as { series: { slug: string; waves: { slug: string }[] }[] };
    expect(body.series.find((s) => s.slug === "mc-trend")?.waves.map((w) => w.slug)).toEqual([
      "mc-trend-1",
      "mc-trend-2",
    ]);
    // A wave in a series stays there: adding it to another is refused.
    await run(seriesList.action, call("/api/v1/series", { slug: "mc-other", name: "Other", panel: "series-api" }));
    expect(
      (await run(seriesOne.action, call("/api/v1/series/mc-other", { wave: "mc-trend-2" }), { slug: "mc-other" }))
        .status,
    ).toBe(409);
  });

  it("a series keeps to one panel: a wave of another panel is refused, at launch and later", async () => {
    await run(
      seriesList.action,
      call("/api/v1/series", { slug: "elsewhere-trend", name: "Elsewhere", panel: "series-elsewhere" }),
    );
    const refused = await run(waves.action, call("/api/v1/waves", wave("mc-cross", { series: "elsewhere-trend" })));
    expect(refused.status).toBe(400);
    const created = await run(waves.action, call("/api/v1/waves", wave("mc-cross")));
    expect(created.status).toBe(201);
    const added = await run(seriesOne.action, call("/api/v1/series/elsewhere-trend", { wave: "mc-cross" }), {
      slug: "elsewhere-trend",
    });
    expect(added.status).toBe(400);
    const [row] = await sql`select series_id from waves where slug = 'mc-cross'`;
    expect(row?.seriesId).toBeNull();
    // The database refuses it too.
    await expect(
      sql`update waves set series_id = (select id from series where slug = 'elsewhere-trend') where slug = 'mc-cross'`,
    ).rejects.toThrow(/waves_series_fkey/);
    // A key for another panel cannot read this panel's series.
    expect(
      (await run(seriesOne.loader, call("/api/v1/series/mc-trend", undefined, scoped), { slug: "mc-trend" })).status,
    ).toBe(403);
  });
});

describe("series in the CLI", () => {
  const cli = async (...args: string[]) => {
    try {
      const { stdout } = await promisify(execFile)("node", ["--import", "tsx", "scripts/cli.ts", ...args], {
        env: process.env,
      });
      return { code: 0, stdout };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout + e.stderr };
    }
  };
  it("creates a series, adds a wave, lists them; refuses an unknown series", async () => {
    expect(
      (await cli("series", "create", "--slug", "cli-trend", "--name", "CLI trend", "--panel", "series-api")).code,
    ).toBe(0);
    await run(waves.action, call("/api/v1/waves", wave("cli-trend-1")));
    const added = await cli("series", "add", "--series", "cli-trend", "--wave", "cli-trend-1");
    expect(added.stdout).toContain("The wave cli-trend-1 is in the series cli-trend.");
    const listed = await cli("series", "list");
    expect(listed.stdout).toMatch(/cli-trend\tCLI trend\t\(panel series-api\)\tcli-trend-1/);
    const unknown = await cli("series", "add", "--series", "nope", "--wave", "cli-trend-1");
    expect(unknown.code).not.toBe(0);
    expect(unknown.stdout).toContain('There is no series "nope"');
  }, 60_000);
});
