import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { ensurePanel } from "~/models/panel.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { createWave } from "~/models/wave.server";
import { exportTable } from "~/results/export-table";
import { questionSpecs } from "~/results/questions";
import { computeResults } from "~/results/results.server";
import { publish } from "~/flows/publish.server";
import { getWave } from "~/models/wave.server";
import { loader as quotesPage } from "~/routes/admin.waves.$slug_.quotes";
import { adminSession, outcomeOf, request } from "../helpers/admin";

// Issue 26: a choice with a comment of its own (SurveyJS 3's showCommentArea on a choice) is stored as
// survey-core writes it, {value, comment}; the counts read it as its value, the exports show the comment.
const definition = {
  elements: [
    {
      type: "radiogroup",
      name: "mode",
      choices: ["online", { value: "hybrid", showCommentArea: true }, "campus"],
    },
    {
      type: "checkbox",
      name: "tools",
      choices: ["lms", { value: "ai", showCommentArea: true }, "video"],
    },
  ],
};

describe("choice comments", () => {
  it("are counted by their choice and shown in the export", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "quorum-choice-comments-"));
    writeFileSync(path.join(dir, "choice-comments.json"), JSON.stringify(definition));
    await syncQuestionnaires(dir);
    const version = (await getCurrentVersion("choice-comments"))!;
    const panel = await ensurePanel({ slug: `cc-${randomBytes(3).toString("hex")}`, name: "Choice comments" });
    const wave = await createWave({
      slug: `cc-${randomBytes(3).toString("hex")}`,
      title: "Choice comments",
      panelId: panel.id,
      questionnaireVersionId: version.id,
      minGroupSize: 3,
    });
    const answers = [
      { mode: { value: "hybrid", comment: "two days on campus" }, tools: [{ value: "ai", comment: "tutoring" }] },
      { mode: "hybrid", tools: [{ value: "lms" }, { value: "ai" }] },
      { mode: "online", tools: ["lms", "video"] },
      { mode: { value: "hybrid" }, tools: [{ value: "video" }, { value: "ai", comment: "grading" }] },
    ];
    for (const data of answers)
      await sql`insert into responses (wave_id, questionnaire_version_id, status, data, region, completed_at)
        values (${wave.id}, ${version.id}, 'complete', ${sql.json(data as never)}, 'Europe & Central Asia', now())`;

    const figures = await computeResults(wave);
    const counts = (name: string) => {
      const q = figures.questions.find((x) => x.name === name)!;
      return Object.fromEntries(q.options.map((o, i) => [o.value, q.items[0]!.whole.cells[i]!.count]));
    };
    expect(counts("mode")).toEqual({ online: 1, hybrid: 3, campus: 0 });
    expect(counts("tools")).toEqual({ lms: 2, ai: 3, video: 2 });

    const table = exportTable(
      questionSpecs(version.definition),
      answers.map((data, i) => ({
        id: String(i),
        completedAt: null,
        source: "invitation",
        country: null,
        region: null,
        organisationType: null,
        roleCategory: null,
        data,
      })),
      { labels: false },
    );
    const column = (name: string) => table.cells.map((row) => row[table.header.indexOf(name)]);
    expect(column("mode")).toEqual(["hybrid", "hybrid", "online", "hybrid"]);
    expect(column("mode.hybrid.comment")).toEqual(["two days on campus", null, null, null]);
    expect(column("tools.ai")).toEqual([1, 1, 0, 1]);
    expect(column("tools.ai.comment")).toEqual(["tutoring", null, null, "grading"]);
  });

  it("are shown to the panel team beside the written answers, from respondents who agreed to be quoted, and never published", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "quorum-choice-comments-"));
    const withConsent = {
      ...definition,
      elements: [...definition.elements, { type: "boolean", name: "consentToQuote" }],
    };
    writeFileSync(path.join(dir, "choice-comments-quotes.json"), JSON.stringify(withConsent));
    await syncQuestionnaires(dir);
    const version = (await getCurrentVersion("choice-comments-quotes"))!;
    const panel = await ensurePanel({ slug: `cq-${randomBytes(3).toString("hex")}`, name: "Choice comments" });
    const made = await createWave({
      slug: `cq-${randomBytes(3).toString("hex")}`,
      title: "Choice comments quoted",
      panelId: panel.id,
      questionnaireVersionId: version.id,
      minGroupSize: 3,
    });
    const answers = [
      {
        mode: { value: "hybrid", comment: "two days on campus" },
        tools: [{ value: "ai", comment: "tutoring" }],
        consentToQuote: true,
      },
      {
        mode: { value: "hybrid", comment: "not for quoting" },
        tools: [{ value: "ai", comment: "private note" }],
        consentToQuote: false,
      },
      { mode: "online", tools: ["lms"], consentToQuote: true },
      {
        mode: { value: "hybrid" },
        tools: [{ value: "video" }, { value: "ai", comment: "grading" }],
        consentToQuote: true,
      },
      { mode: "campus", tools: ["video"], consentToQuote: true },
    ];
    for (const data of answers)
      await sql`insert into responses (wave_id, questionnaire_version_id, status, data, source, region, country, completed_at)
        values (${made.id}, ${version.id}, 'complete', ${sql.json(data as never)}, 'invitation', 'Europe & Central Asia', 'FR', now())`;
    const wave = (await getWave(made.id))!;
    const { cookie } = await adminSession("viewer");
    const page = await outcomeOf(
      quotesPage({
        request: request(`/admin/waves/${wave.slug}/quotes`, { cookie }),
        params: { slug: wave.slug },
        context: {},
      }),
    );
    const listed = (page.body as { choiceComments: { question: string; label: string; comment: string }[] })
      .choiceComments;
    expect(listed.map((c) => [c.question, c.label, c.comment]).sort()).toEqual([
      ["mode", "hybrid", "two days on campus"],
      ["tools", "ai", "grading"],
      ["tools", "ai", "tutoring"],
    ]);
    const questions = (page.body as { choiceQuestions: { name: string }[] }).choiceQuestions;
    expect(questions.map((q) => q.name)).toEqual(["mode", "tools"]);

    const published = await publish(wave, { label: "test" });
    if (!published.ok) throw new Error(published.message);
    const snapshot = JSON.stringify(published.publication.snapshot);
    for (const comment of ["two days on campus", "tutoring", "grading", "not for quoting", "private note"])
      expect(snapshot).not.toContain(comment);
  });
});
