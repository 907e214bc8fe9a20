import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { ensurePanel } from "~/models/panel.server";
import { getCurrentVersion, syncQuestionnaires } from "~/models/questionnaire.server";
import { createWave } from "~/models/wave.server";
import { questionSpecs } from "~/results/questions";
import { computeResults } from "~/results/results.server";
import { suppressedGroups } from "~/results/suppress";

// A deterministic generator, so a failure can be replayed.
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

const REGION_PLAN: [string, string, number][] = [
  ["North America", "US", 110], ["East Asia & Pacific", "AU", 36], ["Europe & Central Asia", "GB", 24],
  ["Latin America & Caribbean", "CL", 14], ["South Asia", "IN", 9], ["Sub-Saharan Africa", "NG", 4], ["Middle East & North Africa", "AE", 3],
];

async function generatedWave() {
  await syncQuestionnaires("survey-definitions");
  const version = (await getCurrentVersion("for-credit-micro-credentials-2024"))!;
  const panel = await ensurePanel({ slug: `res-${randomBytes(3).toString("hex")}`, name: "Results" });
  const wave = await createWave({ slug: `res-${randomBytes(3).toString("hex")}`, title: "Results", panelId: panel.id, questionnaireVersionId: version.id, minGroupSize: 5 });
  const specs = questionSpecs(version.definition);
  const random = rng(42);
  const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)] as T;
  const rows: { data: Record<string, unknown>; region: string; country: string; organisation: string }[] = [];
  let i = 0;
  for (const [region, country, n] of REGION_PLAN) {
    for (let j = 0; j < n; j++, i++) {
      const data: Record<string, unknown> = {};
      for (const s of specs) {
        if (random() < 0.05) continue; // some questions skipped
        if (s.kind === "single") data[s.name] = s.type === "boolean" ? random() < 0.6 : pick(s.options).value;
        if (s.kind === "rating") data[s.name] = Number(pick(s.options).value);
        if (s.kind === "multi") data[s.name] = s.options.filter(() => random() < 0.35).slice(0, 3).map((o) => o.value);
        if (s.kind === "matrix") data[s.name] = Object.fromEntries(s.rows.map((r) => [r.value, pick(s.options).value]));
        if (s.kind === "text" && random() < 0.4) data[s.name] = `comment ${i}`;
      }
      if (Array.isArray(data.barriers) && (data.barriers as unknown[]).length === 0) delete data.barriers;
      rows.push({ data, region, country, organisation: `Org ${i % 150}` });
    }
  }
  for (const r of rows) {
    await sql`insert into responses (wave_id, questionnaire_version_id, status, data, region, country, organisation, completed_at)
      values (${wave.id}, ${version.id}, 'complete', ${sql.json(r.data as never)}, ${r.region}, ${r.country}, ${r.organisation}, now())`;
  }
  // A partial response and one from another version must never count.
  await sql`insert into responses (wave_id, questionnaire_version_id, status, data, region) values (${wave.id}, ${version.id}, 'partial', '{"offerToday":"yes"}', 'North America')`;
  return { wave, rows, specs };
}

describe("results", () => {
  it("equal counts computed independently from the raw rows: headline, region mix and each question", async () => {
    const { wave, rows } = await generatedWave();
    const r = await computeResults(wave);
    expect(r.respondents).toBe(200);
    expect(r.organisations).toBe(150);
    expect(r.countries).toBe(7);
    const na = r.regions.find((x) => x.region === "North America");
    expect(na).toEqual({ region: "North America", count: 110, percent: 55, suppressed: false });

    const offer = r.questions.find((q) => q.name === "offerToday")!;
    const answered = rows.filter((x) => "offerToday" in x.data);
    expect(offer.base).toBe(answered.length);
    for (const o of offer.options) {
      const n = answered.filter((x) => x.data.offerToday === o.value).length;
      expect(o.count).toBe(n);
      expect(o.percent).toBe(Math.round((n / answered.length) * 1000) / 10);
    }
    const naGroup = offer.groups.find((g) => g.group === "North America")!;
    expect(naGroup.base).toBe(answered.filter((x) => x.region === "North America").length);

    const barriers = r.questions.find((q) => q.name === "barriers")!;
    const withBarriers = rows.filter((x) => Array.isArray(x.data.barriers));
    expect(barriers.base).toBe(withBarriers.length);
    const quality = barriers.options.find((o) => o.value === "quality")!;
    expect(quality.count).toBe(withBarriers.filter((x) => (x.data.barriers as string[]).includes("quality")).length);

    const rating = r.questions.find((q) => q.name === "jobReadySkills")!;
    const ratings = rows.filter((x) => typeof x.data.jobReadySkills === "number").map((x) => x.data.jobReadySkills as number);
    expect(rating.mean).toBe(Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10);

    const matrix = r.questions.find((q) => q.name === "reasons")!;
    const engagement = matrix.rows!.find((x) => x.value === "engagement")!;
    const eng = rows.filter((x) => x.data.reasons).map((x) => (x.data.reasons as Record<string, string>).engagement);
    expect(engagement.base).toBe(eng.length);
    expect(engagement.topTwoPercent).toBe(Math.round((eng.filter((v) => v === "agree" || v === "strongly-agree").length / eng.length) * 1000) / 10);

    const comment = r.questions.find((q) => q.name === "comment")!;
    expect(comment.base).toBe(rows.filter((x) => typeof x.data.comment === "string").length);
    expect(JSON.stringify(r)).not.toContain("comment 1");
  });

  it("never shows a group under k, hides a complement so no hidden group can be derived, and hides a small wave entirely", async () => {
    const { wave } = await generatedWave();
    const r = await computeResults(wave);
    const hidden = r.regions.filter((x) => x.suppressed).map((x) => x.region).sort();
    expect(hidden).toEqual(["Middle East & North Africa", "Sub-Saharan Africa"]);
    for (const x of r.regions) if (!x.suppressed) expect(x.count).toBeGreaterThanOrEqual(5);
    // Subtracting the shown regions from the total leaves the sum of at least two hidden groups, never one.
    const shown = r.regions.reduce((s, x) => s + (x.count ?? 0), 0);
    expect(r.respondents! - shown).toBe(7);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    for (const q of r.questions) {
      for (const g of q.groups) {
        if (g.suppressed) {
          expect(g.base).toBeNull();
          expect(g.options.every((o) => o.count === null && o.percent === null)).toBe(true);
        } else {
          expect(g.base).toBeGreaterThanOrEqual(5);
        }
      }
      expect(q.groups.filter((g) => g.suppressed).length).not.toBe(1);
    }

    const tiny = await computeResults(wave, "region", 500);
    expect(tiny).toMatchObject({ suppressed: true, respondents: null, questions: [], regions: [] });
  });

  it("suppresses the next smallest group when only one is under k", () => {
    expect([...suppressedGroups([{ key: "a", base: 50 }, { key: "b", base: 3 }, { key: "c", base: 9 }, { key: "d", base: 7 }], 5)].sort()).toEqual(["b", "d"]);
    expect([...suppressedGroups([{ key: "a", base: 50 }, { key: "b", base: 3 }, { key: "c", base: 2 }], 5)].sort()).toEqual(["b", "c"]);
    expect([...suppressedGroups([{ key: "a", base: 50 }, { key: "b", base: 9 }], 5)]).toEqual([]);
  });
});

describe("rankings and small questions", () => {
  it("give the mean rank and the share ranked first, and hide a question answered by fewer than k", async () => {
    await syncQuestionnaires("survey-definitions");
    const version = (await getCurrentVersion("micro-credentials-2021"))!;
    const panel = await ensurePanel({ slug: `rank-${randomBytes(3).toString("hex")}`, name: "Rank" });
    const wave = await createWave({ slug: `rank-${randomBytes(3).toString("hex")}`, title: "Rank", panelId: panel.id, questionnaireVersionId: version.id, minGroupSize: 5 });
    const orders = [
      ["workforce-gap", "new-revenue"], ["workforce-gap", "lifelong-learning"], ["new-revenue", "workforce-gap"],
      ["workforce-gap", "new-revenue"], ["lifelong-learning", "workforce-gap"], ["workforce-gap", "degree-flexibility"],
    ];
    for (const [i, priorities] of orders.entries()) {
      const data = { priorities, relationToDegrees: "addition", ...(i < 3 ? { comment: "x" } : {}) };
      await sql`insert into responses (wave_id, questionnaire_version_id, status, data, region, completed_at)
        values (${wave.id}, ${version.id}, 'complete', ${sql.json(data as never)}, 'North America', now())`;
    }
    const r = await computeResults(wave);
    const ranking = r.questions.find((q) => q.name === "priorities")!;
    const gap = ranking.ranks!.find((x) => x.value === "workforce-gap")!;
    expect(gap.firstPercent).toBe(66.7); // 4 of 6 ranked it first
    expect(gap.meanRank).toBe(1.3); // positions 1,1,2,1,2,1
    expect(r.questions.find((q) => q.name === "comment")).toMatchObject({ base: null, suppressed: true }); // 3 < k
  });
});

describe("publishing", () => {
  const answers2024 = {
    country: "IN", organisationType: "public-university", offerToday: "yes", plans5y: "expand", enrolmentEffect: "much-more",
    reasons: { engagement: "agree", "competitive-advantage": "agree", retention: "neutral", "lifelong-learning": "agree", "job-ready": "strongly-agree" },
    jobReadySkills: 5, barriers: ["quality"],
  };

  it("freezes a snapshot that later responses do not move, serves it by audience, marks a respondent's own answer, and hides it when unpublished", async () => {
    const { wave } = await generatedWave();
    const { upsertPanelist } = await import("~/models/panelist.server");
    const { ensureInvitation } = await import("~/models/invitation.server");
    const { submitAnswers } = await import("~/flows/respond.server");
    const { publish } = await import("~/flows/publish.server");
    const { unpublish, currentPublication } = await import("~/models/publication.server");
    const { loader } = await import("~/routes/results.$waveSlug");
    const { loader: json } = await import("~/routes/results.$waveSlug_.json");
    const person = await upsertPanelist(wave.panelId, { email: `reader-${wave.id}@x.org`, name: "Reader", country: "IN" });
    const invitation = await ensureInvitation(wave.id, person.id);
    expect((await submitAnswers(invitation.token, { data: answers2024, complete: true })).kind).toBe("saved");

    const publication = await publish(wave, { label: "test" });
    expect(publication.snapshot.respondents).toBe(201);
    await sql`insert into responses (wave_id, questionnaire_version_id, status, data, region, completed_at)
      values (${wave.id}, ${wave.questionnaireVersionId}, 'complete', '{"offerToday":"no"}', 'North America', now())`;
    expect((await currentPublication(wave.id))?.snapshot.respondents).toBe(201);

    const call = (query = "") => loader({ request: new Request(`http://localhost/results/${wave.slug}${query}`), params: { waveSlug: wave.slug }, context: {} });
    await expect(call()).rejects.toMatchObject({ status: 403 }); // audience: respondents
    const page = await call(`?t=${invitation.token}&segment=South%20Asia`);
    expect(page.segment).toMatchObject({ kind: "region", key: "South Asia" });
    expect(page.segments.some((x) => x.kind === "organisationType")).toBe(false); // no profile types in generated rows: all "Unknown"
    expect(page.mine.offerToday).toEqual(["yes"]);
    expect(page.mine).not.toHaveProperty("comment");

    await sql`update waves set audience = 'public' where id = ${wave.id}`;
    const res = await json({ request: new Request(`http://localhost/results/${wave.slug}/json`), params: { waveSlug: wave.slug }, context: {} });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ wave: wave.slug, minGroupSize: 5, respondents: 201 });
    const offer = body.questions.find((q: { name: string }) => q.name === "offerToday");
    const hidden = offer.byRegion.filter((g: { suppressed: boolean }) => g.suppressed);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    for (const g of hidden) expect(g.options.every((o: { count: number | null }) => o.count === null)).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/"base":[1-4],/);

    await unpublish(wave, { label: "test" });
    await expect(call()).rejects.toMatchObject({ status: 404 });
  });
});

describe("cross-tabs", () => {
  it("break any question down by the answer to a single-choice question", async () => {
    const { wave, rows } = await generatedWave();
    const r = await computeResults(wave, "answer:offerToday", 1);
    const plans = r.questions.find((q) => q.name === "plans5y")!;
    const yes = plans.groups.find((g) => g.group === "yes")!;
    const expected = rows.filter((x) => x.data.offerToday === "yes" && "plans5y" in x.data);
    expect(yes.base).toBe(expected.length);
    const expand = yes.options.find((o) => o.value === "expand")!;
    expect(expand.count).toBe(expected.filter((x) => x.data.plans5y === "expand").length);
  });
});

describe("the published tables as CSV", () => {
  it("say 'fewer than k' where a cell is hidden, never a small number", async () => {
    const { publishedRows } = await import("~/results/published-csv");
    const { wave } = await generatedWave();
    const r = await computeResults(wave);
    const { rows } = publishedRows(r);
    const african = rows.filter((x) => x[2] === "Sub-Saharan Africa");
    expect(african.length).toBeGreaterThan(0);
    for (const x of african) expect([x[3], x[4], x[5]]).toEqual(["fewer than 5", "fewer than 5", "fewer than 5"]);
    for (const x of rows) if (typeof x[3] === "number") expect(x[3]).toBeGreaterThanOrEqual(5);
  });
});
