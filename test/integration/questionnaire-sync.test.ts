import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";

let dir: string;
const write = (file: string, content: unknown) =>
  fs.writeFile(path.join(dir, file), typeof content === "string" ? content : JSON.stringify(content, null, 2));
const survey = (title: string) => ({ title, elements: [{ type: "radiogroup", name: "q1", choices: ["a", "b"] }] });

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "quorum-defs-"));
});

describe("syncQuestionnaires", () => {
  it("stores a new version only when the content changes, and goes back to an earlier one", async () => {
    const slug = `sync-${path
      .basename(dir)
      .slice(-6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "x")}`;
    await write(`${slug}.json`, survey("First"));
    expect(await syncQuestionnaires(dir)).toMatchObject([{ slug, outcome: "created", version: 1 }]);

    // Reformatting is not a change.
    await write(`${slug}.json`, JSON.stringify(survey("First")));
    expect(await syncQuestionnaires(dir)).toMatchObject([{ outcome: "unchanged", version: 1 }]);

    await write(`${slug}.json`, survey("Second"));
    expect(await syncQuestionnaires(dir)).toMatchObject([{ outcome: "new-version", version: 2 }]);
    expect((await getCurrentVersion(slug))?.title).toBe("Second");

    await write(`${slug}.json`, survey("First"));
    expect(await syncQuestionnaires(dir)).toMatchObject([{ outcome: "reverted", version: 1 }]);
    expect((await getCurrentVersion(slug))?.title).toBe("First");

    const [count] = await sql<{ n: number }[]>`
      select count(*) as n from questionnaire_versions v join questionnaires q on q.id = v.questionnaire_id where q.slug = ${slug}`;
    expect(count?.n).toBe(2);
  });

  it("reports a broken file with its name and reason, skips it, and still loads the others", async () => {
    await write("good-one.json", survey("Good"));
    await write("broken.json", '{ "title": "x", "elements": [ { "type": "text", "name": "a" }, ] }');
    await write("unknown-type.json", { elements: [{ type: "hologram", name: "h" }] });
    await write("Bad Name.json", survey("Bad name"));
    const reports = await syncQuestionnaires(dir);
    const byFile = Object.fromEntries(reports.map((r) => [r.file, r]));
    expect(byFile["good-one.json"]).toMatchObject({ outcome: "created" });
    expect(byFile["broken.json"]).toMatchObject({
      outcome: "skipped",
      errors: [expect.stringMatching(/^invalid JSON at line 1, column \d+/)],
    });
    expect(byFile["unknown-type.json"]?.errors).toEqual([
      expect.stringMatching(/^element "h" has an unknown question type "hologram" \(line \d+, column \d+\)$/),
    ]);
    expect(byFile["Bad Name.json"]?.outcome).toBe("skipped");
    expect(await getCurrentVersion("good-one")).toBeDefined();
    expect(await getCurrentVersion("broken")).toBeUndefined();
  });

  it("says which questionnaires are checked by survey-core's Model (slower), and why", async () => {
    await write("fast-one.json", survey("Fast"));
    await write("slow-one.json", { elements: [{ type: "text", name: "a", setValueExpression: "'x'" }] });
    const reports = Object.fromEntries((await syncQuestionnaires(dir)).map((r) => [r.file, r]));
    expect(reports["fast-one.json"]?.slowBecause).toBeUndefined();
    expect(reports["slow-one.json"]).toMatchObject({
      outcome: "created",
      slowBecause: 'question "a" sets setValueExpression',
    });
  });

  it("keeps versions immutable in the database", async () => {
    await write("frozen.json", survey("Frozen"));
    await syncQuestionnaires(dir);
    await expect(sql`update questionnaire_versions set title = 'changed' where title = 'Frozen'`).rejects.toThrow(
      /immutable/,
    );
  });

  it("loads the repository's questionnaires", async () => {
    const reports = await syncQuestionnaires("survey-definitions");
    expect(reports.map((r) => r.outcome)).not.toContain("skipped");
    expect(reports.map((r) => r.slug).sort()).toEqual(["for-credit-micro-credentials-2024", "micro-credentials-2021"]);
  });
});
