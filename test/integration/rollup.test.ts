import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { ensurePanel } from "~/models/panel.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { createWave, type Wave } from "~/models/wave.server";
import { ROLLUP_AFTER, ROLLUP_INLINE_MAX, rollUp } from "~/results/rollup.server";
import { computeResults, countResults, rollUpWaiting } from "~/results/results.server";
import { answerGenerator, seeded } from "../../harness/generated-answers";

const REGIONS = ["North America", "East Asia & Pacific", "Europe & Central Asia", "South Asia"];
const TYPES = ["university", "college", "employer", null];

async function wave2024(): Promise<Wave> {
  await syncQuestionnaires("survey-definitions");
  const version = (await getCurrentVersion("for-credit-micro-credentials-2024"))!;
  const panel = await ensurePanel({ slug: `roll-${randomBytes(3).toString("hex")}`, name: "Roll-up" });
  return createWave({
    slug: `roll-${randomBytes(3).toString("hex")}`,
    title: "Roll-up",
    panelId: panel.id,
    questionnaireVersionId: version.id,
    minGroupSize: 3,
  });
}

let counter = 0;
async function complete(wave: Wave, n: number, seed: number, tx = sql) {
  const version = (await getCurrentVersion("for-credit-micro-credentials-2024"))!;
  const next = answerGenerator(version.definition as Record<string, unknown>, seeded(seed));
  for (let i = 0; i < n; i++, counter++) {
    await tx`insert into responses (wave_id, questionnaire_version_id, status, data, region, organisation_type, country, organisation, completed_at)
      values (${wave.id}, ${wave.questionnaireVersionId}, 'complete', ${tx.json(next() as never)}, ${REGIONS[counter % 4]!}, ${TYPES[counter % 4] ?? null},
        ${counter % 3 ? "US" : "GB"}, ${`Org ${counter % 37}`}, now())`;
  }
}

/** The same wave's results counted again from every row (its roll-up voided first). */
async function recounted(wave: Wave, dimension: "region" | "organisationType" = "region") {
  await sql`delete from result_rollup_marks where wave_id = ${wave.id}`;
  const { counted } = await countResults(wave);
  expect(counted.rolledUp).toBe(true); // rolled up again from zero
  return computeResults(wave, dimension);
}

describe("rolled-up live results", () => {
  it("equal a recount from the rows after roll-ups, new completions and a partial response completed later", async () => {
    const wave = await wave2024();
    await complete(wave, 120, 1);
    const [partial] = await sql<{ id: string }[]>`
      insert into responses (wave_id, questionnaire_version_id, status, data, region) values (${wave.id}, ${wave.questionnaireVersionId}, 'partial', '{"offerToday":"yes"}', 'South Asia')
      returning id`;
    expect(await rollUp(wave.id, wave.questionnaireVersionId, (await countResults(wave)).counting)).toBe(true);
    const [cells] = await sql<
      { n: number }[]
    >`select count(*)::int as n from result_rollups where wave_id = ${wave.id}`;
    expect(cells!.n).toBe(4); // region and type move together here: four cells

    await complete(wave, 30, 2);
    await sql`update responses set status = 'complete', completed_at = now(), data = ${sql.json({ offerToday: "yes", organisationType: "university" })}
      where id = ${partial!.id}`;
    const live = await countResults(wave);
    expect(live.counted.counted).toBe(31); // the 30 new ones and the completed partial, counted from their rows
    const byRegion = await computeResults(wave, "region");
    const byType = await computeResults(wave, "organisationType");
    expect(byRegion.respondents).toBe(151);
    expect(byRegion.organisations).toBe(37);
    expect(byRegion.countries).toBe(2);
    expect(byRegion.breakdowns[0]!.groups.find((g) => g.id === "South Asia")?.size).toBe(38);
    expect(byRegion).toEqual(await recounted(wave, "region"));
    expect(byType).toEqual(await computeResults(wave, "organisationType"));
    expect(byType.breakdowns[0]!.groups.map((g) => g.id)).toContain("Unknown");
  });

  it("counts a response whose completion commits while a roll-up runs exactly once", async () => {
    const wave = await wave2024();
    await complete(wave, 20, 3);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const ready = new Promise<void>((resolve) => (inserted = resolve));
    const slow = sql.begin(async (tx) => {
      await complete(wave, 1, 4, tx as unknown as typeof sql);
      inserted();
      await held; // still uncommitted while the roll-up looks
    });
    await ready;
    const counting = (await countResults(wave)).counting;
    expect(await rollUp(wave.id, wave.questionnaireVersionId, counting)).toBe(true);
    expect((await computeResults(wave, "region")).respondents).toBe(20);
    release();
    await slow;
    expect((await computeResults(wave, "region")).respondents).toBe(21);
    expect(await rollUp(wave.id, wave.questionnaireVersionId, counting)).toBe(true);
    const after = await countResults(wave);
    expect(after.counted.counted).toBe(0);
    expect((await computeResults(wave, "region")).respondents).toBe(21);
  });

  it("is voided when a counted response changes (erasure), so figures follow the change", async () => {
    const wave = await wave2024();
    await complete(wave, 40, 5);
    const before = await computeResults(wave, "region");
    expect((await sql`select 1 from result_rollup_marks where wave_id = ${wave.id}`).length).toBe(1);
    const offerBase = () => before.questions.find((q) => q.name === "offerToday")!.items[0]!.whole.base!;
    expect(offerBase()).toBeGreaterThan(0);
    await sql`update responses set data = data - 'offerToday', organisation = null where wave_id = ${wave.id}`;
    expect((await sql`select 1 from result_rollup_marks where wave_id = ${wave.id}`).length).toBe(0);
    const after = await computeResults(wave, "region");
    expect(after.questions.find((q) => q.name === "offerToday")!.items[0]!.whole.base).toBe(0); // nobody answered it now
    expect(after.organisations).toBe(0);
    await sql`delete from responses where id = (select id from responses where wave_id = ${wave.id} limit 1)`;
    expect((await computeResults(wave, "region")).respondents).toBe(39);
  });

  it("rolls up on reading once more than ROLLUP_AFTER responses wait, and recounts a roll-up made with another layout", async () => {
    const wave = await wave2024();
    await complete(wave, 5, 6);
    await computeResults(wave, "region");
    await sql`
      insert into responses (wave_id, questionnaire_version_id, status, data, region, completed_at)
      select ${wave.id}, ${wave.questionnaireVersionId}, 'complete', '{"offerToday":"no"}', 'South Asia', now() from generate_series(1, ${ROLLUP_AFTER + 1})`;
    const live = await countResults(wave);
    expect(live.counted.counted).toBe(0);
    const r = await computeResults(wave, "region");
    expect(r.respondents).toBe(ROLLUP_AFTER + 6);
    await sql`update result_rollup_marks set layout = 'an older layout' where wave_id = ${wave.id}`;
    await sql`update result_rollups set counters = array_fill(0::float8, array[array_length(counters, 1)]) where wave_id = ${wave.id}`;
    expect(await computeResults(wave, "region")).toEqual(r);
  });

  it("are counted from the rows, not rolled up while reading, when more than ROLLUP_INLINE_MAX wait; the worker rolls them up", async () => {
    const wave = await wave2024();
    await sql`
      insert into responses (wave_id, questionnaire_version_id, status, data, region, organisation, completed_at)
      select ${wave.id}, ${wave.questionnaireVersionId}, 'complete', '{"offerToday":"no"}', 'South Asia', 'Org ' || (g % 7), now()
      from generate_series(1, ${ROLLUP_INLINE_MAX + 1}) as g`;
    const read = await countResults(wave);
    expect(read.counted).toMatchObject({ rolledUp: false, counted: ROLLUP_INLINE_MAX + 1, organisations: 7 });
    expect((await sql`select 1 from result_rollup_marks where wave_id = ${wave.id}`).length).toBe(0);
    expect(await rollUpWaiting()).toBeGreaterThanOrEqual(1);
    const after = await countResults(wave);
    expect(after.counted).toMatchObject({ rolledUp: true, counted: 0, organisations: 7 });
    expect((await computeResults(wave, "region")).respondents).toBe(ROLLUP_INLINE_MAX + 1);
  });

  it("are kept up to date by the worker's pass, which rolls up only waves with responses waiting", async () => {
    const wave = await wave2024();
    await complete(wave, 12, 7);
    expect(await rollUpWaiting()).toBeGreaterThanOrEqual(1);
    const [mark] = await sql<
      { organisations: number; countries: number }[]
    >`select organisations, countries from result_rollup_marks where wave_id = ${wave.id}`;
    expect(mark).toEqual({ organisations: 12, countries: 2 });
    expect(await rollUpWaiting()).toBe(0);
    expect((await countResults(wave)).counted.counted).toBe(0);
    await complete(wave, 2, 8);
    expect((await countResults(wave)).counted.counted).toBe(2);
    expect(await rollUpWaiting()).toBe(1);
  });
});
