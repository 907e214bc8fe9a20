// Publications of the disclosure engine before issue 21 are checked again at start: kept when the
// current engine withholds nothing they show, withdrawn (with the reason on the wave page and an
// email to the panel's publishers) when it does.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { recheckPublications } from "~/flows/recheck-publications.server";
import { publish } from "~/flows/publish.server";
import { upsertAdmin } from "~/flows/admins.server";
import { ensurePanel } from "~/models/panel.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { createWave, getWave } from "~/models/wave.server";
import { withdrawal } from "~/models/publication.server";
import type { ResultFigures } from "~/results/figures";

async function publishedWave() {
  await syncQuestionnaires("survey-definitions");
  const version = (await getCurrentVersion("for-credit-micro-credentials-2024"))!;
  const panel = await ensurePanel({ slug: `rc-${randomBytes(3).toString("hex")}`, name: "Recheck" });
  const wave = await createWave({
    slug: `rc-${randomBytes(3).toString("hex")}`,
    title: "Recheck",
    panelId: panel.id,
    questionnaireVersionId: version.id,
    minGroupSize: 5,
  });
  const plan: [string, string, string, number][] = [
    ["North America", "US", "yes", 40],
    ["North America", "CA", "no", 3],
    ["Europe & Central Asia", "GB", "yes", 20],
    ["South Asia", "IN", "planning", 12],
  ];
  for (const [region, country, offerToday, n] of plan)
    for (let i = 0; i < n; i++)
      await sql`insert into responses (wave_id, questionnaire_version_id, status, data, region, country, completed_at)
        values (${wave.id}, ${version.id}, 'complete', ${sql.json({ offerToday, country } as never)}, ${region}, ${country}, now())`;
  const outcome = await publish((await getWave(wave.id))!, { label: "test" });
  if (!outcome.ok) throw new Error(outcome.message);
  return { wave, panel, publication: outcome.publication };
}

describe("publications of the earlier engine", () => {
  it("are kept when the current engine withholds nothing they show", async () => {
    const { wave, publication } = await publishedWave();
    await sql`update publications set engine = 1 where id = ${publication.id}`;
    const result = await recheckPublications();
    expect(result.kept).toBeGreaterThanOrEqual(1);
    const [row] = await sql`select engine, unpublished_at from publications where id = ${publication.id}`;
    expect(row).toMatchObject({ engine: 2, unpublishedAt: null });
    expect(await withdrawal(wave.id)).toBeNull();
  });

  it("are withdrawn, said on the wave page and emailed to the publishers, when they show what it withholds", async () => {
    const { wave, panel, publication } = await publishedWave();
    const editor = `editor-${wave.id}@quorum.test`;
    await upsertAdmin(editor, "correct horse battery staple", "editor", panel.id);
    // An old publication that showed a figure the current engine withholds.
    const snapshot = structuredClone(publication.snapshot) as unknown as ResultFigures;
    const withheld = snapshot.questions.flatMap((q) => q.items[0]!.whole.cells).find((c) => c.count === null);
    expect(withheld, "the wave has a withheld figure to begin with").toBeDefined();
    withheld!.count = 3;
    await sql`update publications set engine = 1, snapshot = ${sql.json(snapshot as never)} where id = ${publication.id}`;
    const result = await recheckPublications();
    expect(result.withdrawn).toBeGreaterThanOrEqual(1);
    const [row] =
      await sql`select engine, unpublished_at, withdrawn_reason from publications where id = ${publication.id}`;
    expect(row!.unpublishedAt).not.toBeNull();
    expect(row!.withdrawnReason).toMatch(/strengthened/);
    expect((await withdrawal(wave.id))?.reason).toMatch(/strengthened/);
    const mail =
      await sql`select to_address, subject from emails where kind = 'publication-withdrawn' and to_address = ${editor}`;
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain("withdrawn");
    const [audit] =
      await sql`select action from audit_log where action = 'withdraw-publication' and entity_id = ${String(wave.id)}`;
    expect(audit).toBeDefined();
    // Checked once: a second start does nothing more.
    expect(await recheckPublications()).toEqual({ kept: 0, withdrawn: 0, republished: 0 });
  });
});
