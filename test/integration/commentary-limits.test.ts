import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { commentaryProblem, COMMENTARY_LIMITS } from "~/flows/publish.server";
import { ensurePanel } from "~/models/panel.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { createWave } from "~/models/wave.server";
import { questionSpecs } from "~/results/questions";
import { action } from "~/routes/admin.waves.$slug_.results";
import { action as apiPublish } from "~/routes/api.v1.waves.$slug.publications";
import { createApiKey } from "~/models/api-key.server";
import { adminSession, outcomeOf, request } from "../helpers/admin";

await syncQuestionnaires("survey-definitions");
const version = (await getCurrentVersion("micro-credentials-2021"))!;
const names = questionSpecs(version.definition).map((q) => q.name);

async function wave() {
  const panel = await ensurePanel({ slug: `cl-${randomBytes(3).toString("hex")}`, name: "Commentary" });
  return createWave({
    slug: `cl-${randomBytes(3).toString("hex")}`,
    title: "Commentary",
    panelId: panel.id,
    questionnaireVersionId: version.id,
  });
}

// Issue 23, item 6: commentary keys are checked against the questionnaire, and its size is bounded.
describe("commentary published with results", () => {
  it("refuses keys the report does not show (the issue's 38,000 made-up fields) and texts over the limits, publishing nothing", async () => {
    const w = await wave();
    const { cookie } = await adminSession("editor");
    const post = (fields: Record<string, string>) =>
      outcomeOf(
        action({
          request: request(`/admin/waves/${w.slug}/results`, {
            cookie,
            form: { intent: "publish", findingsChecked: "yes", ...fields },
          }),
          params: { slug: w.slug },
          context: {},
        }),
      );
    const attacks: [string, Record<string, string>, RegExp][] = [
      [
        "38,000 made-up keys",
        Object.fromEntries(Array.from({ length: 38_000 }, (_, i) => [`commentary.k${i}`, "x"])),
        /Commentary was sent for 38,000 things this report does not show \(“k0”, “k1”, “k2”, …\)/,
      ],
      ["one made-up key", { "commentary.notAQuestion": "x" }, /does not show \(“notAQuestion”\)/],
      ["a language the report is not offered in", { "keyFindings@xx": "x" }, /does not show \(“keyFindings@xx”\)/],
      ["a title with no language", { "commentary.title": "x" }, /does not show \(“title”\)/],
      ["a doubled language", { [`commentary.${names[0]}@es@fr`]: "x" }, /does not show/],
      [
        "key findings too long",
        { keyFindings: "x".repeat(COMMENTARY_LIMITS.text + 1) },
        /has 5,001 characters; each may have at most 5,000/,
      ],
      [
        "a headline too long",
        { [`commentary.${names[0]}`]: "y".repeat(COMMENTARY_LIMITS.text * 3) },
        /has 15,000 characters; each may have at most 5,000/,
      ],
    ];
    for (const [what, fields, sentence] of attacks) {
      const outcome = await post(fields);
      expect(outcome.status, what).toBe(400);
      expect(JSON.stringify(outcome.body), what).toMatch(sentence);
    }
    expect((await sql`select 1 from publications where wave_id = ${w.id}`).length).toBe(0);
    // Commentary on the questionnaire's own questions is published.
    const ok = await post({ keyFindings: "Most offer them.", [`commentary.${names[0]}`]: "A headline." });
    expect(ok.status).toBe(200);
    const [row] = await sql<
      { commentary: Record<string, string> }[]
    >`select commentary from publications where wave_id = ${w.id}`;
    expect(row?.commentary).toEqual({ keyFindings: "Most offer them.", [names[0]!]: "A headline." });
  });

  it("refuses a prototype's name as a key, and fields the API does not know, rather than dropping them and publishing", async () => {
    const w = await wave();
    const { cookie } = await adminSession("editor");
    for (const key of ["__proto__", "constructor"]) {
      const outcome = await outcomeOf(
        action({
          request: request(`/admin/waves/${w.slug}/results`, {
            cookie,
            form: { intent: "publish", findingsChecked: "yes", [`commentary.${key}`]: "x" },
          }),
          params: { slug: w.slug },
          context: {},
        }),
      );
      expect(outcome.status, key).toBe(400);
      expect(JSON.stringify(outcome.body), key).toMatch(new RegExp(`does not show \\(“${key}”\\)`));
    }
    const { key } = await createApiKey(`cl-${randomBytes(3).toString("hex")}`, "editor", { label: "test" });
    for (const body of [
      JSON.stringify({ keyFindings: "ok", commentary: { [names[0]!]: "x", k1: "y" } }),
      '{"keyFindings":"ok","__proto__":{"commentary":{"k1":"x"}}}',
      JSON.stringify({ keyFindings: { nested: "x" } }),
    ]) {
      const outcome = await outcomeOf(
        apiPublish({
          request: new Request(`http://localhost/api/v1/waves/${w.slug}/publications`, {
            method: "POST",
            headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
            body,
          }),
          params: { slug: w.slug },
          context: {},
        }),
      );
      expect(outcome.status, body).toBe(400);
    }
    expect((await sql`select 1 from publications where wave_id = ${w.id}`).length).toBe(0);
  });

  it("sends back to the page only the fields the form has, not 38,000 made-up ones (refused, or asking to confirm)", async () => {
    const w = await wave();
    const { cookie } = await adminSession("editor");
    const madeUp = Object.fromEntries(Array.from({ length: 38_000 }, (_, i) => [`commentary.k${i}`, "x"]));
    const typed = { keyFindings: "Typed findings.", [`commentary.${names[0]}`]: "A headline." };
    for (const extra of [{ findingsChecked: "yes" }, { announce: "on" }] as Record<string, string>[]) {
      const outcome = await outcomeOf(
        action({
          request: request(`/admin/waves/${w.slug}/results`, {
            cookie,
            form: { intent: "publish", ...extra, ...typed, ...madeUp },
          }),
          params: { slug: w.slug },
          context: {},
        }),
      );
      const body = outcome.body as { fields?: Record<string, string>; confirm?: { fields: Record<string, string> } };
      const echoed = body.fields ?? body.confirm?.fields ?? {};
      expect(echoed, JSON.stringify(extra)).toEqual({ ...extra, ...typed });
    }
  });

  it("bounds the commentary of a report in all", () => {
    const definition = {
      pages: [{ elements: Array.from({ length: 20 }, (_, i) => ({ type: "comment", name: `q${i}` })) }],
    };
    const each = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, "z".repeat(4_000)]));
    expect(commentaryProblem(definition, each(15))).toBeNull();
    expect(commentaryProblem(definition, each(16))).toMatch(
      /64,000 characters in all; a report may carry at most 60,000/,
    );
  });
});
