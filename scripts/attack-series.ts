// npm run test:disclosure (third part; alone: node --import tsx scripts/attack-series.ts): attacks the change among the same people
// of a series (issue 28) as an outsider would. It shares nothing with the disclosure engine: it reads
// only what an anonymous reader is served (each wave's public JSON: its own figures, and for a series
// wave the earlier wave's figures and the same-people table), and pins by integer programming (HiGHS)
// what those figures say about the people who answered one wave but not the other, and about the
// pairs of answers. Series of two and three waves whose respondents overlap and differ by 1..k-1
// people are generated, answered and published in a scratch database. Prints what it tries and what
// it finds; exits 1 on a disclosure.
import loadHighs from "highs";
import { randomBytes } from "node:crypto";
import { sql } from "~/db.server";
import { initEnv } from "~/env.server";
import { publish } from "~/flows/publish.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { ensurePanel } from "~/models/panel.server";
import { currentPublication } from "~/models/publication.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { createSeries } from "~/models/series.server";
import { createWave, getWave } from "~/models/wave.server";
import { closeFiguresPool } from "~/results/figures-pool.server";
import { publicJson } from "~/results/public-json";
import type { Snapshot } from "~/results/snapshot";
import { scratchDatabase } from "../harness/scratch-database";

const K = 5;
let state = 28;
const random = () => (state = (state * 16807) % 2147483647) / 2147483647;

type Published = ReturnType<typeof publicJson<Snapshot>>;
interface Scenario {
  note: string;
  /** Per wave, who answered (panelist numbers). */
  waves: number[][];
}

/** Two waves differing by d leavers and e newcomers (1..k-1 each), a series of three, and one whose overlap is below k. */
function scenarios(): Scenario[] {
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  const out: Scenario[] = [];
  for (let d = 1; d < K; d++)
    out.push({ note: `2 waves: ${d} left, ${K - d} joined`, waves: [range(1, 40), range(1 + d, 40 + K - d)] });
  // Enough left and joined for a table, with each answer's leavers and joiners 1..k-1 people.
  for (const [left, joined] of [
    [6, 7],
    [9, 5],
  ] as const)
    out.push({
      note: `2 waves: ${left} left, ${joined} joined`,
      waves: [range(1, 40), range(1 + left, 40 + joined)],
    });
  out.push({ note: "2 waves: 1 left, none joined", waves: [range(1, 30), range(2, 30)] });
  out.push({ note: "2 waves: none left, 1 joined", waves: [range(1, 30), range(1, 31)] });
  out.push({
    note: "3 waves: 2 leave then 3 join, then 1 leaves and 4 join",
    waves: [range(1, 36), range(3, 39), range(4, 43)],
  });
  out.push({
    note: "3 waves: 6 leave then 8 join, then 7 leave and 6 join",
    waves: [range(1, 40), range(7, 48), range(14, 54)],
  });
  out.push({ note: `2 waves: only ${K - 1} answered both`, waves: [range(1, 30), range(27, 56)] });
  return out;
}

const OFFER = ["yes", "no", "not-sure"];
/** One person's answers in a wave: mostly kept from the wave before, some moved. */
function answersOf(person: number, wave: number, kept: Map<number, [string, number]>): [string, number] {
  const before = kept.get(person);
  const offer = before && random() < 0.7 ? before[0] : OFFER[Math.floor(random() * (random() < 0.8 ? 2 : 3))]!;
  const skills = before && random() < 0.6 ? before[1] : 1 + Math.floor(random() * 5);
  const out: [string, number] = [offer, skills];
  kept.set(person, out);
  void wave;
  return out;
}

const ORG = ["public-university", "private-university", "community-college"];
const COUNTRIES: [string, string][] = [
  ["US", "North America"],
  ["GB", "Europe & Central Asia"],
  ["IN", "South Asia"],
];

interface Found {
  attacks: number;
  disclosures: string[];
}

async function runScenario(s: Scenario, index: number, versionId: number, panelId: number): Promise<Published[]> {
  const tag = `${index}-${randomBytes(2).toString("hex")}`;
  const created = await createSeries({ panelId, slug: `attack-${tag}`, name: s.note }, { label: "attack" });
  if (!created.ok) throw new Error("series not created");
  const people = new Map<number, number>();
  const kept = new Map<number, [string, number]>();
  const published: Published[] = [];
  for (const [w, who] of s.waves.entries()) {
    const wave = await createWave({
      slug: `attack-${tag}-${w}`,
      title: `${s.note}, wave ${w + 1}`,
      panelId,
      questionnaireVersionId: versionId,
      opensAt: new Date(Date.UTC(2026, w * 3, 1)),
      closesAt: new Date(Date.UTC(2026, w * 3, 20)),
      minGroupSize: K,
      audience: "public",
      seriesId: created.series.id,
    });
    for (const n of who) {
      let pid = people.get(n);
      if (!pid) {
        const [row] = await sql<{ id: number }[]>`
          insert into panelists (panel_id, email, name, country, region, organisation_type, role_category, source)
          values (${panelId}, ${`p${n}-${tag}@attack.example`}, ${`P${n}`}, ${COUNTRIES[n % 3]![0]}, ${COUNTRIES[n % 3]![1]},
            ${ORG[n % 3]!}, 'provost', 'attack') returning id`;
        pid = row!.id;
        people.set(n, pid);
      }
      const [offerToday, jobReadySkills] = answersOf(n, w, kept);
      const data = {
        country: COUNTRIES[n % 3]![0],
        organisationType: ORG[n % 3]!,
        offerToday,
        plans5y: ["integrate", "expand"][n % 2],
        enrolmentEffect: "somewhat-more",
        jobReadySkills,
        barriers: n % 3 ? ["cost"] : ["cost", "quality"],
        ...(offerToday === "no" ? { careerTopThree: n % 4 !== 0 } : {}),
      };
      const [inv] = await sql<{ id: number }[]>`
        insert into invitations (wave_id, panelist_id, token_hash, used_at) values (${wave.id}, ${pid}, ${randomBytes(32)}, now())
        returning id`;
      await sql`insert into responses (wave_id, invitation_id, questionnaire_version_id, status, source, data, country, region,
          organisation_type, role_category, completed_at)
        values (${wave.id}, ${inv!.id}, ${versionId}, 'complete', 'invitation', ${sql.json(data)}, ${COUNTRIES[n % 3]![0]},
          ${COUNTRIES[n % 3]![1]}, ${ORG[n % 3]!}, 'provost', now() - interval '1 minute')`;
    }
    const outcome = await publish((await getWave(wave.id))!, { label: "attack" });
    if (!outcome.ok) throw new Error(outcome.message);
    // What an anonymous reader is served: GET /results/<slug>.json.
    const current = await currentPublication<Snapshot>(wave.id);
    published.push(publicJson(current!.snapshot));
  }
  return published;
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;

/**
 * Attacks one series wave's same-people table against its own figures and the earlier wave's (both
 * as published): unknowns are the pairs of answers of those who answered both (no answer included)
 * and the answers of those who answered one wave only; every published figure is a constraint.
 */
function attackPair(solver: Highs, before: Published, after: Published, note: string, found: Found) {
  for (const trend of after.series?.questions ?? []) {
    const same = trend.same;
    if (!same) continue;
    const qa = before.questions.find((q) => q.name === trend.name);
    const qb = after.questions.find((q) => q.name === trend.name);
    if (!qa || !qb) continue;
    const values = qb.options.map((o) => o.value);
    const V = [...values, ""];
    const vars: string[] = [];
    const col = (name: string) => {
      let i = vars.indexOf(name);
      if (i < 0) i = vars.push(name) - 1;
      return i;
    };
    for (const a of V) for (const b of V) col(`pair ${a}→${b}`);
    for (const a of V) col(`only-first ${a}`);
    for (const b of V) col(`only-second ${b}`);
    const rows: { terms: [number, number][]; value: number }[] = [];
    const eq = (names: string[], value: number | null | undefined) => {
      if (value === null || value === undefined) return;
      rows.push({ terms: names.map((n) => [col(n), 1]), value });
    };
    const whole = (q: typeof qa, v: string) =>
      q.items[0]?.whole.cells[q.options.findIndex((o) => o.value === v)]?.count;
    for (const a of values) eq([...V.map((b) => `pair ${a}→${b}`), `only-first ${a}`], whole(qa, a));
    for (const b of values) eq([...V.map((a) => `pair ${a}→${b}`), `only-second ${b}`], whole(qb, b));
    const base = (q: typeof qa) => q.items[0]?.whole.base;
    const na = (p: Published, q: typeof qa) =>
      p.respondents !== null && base(q) !== null && base(q) !== undefined ? p.respondents - base(q)! : null;
    eq([...V.map((b) => `pair ${""}→${b}`), "only-first "], na(before, qa));
    eq([...V.map((a) => `pair ${a}→${""}`), "only-second "], na(after, qb));
    eq([...V.flatMap((a) => V.map((b) => `pair ${a}→${b}`)), ...V.map((a) => `only-first ${a}`)], before.respondents);
    eq([...V.flatMap((a) => V.map((b) => `pair ${a}→${b}`)), ...V.map((b) => `only-second ${b}`)], after.respondents);
    for (const e of same.entries) eq([`pair ${e.from}→${e.to}`], e.count);
    for (const r of same.before)
      eq(
        V.map((b) => `pair ${r.value}→${b}`),
        r.count,
      );
    for (const c of same.after)
      eq(
        V.map((a) => `pair ${a}→${c.value}`),
        c.count,
      );
    eq(
      values.flatMap((a) => values.map((b) => `pair ${a}→${b}`)),
      same.answeredBoth,
    );
    if (same.moves) {
      const idx = (v: string) => values.indexOf(v);
      const pairs = (t: (i: number, j: number) => boolean) =>
        values.flatMap((a) => values.filter((b) => t(idx(a), idx(b))).map((b) => `pair ${a}→${b}`));
      eq(
        pairs((i, j) => i === j),
        same.moves.stayed,
      );
      eq(
        pairs((i, j) => j > i),
        same.moves.up,
      );
      eq(
        pairs((i, j) => j < i),
        same.moves.down,
      );
    }
    const n = Math.max(before.respondents ?? 0, after.respondents ?? 0);
    const starts = [0];
    const indices: number[] = [];
    const coef: number[] = [];
    for (const r of rows) {
      for (const [i, w] of r.terms) {
        indices.push(i);
        coef.push(w);
      }
      starts.push(indices.length);
    }
    const model = solver.createModel({
      numCols: vars.length,
      numRows: rows.length,
      colCost: new Array(vars.length).fill(0),
      colLower: new Array(vars.length).fill(0),
      colUpper: new Array(vars.length).fill(n),
      rowLower: rows.map((r) => r.value),
      rowUpper: rows.map((r) => r.value),
      matrix: { format: "csr", numRows: rows.length, numCols: vars.length, starts, indices, values: coef },
      integrality: new Array(vars.length).fill(solver.constants.variableType.integer),
    });
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5 });
    const bound = (weights: number[], sense: "min" | "max") => {
      model.changeColsCost({ kind: "range", from: 0, to: vars.length - 1 }, weights);
      model.changeObjectiveSense(
        sense === "min" ? solver.constants.objectiveSense.minimize : solver.constants.objectiveSense.maximize,
      );
      model.run();
      if (model.getModelStatus() !== solver.constants.modelStatus.optimal) return undefined;
      return Math.round(model.getObjectiveValue());
    };
    // Targets: each count of those who answered one wave only, their totals, and each pair of answers.
    const targets: { name: string; cols: string[]; alone: boolean }[] = [
      ...V.map((a) => ({
        name: `first wave only, answered "${a || "nothing"}"`,
        cols: [`only-first ${a}`],
        alone: true,
      })),
      ...V.map((b) => ({
        name: `second wave only, answered "${b || "nothing"}"`,
        cols: [`only-second ${b}`],
        alone: true,
      })),
      { name: "first wave only, all of them", cols: V.map((a) => `only-first ${a}`), alone: true },
      { name: "second wave only, all of them", cols: V.map((b) => `only-second ${b}`), alone: true },
      ...V.flatMap((a) =>
        V.map((b) => ({ name: `pair ${a || "–"} → ${b || "–"}`, cols: [`pair ${a}→${b}`], alone: false })),
      ),
    ];
    const totals = {
      first: targets.find((t) => t.name === "first wave only, all of them")!,
      second: targets.find((t) => t.name === "second wave only, all of them")!,
    };
    const pinned = new Map<string, number>();
    for (const t of targets) {
      const w = vars.map((v) => (t.cols.includes(v) ? 1 : 0));
      found.attacks += 1;
      const lo = bound(w, "min");
      const hi = bound(w, "max");
      if (lo === undefined || hi === undefined) continue;
      if (lo === hi) pinned.set(t.name, lo);
      if (lo === hi && lo >= 1 && lo < K)
        found.disclosures.push(`${note}, ${trend.name}: ${t.name} = ${lo} (pinned from the published figures)`);
    }
    // Those who answered one wave only all giving one answer, when their number is known (a group disclosure).
    for (const [which, total] of [
      ["first", totals.first],
      ["second", totals.second],
    ] as const) {
      const size = pinned.get(total.name);
      if (!size) continue;
      found.attacks += 1;
      for (const v of V)
        if (pinned.get(`${which} wave only, answered "${v || "nothing"}"`) === size && size > 0)
          found.disclosures.push(
            `${note}, ${trend.name}: all ${size} who answered the ${which} wave only answered "${v}"`,
          );
    }
  }
}

initEnv();
const db = await scratchDatabase("quorum_attack_series");
const found: Found = { attacks: 0, disclosures: [] };
let tables = 0;
try {
  await syncQuestionnaires("survey-definitions");
  const version = (await getCurrentVersion("for-credit-micro-credentials-2024"))!;
  const panel = await ensurePanel({ slug: "attack-series", name: "Series attack" });
  const solver = await loadHighs();
  for (const [i, s] of scenarios().entries()) {
    const published = await runScenario(s, i, version.id, panel.id);
    const before = found.attacks;
    const shown = published.flatMap((p) => p.series?.questions ?? []).filter((q) => q.same).length;
    tables += shown;
    for (let w = 1; w < published.length; w++)
      attackPair(solver, published[w - 1]!, published[w]!, `${s.note} (waves ${w} → ${w + 1})`, found);
    console.log(
      `  ${s.note}: ${published.length} waves published, ${shown} same-people table(s) shown, ${found.attacks - before} attacks`,
    );
  }
} finally {
  await closeFiguresPool();
  await db.drop();
}
console.log(
  `Series attack (issue 28): ${found.attacks} attacks on ${tables} same-people tables of ${scenarios().length} series; ${found.disclosures.length} disclosure(s).`,
);
for (const d of found.disclosures) console.log(`  DISCLOSED ${d}`);
process.exit(found.disclosures.length ? 1 : 0);
