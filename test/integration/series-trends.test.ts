// A three-wave series with known answers (issue 28): trends from each wave's own publication, the
// change in points and its mark, the change among the same people through the disclosure engine,
// and a question whose answer values changed breaking the line.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { publish } from "~/flows/publish.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { ensurePanel } from "~/models/panel.server";
import { upsertPanelist } from "~/models/panelist.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { createSeries } from "~/models/series.server";
import { createWave, getWave, getWaveBySlug } from "~/models/wave.server";
import type { Snapshot } from "~/results/snapshot";

const tag = randomBytes(3).toString("hex");
const slug = `series-test-${tag}`;
const dir = await mkdtemp(path.join(tmpdir(), "series-"));
const definition = JSON.parse(await readFile("survey-definitions/for-credit-micro-credentials-2024.json", "utf8"));
await writeFile(path.join(dir, `${slug}.json`), JSON.stringify(definition));
await syncQuestionnaires(dir);
const v1 = (await getCurrentVersion(slug))!;
// The third wave asks offerToday in other words, and plans5y with another answer: its line breaks.
for (const page of definition.pages)
  for (const e of page.elements ?? []) {
    if (e.name === "offerToday") e.title = "Does your institution offer for-credit micro-credentials now?";
    if (e.name === "plans5y") e.choices.push({ value: "shrink", text: "Offer fewer" });
  }
await writeFile(path.join(dir, `${slug}.json`), JSON.stringify(definition));
await syncQuestionnaires(dir);
const v2 = (await getCurrentVersion(slug))!;

const ORG_TYPES = ["public-university", "private-university", "community-college"];
const panel = await ensurePanel({ slug: `series-${tag}`, name: "Series panel" });
const people: number[] = [];
for (let i = 1; i <= 50; i++) {
  const p = await upsertPanelist(panel.id, {
    email: `p${i}-${tag}@example.org`,
    name: `P${i}`,
    country: i % 2 ? "US" : "GB",
    organisationType: ORG_TYPES[i % 3]!,
    roleCategory: i % 4 < 2 ? "provost" : "president",
  });
  people.push(p.id);
}
const { series } = (await createSeries(
  { panelId: panel.id, slug: `trend-${tag}`, name: "Trend" },
  { label: "test" },
)) as {
  series: { id: number };
};

/** A wave in the series answered by panelists 1..n: answer(i) gives offerToday and jobReadySkills of person i. */
async function wave(
  n: number,
  day: number,
  version: number,
  answer: (i: number) => [string, number],
  seriesId = series.id,
  prefix = "trend",
  only?: { who: number[]; segment: Record<string, string[]> },
) {
  const w = await createWave({
    slug: `${prefix}-${tag}-${day}`,
    title: `Trend ${day}`,
    panelId: panel.id,
    questionnaireVersionId: version,
    opensAt: new Date(Date.UTC(2026, 0, day)),
    closesAt: new Date(Date.UTC(2026, 0, day + 10)),
    minGroupSize: 5,
    seriesId,
    ...(only ? { segment: only.segment as never } : {}),
  });
  for (const i of only?.who ?? [...Array(n).keys()].map((x) => x + 1)) {
    const [offerToday, jobReadySkills] = answer(i);
    const country = i % 2 ? "US" : "GB";
    const data = {
      country,
      organisationType: ORG_TYPES[i % 3]!,
      offerToday,
      // The main series keeps these two constant; the others vary them (a table where everyone kept one
      // answer is a whole group's answer, and withheld).
      plans5y: prefix === "trend" || i % 2 ? "expand" : "integrate",
      enrolmentEffect: prefix === "trend" || i % 3 ? "somewhat-more" : "much-more",
      jobReadySkills,
      barriers: i % 3 ? ["cost"] : ["cost", "quality"],
      ...(offerToday === "no" ? { careerTopThree: i % 4 !== 0 } : {}),
    };
    const [inv] = await sql<{ id: number }[]>`
      insert into invitations (wave_id, panelist_id, token_hash) values (${w.id}, ${people[i - 1]!}, ${randomBytes(32)})
      returning id`;
    await sql`insert into responses (wave_id, invitation_id, questionnaire_version_id, status, source, data, country,
        region, organisation_type, role_category, completed_at)
      values (${w.id}, ${inv!.id}, ${version}, 'complete', 'invitation', ${sql.json(data)}, ${country},
        ${i % 2 ? "North America" : "Europe & Central Asia"}, ${ORG_TYPES[i % 3]!}, ${i % 4 < 2 ? "provost" : "president"},
        now() - interval '1 minute')`;
  }
  const outcome = await publish((await getWave(w.id))!, { label: "test" });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.publication.snapshot as Snapshot;
}

// Wave 1: 40 people, 1–20 "yes" (skills 3), 21–40 "no" (skills 4).
// Wave 2: the same 40 and 41–50 new. Of 1–20: 15 stay "yes", 5 move to "no"; of 21–40: 10 move to "yes", 10 stay;
//   the newcomers: 5 "yes", 5 "no". Skills: 1–20 move up to 4, 21–40 stay at 4, newcomers 2.
// Wave 3 (reworded offerToday, plans5y with a new answer): the same 50. Of wave 2's 30 "yes": 25 stay, 5 move to
//   "no"; of its 20 "no": 15 move to "yes", 5 stay.
// Skills: wave 1 gives 1 + i % 5; in wave 2 one in four moves a point up, one in four a point down (within 1–5).
const skills1 = (i: number) => 1 + (i % 5);
const skills2 = (i: number) =>
  i > 40 ? 3 : Math.min(5, Math.max(1, skills1(i) + (i % 4 === 0 ? 1 : i % 4 === 1 ? -1 : 0)));
const w1 = (i: number): [string, number] => (i <= 20 ? ["yes", skills1(i)] : ["no", skills1(i)]);
const w2 = (i: number): [string, number] => [
  i <= 15 ? "yes" : i <= 20 ? "no" : i <= 30 ? "yes" : i <= 40 ? "no" : i <= 45 ? "yes" : "no",
  skills2(i),
];
const w3 = (i: number): [string, number] => {
  const before = w2(i)[0];
  const order = [...Array(50).keys()].map((x) => x + 1).filter((x) => w2(x)[0] === before);
  const rank = order.indexOf(i);
  return [before === "yes" ? (rank < 25 ? "yes" : "no") : rank < 15 ? "yes" : "no", 4];
};

const first = await wave(40, 1, v1.id, w1);
const second = await wave(50, 15, v1.id, w2);
const third = await wave(50, 29, v2.id, w3);
const trend = (s: Snapshot, name: string) => s.series?.questions.find((q) => q.name === name);
const share = (s: Snapshot, name: string, value: string) => {
  const q = trend(s, name)!;
  const i = s.questions.find((x) => x.name === name)!.options.findIndex((o) => o.value === value);
  return { points: q.items[0]!.whole.points.map((p) => p.cells[i]), change: q.items[0]!.whole.change[i] };
};

describe("a three-wave series", () => {
  it("the first wave has no earlier figures: nothing to compare", () => {
    expect(first.series?.questions ?? []).toEqual([]);
  });

  it("the second wave's report carries the first's figures beside its own, the change in points and no mark", () => {
    expect(second.series?.waves.map((w) => w.slug)).toEqual([`trend-${tag}-1`, `trend-${tag}-15`]);
    const yes = share(second, "offerToday", "yes");
    expect(yes.points).toEqual([
      { count: 20, percent: 50 },
      { count: 30, percent: 60 },
    ]);
    expect(yes.change).toEqual({ pp: 10, mark: null });
  });

  it("no same-people table when it would count a group's joiners: all 40 of wave 1 answered wave 2, so each organisation type's size then and now would give its 3, 3 and 4 newcomers", () => {
    // Issue 21, round 3 (an independent methodologist, M3-5): "answered both" = wave 1's n says nobody left,
    // and each group's two sizes then give its joiners. The ten newcomers are 5 and 5 by region and role
    // (safe), but 3, 3 and 4 by organisation type.
    const sizes = (s: Snapshot) =>
      Object.fromEntries(s.breakdowns.find((b) => b.family === "organisationType")!.groups.map((g) => [g.id, g.size]));
    const [then, now] = [sizes(first), sizes(second)];
    expect(
      Object.keys(now)
        .map((g) => (now[g] ?? 0) - (then[g] ?? 0))
        .sort(),
    ).toEqual([3, 3, 4]);
    for (const q of second.series?.questions ?? []) {
      expect(q.same?.answeredBoth ?? null).toBeNull();
      expect((q.same?.entries ?? []).filter((e) => e.count !== null)).toEqual([]);
    }
    // Without the table the two waves are compared as independent samples.
    expect(trend(second, "offerToday")?.test).toBe("independent");
  });

  it("the same people: a from → to table of those who answered both, with its row and column sums", () => {
    // Wave 2 → 3: the same 50 people, so nobody joined or left any group.
    const same = trend(third, "offerToday")!.same!;
    expect(same).toMatchObject({ from: `trend-${tag}-15`, to: `trend-${tag}-29`, kind: "single", answeredBoth: 50 });
    expect(same.before.find((b) => b.value === "yes")?.count).toBe(30);
    expect(same.after.find((b) => b.value === "yes")?.count).toBe(40);
    expect(trend(third, "offerToday")?.test).toBe("overlap");
    // Every total is the sum of its cells, also for careerTopThree, asked only after "no" (M3-8: its totals
    // counted those who answered it in one wave only).
    // (The demo's careerTopThree table, shown, is checked the same way in health-and-demo.test.ts.)
    const career = trend(third, "careerTopThree")?.same;
    for (const s of career ? [same, career] : [same]) {
      const shown = (side: "from" | "to", v: string) => s.entries.filter((e) => e[side] === v).map((e) => e.count);
      for (const [side, totals] of [
        ["from", s.before],
        ["to", s.after],
      ] as const)
        for (const t of totals) {
          const cells = shown(side, t.value);
          if (t.count !== null && cells.every((c) => c !== null))
            expect(cells.reduce<number>((a, c) => a + (c ?? 0), 0)).toBe(t.count);
        }
    }
  });

  it("the third wave: three points, a 20-point rise marked, the reworded question footnoted", () => {
    const yes = share(third, "offerToday", "yes");
    expect(yes.points.map((p) => p?.percent)).toEqual([50, 60, 80]);
    expect(yes.change).toEqual({ pp: 20, mark: "up" });
    expect(trend(third, "offerToday")!.reworded.map((r) => r.wave)).toEqual([`trend-${tag}-1`, `trend-${tag}-15`]);
    const same = trend(third, "offerToday")!.same!;
    const cell = (from: string, to: string) => same.entries.find((e) => e.from === from && e.to === to)?.count;
    expect([cell("yes", "yes"), cell("yes", "no"), cell("no", "yes"), cell("no", "no")]).toEqual([25, 5, 15, 5]);
  });

  it("a question whose answer values changed breaks the line", () => {
    const plans = trend(third, "plans5y")!;
    expect(plans.brokenAt).toBe(`trend-${tag}-15`);
    expect(plans.waves).toEqual([`trend-${tag}-29`]);
    expect(trend(second, "plans5y")!.waves).toHaveLength(2);
  });

  it("groups are compared with the same group of earlier waves", () => {
    const groups = trend(second, "offerToday")!.items[0]!.groups.region ?? [];
    expect(groups.map((g) => g.id).sort()).toEqual(["Europe & Central Asia", "North America"]);
    for (const g of groups) expect(g.table.points).toHaveLength(2);
  });
});

describe("the report of a series wave", () => {
  it("shows each question across the waves, the change with its mark, the same people's table and the method, in every language", async () => {
    const { reportPage } = await import("~/results/report-page.server");
    const { cachedDefinition } = await import("~/models/questionnaire.server");
    const definition = await cachedDefinition(v2.id);
    for (const lang of ["en", "es", "fr", "pt"]) {
      const page = await reportPage({
        definition,
        publication: { snapshot: third, commentary: {} },
        answers: null,
        asked: { lang, by: "region" },
        browser: [],
        panelName: "Series panel",
        preview: false,
      });
      const offer = page.sections.find((s) => s.id === "q-offerToday")!.trend!;
      expect(offer.columns).toHaveLength(3);
      const yes = offer.rows[0]!;
      expect(yes.cells.map((c) => c.text.replace(/\s/g, ""))).toEqual(["50%", "60%", "80%"]);
      expect(yes.change.mark).toBe("up");
      expect(yes.change.text).toMatch(/^\+20/);
      expect(offer.chart?.lines.length).toBeGreaterThan(0);
      expect(offer.notes.length).toBeGreaterThanOrEqual(1);
      expect(offer.same?.table?.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
        ["25", "5", "30"],
        ["15", "5", "20"],
        ["40", "10", "50"],
      ]);
      expect(page.methodology.paragraphs.at(-1)).toContain("5");
      if (lang === "en") expect(page.methodology.paragraphs.at(-1)).toContain("partially overlapping samples");
      expect(page.series?.href).toBe(`/results/series/trend-${tag}`);
      const plans = page.sections.find((s) => s.id === "q-plans5y")!.trend!;
      expect(plans.rows).toEqual([]);
      expect(plans.notes[0]).toBeTruthy();
    }
  });
});

describe("the series page, its JSON and CSV", () => {
  it("shows only the waves the reader may read: none of these (for respondents) to anyone, all once public", async () => {
    const page = await import("~/routes/results.series.$slug");
    const jsonRoute = await import("~/routes/results.series.$slug_.json");
    const csvRoute = await import("~/routes/results.series.$slug_.csv");
    const request = () => new Request(`http://localhost/results/series/trend-${tag}`);
    const params = { slug: `trend-${tag}` };
    const status = async (p: Promise<unknown>) => {
      try {
        const r = await p;
        return r instanceof Response ? r.status : 200;
      } catch (thrown) {
        return thrown instanceof Response ? thrown.status : 500;
      }
    };
    expect(await status(page.loader({ request: request(), params, context: {} }))).toBe(404);
    expect((await jsonRoute.loader({ request: request(), params, context: {} })).status).toBe(404);
    await sql`update waves set audience = 'public' where series_id = ${series.id}`;
    const view = await page.loader({ request: request(), params, context: {} });
    expect(view.waves).toHaveLength(3);
    expect(
      view.lines.find((l) => l.id === "q-offerToday")?.trend.rows[0]?.cells.map((c) => c.text.replace(/\s/g, "")),
    ).toEqual(["50%", "60%", "80%"]);
    const json = (await (await jsonRoute.loader({ request: request(), params, context: {} })).json()) as {
      waves: unknown[];
      trends: {
        questions: { name: string; same: { entries: { from: string; to: string; count: number }[] } | null }[];
      };
    };
    expect(json.waves).toHaveLength(3);
    expect(json.trends.questions.find((q) => q.name === "offerToday")?.same?.entries).toContainEqual({
      from: "no",
      to: "yes",
      count: 15,
    });
    const csv = await (await csvRoute.loader({ request: request(), params, context: {} })).text();
    expect(csv).toContain(`trend-${tag}-29`);
    expect(csv.split("\n")[0]).toContain("question,row,answer,wave,opens,base,count,percent");
  });
});

describe("the wave page", () => {
  it("says which series a wave is in and what its next publication shows as trends", async () => {
    const { seriesPreview } = await import("~/flows/series.server");
    const w3 = (await sql<{ id: number }[]>`select id from waves where slug = ${`trend-${tag}-29`}`)[0]!;
    const preview = (await seriesPreview({ id: w3.id, questionnaireVersionId: v2.id }))!;
    expect(preview.slug).toBe(`trend-${tag}`);
    expect(preview.comparedWith).toEqual(["Trend 1", "Trend 15"]);
    expect(preview.samePeopleWith).toBe("Trend 15");
    expect(preview.changed.some((t) => /five years/i.test(t))).toBe(true);
    expect(preview.shared.length).toBeGreaterThan(3);
  });
});

describe("a series whose conditional question is left out by a few", () => {
  it("does not publish how many of those who answered both left a question out, when they are 1 to k-1 (M3-4)", async () => {
    // The same 40 people answer twice: 36 say "no" both times (so careerTopThree, asked only after a "no",
    // is answered by them both times), 2 move from "no" to "yes", one stays "yes", one moves to "no".
    // "Answered both" of offerToday (40) less that of careerTopThree would be those 4.
    const { series: other } = (await createSeries(
      { panelId: panel.id, slug: `skip-${tag}`, name: "Skip" },
      { label: "test" },
    )) as { series: { id: number } };
    await wave(40, 3, v1.id, (i) => [i <= 38 ? "no" : "yes", 1 + (i % 5)], other.id, "skip");
    const later = await wave(
      40,
      17,
      v1.id,
      (i) => [i <= 36 || i === 40 ? "no" : "yes", 1 + ((i + 1) % 5)],
      other.id,
      "skip",
    );
    const both = (name: string) => trend(later, name)?.same?.answeredBoth ?? null;
    const offer = both("offerToday");
    const career = both("careerTopThree");
    if (offer !== null && career !== null) expect(offer - career === 0 || offer - career >= 5).toBe(true);
    expect(career).not.toBe(36);
    // Not everything is withheld: everyone who answered both is shown (the scale, answered by all of them).
    expect(both("jobReadySkills")).toBe(40);
  });
});

describe("a series whose second wave goes to one region", () => {
  it("does not give that region's one leaver (20 North Americans, 19 of them answer the North America wave: M3-5b)", async () => {
    const { series: seg } = (await createSeries(
      { panelId: panel.id, slug: `seg-${tag}`, name: "Segment" },
      { label: "test" },
    )) as { series: { id: number } };
    const answer = (i: number): [string, number] => [i % 3 ? "no" : "yes", 1 + (i % 5)];
    const before = await wave(40, 5, v1.id, answer, seg.id, "seg");
    const northAmericans = [...Array(40).keys()].map((x) => x + 1).filter((i) => i % 2);
    const later = await wave(40, 19, v1.id, answer, seg.id, "seg", {
      who: northAmericans.slice(1),
      segment: { region: ["North America"] },
    });
    const na = before.breakdowns.find((b) => b.family === "region")!.groups.find((g) => g.id === "North America")!;
    expect([na.size, later.respondents]).toEqual([20, 19]);
    // "Answered both" of a question everyone answers would be 19, i.e. all of the North America wave answered
    // the first, and 20 − 19 = 1 North American left. Nothing may say so.
    for (const q of later.series?.questions ?? []) expect(q.same?.answeredBoth ?? null).not.toBe(19);
  });
});

describe("a series wave published again after late answers", () => {
  it("keeps its same-people figures from moving by 1 to k-1 between its two publications (M4-3)", async () => {
    const { series: again } = (await createSeries(
      { panelId: panel.id, slug: `again-${tag}`, name: "Again" },
      { label: "test" },
    )) as { series: { id: number } };
    const answer = (i: number): [string, number] => [i % 3 ? "no" : "yes", 1 + (i % 5)];
    const later = (i: number): [string, number] => [i % 5 < 2 ? "yes" : "no", 1 + ((i * 7) % 5)];
    await wave(50, 7, v1.id, answer, again.id, "again");
    // The late five are of one region, organisation type and role (North American provosts of private
    // universities), so that the first publication may show a table: no group lost 1 to 4 of its members.
    const late = [1, 13, 25, 37, 49];
    const first = await wave(50, 21, v1.id, later, again.id, "again", {
      who: [...Array(50).keys()].map((x) => x + 1).filter((i) => !late.includes(i)),
      segment: {},
    });
    // The five answer the second wave late (after its publication), and it is published again.
    const w = (await getWaveBySlug(`again-${tag}-21`))!;
    for (const i of late) {
      const [offerToday, jobReadySkills] = later(i);
      const [inv] = await sql<{ id: number }[]>`
        insert into invitations (wave_id, panelist_id, token_hash) values (${w.id}, ${people[i - 1]!}, ${randomBytes(32)})
        returning id`;
      await sql`insert into responses (wave_id, invitation_id, questionnaire_version_id, status, source, data, country,
          region, organisation_type, role_category, completed_at)
        values (${w.id}, ${inv!.id}, ${v1.id}, 'complete', 'invitation',
          ${sql.json({ country: i % 2 ? "US" : "GB", organisationType: ORG_TYPES[i % 3]!, offerToday, plans5y: "expand", enrolmentEffect: "somewhat-more", jobReadySkills, barriers: ["cost"], ...(offerToday === "no" ? { careerTopThree: true } : {}) })},
          ${i % 2 ? "US" : "GB"}, ${i % 2 ? "North America" : "Europe & Central Asia"}, ${ORG_TYPES[i % 3]!},
          ${i % 4 < 2 ? "provost" : "president"}, now() + interval '1 second')`;
    }
    await new Promise((r) => setTimeout(r, 1100));
    const outcome = await publish((await getWave(w.id))!, { label: "test" });
    if (!outcome.ok) throw new Error(outcome.message);
    const second = outcome.publication.snapshot as Snapshot;
    expect([first.respondents, second.respondents]).toEqual([45, 50]);
    const figures = (s: Snapshot) =>
      (s.series?.questions ?? []).flatMap((q) =>
        q.same
          ? [
              [`${q.name} answered both`, q.same.answeredBoth] as const,
              ...q.same.entries.map((e) => [`${q.name} ${e.from}→${e.to}`, e.count] as const),
              ...q.same.before.map((e) => [`${q.name} then ${e.value}`, e.count] as const),
              ...q.same.after.map((e) => [`${q.name} now ${e.value}`, e.count] as const),
              ...Object.entries(q.same.moves ?? {}).map(([m, n]) => [`${q.name} ${m}`, n] as const),
            ]
          : [],
      );
    const then = new Map(figures(first));
    expect(figures(first).some(([, n]) => n !== null)).toBe(true);
    const moved = figures(second).flatMap(([label, now]) => {
      const before = then.get(label);
      const d = now === null || before === null || before === undefined ? 0 : Math.abs(now - before);
      return d >= 1 && d <= 4 ? [`${label}: ${before} → ${now}`] : [];
    });
    expect(moved).toEqual([]);
  }, 120_000);
});
