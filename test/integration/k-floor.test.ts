import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { createApiKey } from "~/models/api-key.server";
import { ensurePanel } from "~/models/panel.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import * as waves from "~/routes/api.v1.waves";
import { action as newWave } from "~/routes/admin.waves.new";
import { adminSession, outcomeOf, request, runHandler } from "../helpers/admin";

await syncQuestionnaires("survey-definitions");
await ensurePanel({ slug: "k-floor", name: "K floor" });
const FLOOR_SENTENCE = /at least 3: with fewer, a published figure could describe one or two people/;

// Issue 23, item 9: anonymity needs a floor. k below 3 is refused by the API, the form, the CLI and the database.
describe("the minimum group size", () => {
  it("is refused below 3 by the API, with the reason, and accepted from 3", async () => {
    const key = (await createApiKey("k floor", "editor", { label: "test" })).key;
    const create = (slug: string, minGroupSize: unknown) =>
      runHandler(
        waves.action,
        new Request("http://localhost/api/v1/waves", {
          method: "POST",
          headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
          body: JSON.stringify({ questionnaire: "micro-credentials-2021", panel: "k-floor", slug, minGroupSize }),
        }),
      );
    for (const k of [1, 2, 0, -5, "2"]) {
      const res = await create(`k-api-${String(k).replace("-", "m")}`, k);
      expect(res.status, String(k)).toBe(400);
      expect(JSON.stringify(await res.json()), String(k)).toMatch(FLOOR_SENTENCE);
    }
    expect((await create("k-api-fraction", 2.5)).status).toBe(400);
    expect((await create("k-api-three", 3)).status).toBe(201);
    const [row] = await sql<{ k: number }[]>`select min_group_size as k from waves where slug = 'k-api-three'`;
    expect(row?.k).toBe(3);
    expect((await sql`select 1 from waves where slug like 'k-api-%' and min_group_size < 3`).length).toBe(0);
  });

  it("is refused below 3 by the admin form, which says why", async () => {
    const { cookie } = await adminSession("editor");
    const outcome = await outcomeOf(
      newWave({
        request: request("/admin/waves/new", {
          cookie,
          form: { questionnaire: "micro-credentials-2021", panel: "k-floor", slug: "k-form", minGroupSize: "1" },
        }),
        params: {},
        context: {},
      }),
    );
    expect(outcome.status).toBe(400);
    expect(JSON.stringify(outcome.body)).toMatch(FLOOR_SENTENCE);
    expect((await sql`select 1 from waves where slug = 'k-form'`).length).toBe(0);
  });

  it("is refused below 3 by the CLI", { timeout: 60_000 }, async () => {
    const result = await promisify(execFile)(
      "node",
      [
        "--import",
        "tsx",
        "scripts/cli.ts",
        "wave",
        "create",
        "--questionnaire",
        "micro-credentials-2021",
        "--panel",
        "k-floor",
        "--slug",
        "k-cli",
        "--k",
        "2",
      ],
      { env: process.env },
    ).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(FLOOR_SENTENCE);
    expect((await sql`select 1 from waves where slug = 'k-cli'`).length).toBe(0);
  });

  it("cannot be stored below 3 even by code that skips the checks", async () => {
    await expect(sql`update waves set min_group_size = 2 where slug = 'k-api-three'`).rejects.toThrow(
      /waves_min_group_size_check/,
    );
  });
});
