import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { panelistSession } from "../helpers/admin";
import { sql } from "~/db.server";
import { ensurePanel } from "~/models/panel.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { createWave } from "~/models/wave.server";
import { questionSpecs } from "~/results/questions";
import type { ResultFigures } from "~/results/figures";
import { computeResults, countResults, publishedFigures } from "~/results/results.server";

// A deterministic generator, so a failure can be replayed.
function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const REGION_PLAN: [string, string, number][] = [
  ["North America", "US", 110],
  ["East Asia & Pacific", "AU", 36],
  ["Europe & Central Asia", "GB", 24],
  ["Latin America & Caribbean", "CL", 14],
  ["South Asia", "IN", 9],
  ["Sub-Saharan Africa", "NG", 4],
  ["Middle East & North Africa", "AE", 3],
];

async function generatedWave() {
  await syncQuestionnaires("survey-definitions");
  const version = (await getCurrentVersion("for-credit-micro-credentials-2024"))!;
  const panel = await ensurePanel({ slug: `res-${randomBytes(3).toString("hex")}`, name: "Results" });
  const wave = await createWave({
    slug: `res-${randomBytes(3).toString("hex")}`,
    title: "Results",
    panelId: panel.id,
    questionnaireVersionId: version.id,
    minGroupSize: 5,
  });
  const specs = questionSpecs(version.definition);
  const random = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)] as T;
  const rows: { data: Record<string, unknown>; region: string; country: string; organisation: string }[] = [];
  let i = 0;
  for (const [region, country, n] of REGION_PLAN) {
    for (let j = 0; j < n; j++, i++) {
      const data: Record<string, unknown> = {};
      for (const s of specs) {
        if (random() < 0.05) continue; // some questions skipped
        if (s.kind === "single") data[s.name] = s.type === "boolean" ? random() < 0.6 : pick(s.options).value;
        if (s.kind === "rating") data[s.name] = Number(pick(s.options).value);
        if (s.kind === "multi")
          data[s.name] = s.options
            .filter(() => random() < 0.35)
            .slice(0, 3)
            .map((o) => o.value);
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

/** Every count a published output holds: cells, bases and group sizes. */
function publishedCounts(f: ResultFigures): number[] {
  const out: number[] = [];
  for (const b of f.breakdowns) for (const g of b.groups) out.push(g.size);
  for (const q of f.questions) {
    for (const item of q.items) {
      for (const t of [item.whole, ...Object.values(item.groups).flat()]) {
        if (t.base !== null) out.push(t.base);
        for (const c of [...t.cells, ...(t.agree ? [t.agree] : [])]) if (c.count !== null) out.push(c.count);
      }
    }
  }
  return out;
}

describe("results", () => {
  it("equal counts computed independently from the raw rows: headline, region mix and each question", async () => {
    const { wave, rows } = await generatedWave();
    const r = await computeResults(wave);
    expect(r.respondents).toBe(200);
    expect(r.organisations).toBe(150);
    expect(r.countries).toBe(7);
    const regions = r.breakdowns.find((b) => b.family === "region")!;
    expect(regions.groups.find((g) => g.id === "North America")).toEqual({
      id: "North America",
      other: false,
      size: 110,
      percent: 55,
    });
    const na = regions.groups.findIndex((g) => g.id === "North America");

    const offer = r.questions.find((q) => q.name === "offerToday")!;
    const answered = rows.filter((x) => "offerToday" in x.data);
    expect(offer.items[0]!.whole.base).toBe(answered.length);
    offer.options.forEach((o, i) => {
      const n = answered.filter((x) => x.data.offerToday === o.value).length;
      expect(offer.items[0]!.whole.cells[i]).toEqual({
        count: n,
        percent: Math.round((n / answered.length) * 1000) / 10,
      });
    });
    expect(offer.items[0]!.groups.region![na]!.base).toBe(answered.filter((x) => x.region === "North America").length);

    const barriers = r.questions.find((q) => q.name === "barriers")!;
    const withBarriers = rows.filter((x) => Array.isArray(x.data.barriers));
    expect(barriers.items[0]!.whole.base).toBe(withBarriers.length);
    const quality = barriers.options.findIndex((o) => o.value === "quality");
    expect(barriers.items[0]!.whole.cells[quality]!.count).toBe(
      withBarriers.filter((x) => (x.data.barriers as string[]).includes("quality")).length,
    );

    const rating = r.questions.find((q) => q.name === "jobReadySkills")!;
    const ratings = rows
      .filter((x) => typeof x.data.jobReadySkills === "number")
      .map((x) => x.data.jobReadySkills as number);
    expect(rating.items[0]!.whole.mean).toBe(
      Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10,
    );
    expect(rating.items[0]!.whole.agree!.count).toBe(ratings.filter((v) => v >= 4).length);

    const matrix = r.questions.find((q) => q.name === "reasons")!;
    const engagement = matrix.items.find((x) => x.row?.value === "engagement")!;
    const eng = rows.filter((x) => x.data.reasons).map((x) => (x.data.reasons as Record<string, string>).engagement);
    expect(engagement.whole.base).toBe(eng.length);
    expect(engagement.whole.agree!.percent).toBe(
      Math.round((eng.filter((v) => v === "agree" || v === "strongly-agree").length / eng.length) * 1000) / 10,
    );

    expect(r.questions.find((q) => q.name === "comment")).toBeUndefined(); // free text is never a figure
    expect(JSON.stringify(r)).not.toContain("comment 1");
  });

  it("publish no count of 1 to k-1 anywhere, merge small regions into one unnamed group of at least k, and hide a small wave entirely", async () => {
    const { wave } = await generatedWave();
    const { figures: r } = await publishedFigures(await countResults(wave));
    const regions = r.breakdowns.find((b) => b.family === "region")!;
    // Middle East (3) and Sub-Saharan Africa (4) are shown only together, and never named.
    expect(regions.groups.map((g) => g.id)).toEqual([
      "North America",
      "East Asia & Pacific",
      "Europe & Central Asia",
      "Latin America & Caribbean",
      "South Asia",
      "other",
    ]);
    expect(regions.groups.at(-1)).toMatchObject({ other: true, size: 7 });
    expect(JSON.stringify(r)).not.toMatch(/Sub-Saharan|Middle East/);
    for (const n of publishedCounts(r)) expect(n === 0 || n >= 5).toBe(true);
    // Every question lists the same groups, in the same order, hidden or not.
    for (const q of r.questions)
      for (const item of q.items)
        expect(item.groups.region?.length ?? 0).toBe(q.identifying ? 0 : regions.groups.length);

    const tiny = (await publishedFigures({ ...(await countResults(wave)), wave: { ...wave, minGroupSize: 500 } }))
      .figures;
    expect(tiny).toMatchObject({ suppressed: true, respondents: null, questions: [], breakdowns: [] });
  });
});

describe("rankings and small questions", () => {
  it("give the mean rank and the share ranked first, and hide a question answered by fewer than k", async () => {
    await syncQuestionnaires("survey-definitions");
    const version = (await getCurrentVersion("micro-credentials-2021"))!;
    const panel = await ensurePanel({ slug: `rank-${randomBytes(3).toString("hex")}`, name: "Rank" });
    const wave = await createWave({
      slug: `rank-${randomBytes(3).toString("hex")}`,
      title: "Rank",
      panelId: panel.id,
      questionnaireVersionId: version.id,
      minGroupSize: 5,
    });
    const orders = [
      ["workforce-gap", "new-revenue"],
      ["workforce-gap", "lifelong-learning"],
      ["new-revenue", "workforce-gap"],
      ["workforce-gap", "new-revenue"],
      ["lifelong-learning", "workforce-gap"],
      ["workforce-gap", "degree-flexibility"],
    ];
    for (const [i, priorities] of orders.entries()) {
      const data = { priorities, relationToDegrees: "addition", ...(i < 3 ? { comment: "x" } : {}) };
      await sql`insert into responses (wave_id, questionnaire_version_id, status, data, region, completed_at)
        values (${wave.id}, ${version.id}, 'complete', ${sql.json(data as never)}, 'North America', now())`;
    }
    const r = await computeResults(wave);
    const ranking = r.questions.find((q) => q.name === "priorities")!;
    const gap = ranking.options.findIndex((o) => o.value === "workforce-gap");
    expect(ranking.items[0]!.whole.cells[gap]!.percent).toBe(66.7); // 4 of 6 ranked it first
    expect(ranking.items[0]!.whole.ranks![gap]).toBe(1.3); // positions 1,1,2,1,2,1
    const revenue = ranking.options.findIndex((o) => o.value === "new-revenue");
    expect(ranking.items[0]!.whole.ranks![revenue]).toBe(1.7); // positions 2,1,2
    // Published at k = 5: the ranking's first places of 1 to 4 are hidden, and so is every average position built on them.
    const published = (await publishedFigures(await countResults(wave))).figures.questions.find(
      (q) => q.name === "priorities",
    )!;
    expect(published.items[0]!.whole.cells[revenue]!.count).toBeNull();
    expect(published.items[0]!.whole.ranks![revenue]).toBeNull();
  });
});

describe("publishing", () => {
  const answers2024 = {
    country: "IN",
    organisationType: "public-university",
    offerToday: "yes",
    plans5y: "expand",
    enrolmentEffect: "much-more",
    reasons: {
      engagement: "agree",
      "competitive-advantage": "agree",
      retention: "neutral",
      "lifelong-learning": "agree",
      "job-ready": "strongly-agree",
    },
    jobReadySkills: 5,
    barriers: ["quality"],
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
    const person = await upsertPanelist(wave.panelId, {
      email: `reader-${wave.id}@x.org`,
      name: "Reader",
      country: "IN",
    });
    const invitation = await ensureInvitation(wave.id, person.id);
    expect((await submitAnswers(invitation.token, { data: answers2024, complete: true })).kind).toBe("saved");

    const outcome = await publish(wave, { label: "test" });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.publication.snapshot.respondents).toBe(201);
    await sql`insert into responses (wave_id, questionnaire_version_id, status, data, region, completed_at)
      values (${wave.id}, ${wave.questionnaireVersionId}, 'complete', '{"offerToday":"no"}', 'North America', now())`;
    expect((await currentPublication(wave.id))?.snapshot.respondents).toBe(201);

    const call = (query = "", cookie?: string) =>
      loader({
        request: new Request(`http://localhost/results/${wave.slug}${query}`, {
          headers: cookie ? { Cookie: cookie } : {},
        }),
        params: { waveSlug: wave.slug },
        context: {},
      });
    await expect(call()).rejects.toMatchObject({ status: 403 }); // audience: respondents
    // A link forwarded with the old personal token opens nothing: answers come only with a sign-in.
    await expect(call(`?t=${invitation.token}`)).rejects.toMatchObject({ status: 403 });
    const page = await call("?by=region", await panelistSession(person.id));
    expect(page.breakdown).toBe("region");
    expect(page.breakdowns).not.toContain("organisationType"); // no profile types in generated rows: all "Unknown"
    expect(page.mine.offerToday).toEqual(["yes"]);
    expect(page.mine).not.toHaveProperty("comment");

    await sql`update waves set audience = 'public' where id = ${wave.id}`;
    const res = await json({
      request: new Request(`http://localhost/results/${wave.slug}/json`),
      params: { waveSlug: wave.slug },
      context: {},
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ wave: wave.slug, minGroupSize: 5, respondents: 201 });
    expect(body.breakdowns[0].groups.at(-1)).toMatchObject({ id: "other", size: 7 });
    // The fields the API has always had, read off the same protected figures.
    expect(body.regions[0]).toEqual({ region: "North America", count: 110, percent: 54.7, suppressed: false });
    expect(body.regions.at(-1)).toMatchObject({ region: "Other regions together", count: 7 });
    const offer = body.questions.find((q: { name: string }) => q.name === "offerToday");
    expect(offer.base).toBe(offer.items[0].whole.base);
    expect(offer.options.map((o: { value: string; count: number | null }) => [o.value, o.count])).toEqual(
      offer.options.map((o: { value: string }, i: number) => [o.value, offer.items[0].whole.cells[i].count]),
    );
    expect(offer.byRegion.map((g: { region: string }) => g.region)).toEqual(
      body.regions.map((r: { region: string }) => r.region),
    );
    expect(JSON.stringify(body)).not.toMatch(/"(base|count|size)":[1-4][,}]/);
    expect(JSON.stringify(body)).not.toMatch(/quoteSources|"record"|North America\|/);

    await unpublish(wave, { label: "test" });
    await expect(call()).rejects.toMatchObject({ status: 404 });
  });
});

describe("cross-tabs", () => {
  it("break any question down by the answer to a single-choice question", async () => {
    const { wave, rows } = await generatedWave();
    const r = await computeResults(wave, "answer:offerToday");
    const plans = r.questions.find((q) => q.name === "plans5y")!;
    const yes = r.breakdowns[0]!.groups.findIndex((g) => g.id === "yes");
    const table = plans.items[0]!.groups["answer:offerToday"]![yes]!;
    const expected = rows.filter((x) => x.data.offerToday === "yes" && "plans5y" in x.data);
    expect(table.base).toBe(expected.length);
    const expand = plans.options.findIndex((o) => o.value === "expand");
    expect(table.cells[expand]!.count).toBe(expected.filter((x) => x.data.plans5y === "expand").length);
  });
});

describe("the published tables as CSV", () => {
  it("say 'fewer than k or withheld' where a cell is hidden, never a small number, and never name a merged group", async () => {
    const { publishedRows } = await import("~/results/published-csv");
    const { wave } = await generatedWave();
    const { rows } = publishedRows((await publishedFigures(await countResults(wave))).figures);
    expect(rows.some((x) => x[4] === "Other regions together")).toBe(true);
    expect(rows.some((x) => x.includes("fewer than 5 or withheld"))).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/Sub-Saharan|Middle East/);
    for (const x of rows) for (const v of [x[5], x[6]]) if (typeof v === "number") expect(v === 0 || v >= 5).toBe(true);
  });
});
