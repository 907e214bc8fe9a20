// npm run test:disclosure (third part; alone: node --import tsx scripts/attack-series.ts [--seed S] [--no-own-questionnaire] [--no-demo]
// [--no-republish]): attacks the
// change among the same people of a series (issue 28) as an outsider would. It shares nothing with the
// disclosure engine: it reads only what an anonymous reader is served (each wave's public JSON: its own
// figures, its breakdown groups, and for a series wave the same-people tables), and pins by integer
// programming (HiGHS) what those figures say about the people who answered one wave but not the other,
// about those who answered both waves but not a question in both (skipped it or were not shown it), per
// breakdown group, and about the pairs of answers.
//
// The reader's unknowns, per pair of consecutive waves and per breakdown family (region, organisation
// type, role: a panelist keeps their group from one wave to the next): for each question with a
// same-people table, each group and each pair (wave-1 state, wave-2 state), how many people, where a
// state is an answer, "–" (in the wave, no answer: skipped or not shown) or "absent" (not in that wave).
// Per group, those who answered both waves B_g, those who left L_g and those who joined J_g tie every
// question together: the people of the (q, g) pairs with both states present are B_g, whatever q.
// Every published count is an equation: group sizes (n1_g = B_g + L_g, n2_g = B_g + J_g), each wave's
// cells and bases (whole and per group), the same-people entries, row and column totals, answered both
// and the moves of a scale. What is attacked: B − answered-both of a question (how many of those who
// answered both waves skipped it or were not shown it in one of them: methodologist M3-4), L_g and J_g
// (M3-5), a wave's count of an answer beside the table's row or column total (M3-11), those who
// answered one wave only, by answer, and each pair. A count is disclosed when its minimum and maximum
// both lie in 1..k-1 (a range is enough: "1 to 3 people skipped it"), or when all of those who
// answered one wave only are pinned to one answer.
//
// Series are generated, answered and published in a scratch database: the 2024 questionnaire's
// (leavers and joiners 1..k-1, as before), and a questionnaire of the attacker's own with optional
// questions, conditional ones (!=, or, empty on an optional remark, enableIf) and groups whose sizes
// differ by 1..k-1 from one wave to the next (--no-own-questionnaire leaves them out). The true answers are known, so every figure the reader
// reads is checked against them (a misread fact fails the run: the reader would be wrong). Exits 1 on
// a disclosure or a misread fact.
import loadHighs from "highs";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "~/db.server";
import { initEnv } from "~/env.server";
import { DEMO_PUBLISHED, DEMO_SECOND_WAVE, seedDemo } from "~/flows/demo.server";
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
import { segmentSchema } from "~/lib/panel/segment";
import { scratchDatabase } from "../harness/scratch-database";

const K = 5;
/** The series of the attacker's own questionnaire (M3-4, M3-5); --no-own-questionnaire leaves them out. */
const OWN = !process.argv.includes("--no-own-questionnaire");
/**
 * Series waves published twice, before and after late answers (method4's M4-3): in CI's run since main 5228bdc
 * protects them (main 341d8bc disclosed 10 counts with them: /work/notes/round3-attack-findings.md, "round 4 —
 * attack4"); --no-republish leaves them out.
 */
const REPUBLISH = !process.argv.includes("--no-republish");
const seedAt = process.argv.indexOf("--seed");
let state = seedAt > 0 ? Number(process.argv[seedAt + 1]) : 28;
const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

type Published = ReturnType<typeof publicJson<Snapshot>>;
type Answers = Record<string, unknown>;

/** A panelist's profile: what their breakdown groups are set by (kept from one wave to the next). */
interface Profile {
  country: string;
  region: string;
  organisationType: string;
  roleCategory: string;
}

interface Scenario {
  note: string;
  questionnaire: "2024" | "own";
  /** Per wave, who answered (panelist numbers). */
  waves: number[][];
  /** Of the last wave's, who answered late: it is published without them, then again with them (M4-3). */
  late?: number[];
  /** Per wave, whom it was sent to (a segment of the panel; the page says so). */
  segments?: (Record<string, string[]> | undefined)[];
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
/** `from` less `count` people drawn at random. */
function without(from: number[], count: number): number[] {
  const out = [...from];
  for (let i = 0; i < count; i++) out.splice(Math.floor(random() * out.length), 1);
  return out;
}

function scenarios(): Scenario[] {
  const out: Scenario[] = [];
  // The 2024 questionnaire: two waves differing by d leavers and e newcomers (1..k-1 each), series of three, one whose overlap is below k.
  for (let d = 1; d < K; d++)
    out.push({
      note: `2024: 2 waves: ${d} left, ${K - d} joined`,
      questionnaire: "2024",
      waves: [range(1, 40), range(1 + d, 40 + K - d)],
    });
  for (const [left, joined] of [
    [6, 7],
    [9, 5],
  ] as const)
    out.push({
      note: `2024: 2 waves: ${left} left, ${joined} joined`,
      questionnaire: "2024",
      waves: [range(1, 40), range(1 + left, 40 + joined)],
    });
  out.push({ note: "2024: 2 waves: 1 left, none joined", questionnaire: "2024", waves: [range(1, 30), range(2, 30)] });
  out.push({ note: "2024: 2 waves: none left, 1 joined", questionnaire: "2024", waves: [range(1, 30), range(1, 31)] });
  out.push({
    note: "2024: 3 waves: 2 leave then 3 join, then 1 leaves and 4 join",
    questionnaire: "2024",
    waves: [range(1, 36), range(3, 39), range(4, 43)],
  });
  out.push({
    note: "2024: 3 waves: 6 leave then 8 join, then 7 leave and 6 join",
    questionnaire: "2024",
    waves: [range(1, 40), range(7, 48), range(14, 54)],
  });
  out.push({
    note: `2024: 2 waves: only ${K - 1} answered both`,
    questionnaire: "2024",
    waves: [range(1, 30), range(27, 56)],
  });
  // The attacker's questionnaire (optional and conditional questions): leavers drawn at random, so that
  // groups lose 1..k-1 members each (the methodologist's 35 → 29 → 34, and others). Main c57370d disclosed
  // 11 counts here (/work/notes/round3-attack-findings.md, "round 4 — attack4"); 902be41 none (seeds 28-31).
  if (!OWN) return out;
  const w1 = range(1, 35);
  const w2 = without(w1, 6);
  out.push({ note: "own: 35 → 29 (6 left)", questionnaire: "own", waves: [w1, w2] });
  out.push({
    note: "own: 35 → 29 → 34 (6 left, then 5 joined)",
    questionnaire: "own",
    waves: [w1, w2, [...w2, ...range(36, 40)]],
  });
  out.push({ note: "own: the same 35 twice", questionnaire: "own", waves: [w1, w1] });
  out.push({ note: "own: 30 → 36 (6 joined)", questionnaire: "own", waves: [range(1, 30), range(1, 36)] });
  out.push({
    note: "own: 40 → 40 (7 left, 7 joined)",
    questionnaire: "own",
    waves: [range(1, 40), [...without(range(1, 40), 7), ...range(41, 47)]],
  });
  out.push({
    note: "own: 38 → 30 → 30 (8 left, then the same)",
    questionnaire: "own",
    waves: (() => {
      const a = range(1, 38);
      const b = without(a, 8);
      return [a, b, b];
    })(),
  });
  // Method3's M3-5b: wave 2 sent to North America only (13 → 12), and to public universities only (one fewer).
  out.push({
    note: "own: 35 → North America only (12 of its 13)",
    questionnaire: "own",
    waves: [w1, range(2, 13)],
    segments: [undefined, { region: ["North America"] }],
  });
  const publicOnes = w1.filter((n) => profileOwn(n).organisationType === "public-university");
  out.push({
    note: `own: 35 → public universities only (${publicOnes.length - 1} of ${publicOnes.length})`,
    questionnaire: "own",
    waves: [w1, publicOnes.slice(1)],
    segments: [undefined, { organisationType: ["public-university"] }],
  });
  // Method4's M4-3: wave 2 published with 30 of the 35, then again after the other 5 answered late; and one whose
  // late ones are 3 who answered wave 1 and 2 newcomers.
  if (!REPUBLISH) return out;
  const onTime = without(w1, 5);
  out.push({
    note: "own: 35 → 35, wave 2 published at 30, then with 5 late",
    questionnaire: "own",
    waves: [w1, w1],
    late: w1.filter((n) => !onTime.includes(n)),
  });
  const stay = without(range(1, 40), 6);
  out.push({
    note: "own: 40 → 39 (6 left, 5 joined), wave 2 published without 3 of wave 1 and 2 newcomers, then with them",
    questionnaire: "own",
    waves: [range(1, 40), [...stay, ...range(41, 45)]],
    late: [...stay.slice(0, 3), 44, 45],
  });
  return out;
}

// --- The 2024 questionnaire's answers (as before) ------------------------------------------------

const ORG = ["public-university", "private-university", "community-college"];
const COUNTRIES_2024: [string, string][] = [
  ["US", "North America"],
  ["GB", "Europe & Central Asia"],
  ["IN", "South Asia"],
];
const OFFER_2024 = ["yes", "no", "not-sure"];

function profile2024(n: number): Profile {
  const [country, region] = COUNTRIES_2024[n % 3]!;
  return { country, region, organisationType: ORG[n % 3]!, roleCategory: "provost" };
}

function answers2024(n: number, before: Answers | undefined): Answers {
  const p = profile2024(n);
  const offerToday =
    before && random() < 0.7
      ? (before.offerToday as string)
      : OFFER_2024[Math.floor(random() * (random() < 0.8 ? 2 : 3))]!;
  const jobReadySkills = before && random() < 0.6 ? (before.jobReadySkills as number) : 1 + Math.floor(random() * 5);
  return {
    country: p.country,
    organisationType: p.organisationType,
    offerToday,
    plans5y: ["integrate", "expand"][n % 2],
    enrolmentEffect: "somewhat-more",
    jobReadySkills,
    barriers: n % 3 ? ["cost"] : ["cost", "quality"],
    ...(offerToday === "no" ? { careerTopThree: n % 4 !== 0 } : {}),
  };
}

// --- The attacker's own questionnaire ---------------------------------------------------------------

/** Countries in the methodologist's proportions: regions North America 13, South Asia 8, Europe & Central Asia 7, Sub-Saharan Africa 7 of 35. */
const COUNTRIES_OWN: [string, string, number][] = [
  ["US", "North America", 10],
  ["CA", "North America", 3],
  ["IN", "South Asia", 6],
  ["PK", "South Asia", 2],
  ["GB", "Europe & Central Asia", 7],
  ["KE", "Sub-Saharan Africa", 5],
  ["NG", "Sub-Saharan Africa", 2],
];
const ROLES = ["president", "provost", "dean", "digital-leader"];
const choices = (values: string[]) => values.map((value) => ({ value, text: value }));

const OWN_QUESTIONNAIRE = {
  title: "Series attack",
  pages: [
    {
      name: "p1",
      elements: [
        {
          type: "dropdown",
          name: "country",
          title: "Country",
          isRequired: true,
          choices: choices(COUNTRIES_OWN.map((c) => c[0])),
        },
        {
          type: "radiogroup",
          name: "organisationType",
          title: "Organisation type",
          isRequired: true,
          choices: choices(ORG),
        },
        { type: "dropdown", name: "roleCategory", title: "Role", isRequired: true, choices: choices(ROLES) },
        {
          type: "radiogroup",
          name: "offer",
          title: "Do you offer micro-credentials?",
          isRequired: true,
          choices: choices(["yes", "planned", "no"]),
        },
        { type: "rating", name: "score", title: "How ready are you?", isRequired: true, rateMin: 1, rateMax: 5 },
        {
          type: "radiogroup",
          name: "optSingle",
          title: "Preferred format",
          choices: choices(["online", "onsite", "mixed"]),
        },
        { type: "rating", name: "optRate", title: "Employer interest", rateMin: 1, rateMax: 5 },
        { type: "comment", name: "optText", title: "Any remark?" },
        {
          type: "radiogroup",
          name: "qEmpty",
          title: "Shown to those who left no remark",
          isRequired: true,
          visibleIf: "{optText} empty",
          choices: choices(["students", "employers"]),
        },
        {
          type: "radiogroup",
          name: "qNotPlanned",
          title: "Shown unless planned",
          isRequired: true,
          visibleIf: "{offer} != 'planned'",
          choices: choices(["credit", "no-credit"]),
        },
        {
          type: "radiogroup",
          name: "qOr",
          title: "Shown to those who do not offer or are not ready",
          isRequired: true,
          visibleIf: "{offer} = 'no' or {score} <= 2",
          choices: choices(["cost", "time", "demand"]),
        },
        {
          type: "radiogroup",
          name: "qEnable",
          title: "Enabled unless planned",
          isRequired: true,
          enableIf: "{offer} != 'planned'",
          choices: choices(["students", "employers"]),
        },
      ],
    },
  ],
};

/** Panelist n's profile (the same in every wave). */
function profileOwn(n: number): Profile {
  let i = (n - 1) % 35;
  let c = COUNTRIES_OWN[0]!;
  for (const entry of COUNTRIES_OWN) {
    c = entry;
    if (i < entry[2]) break;
    i -= entry[2];
  }
  return { country: c[0], region: c[1], organisationType: ORG[n % 3]!, roleCategory: ROLES[(n * 7) % 4]! };
}

/** One person's answers to the attacker's questionnaire: mostly kept from the wave before, some drawn again; conditions hold. */
function answersOwn(n: number, before: Answers | undefined): Answers {
  const p = profileOwn(n);
  const keep = (name: string, draw: () => unknown) =>
    before && random() < 0.75 && name in before ? before[name] : before && random() < 0.5 ? undefined : draw();
  const offer =
    (before && random() < 0.75 ? before.offer : undefined) ?? pick(["yes", "yes", "yes", "planned", "no", "no"]);
  const score = (before && random() < 0.7 ? before.score : undefined) ?? 1 + Math.floor(random() * 5);
  const out: Answers = {
    country: p.country,
    organisationType: p.organisationType,
    roleCategory: p.roleCategory,
    offer,
    score,
  };
  const optional = (name: string, share: number, draw: () => unknown) => {
    const v = before
      ? keep(name, () => (random() < share ? draw() : undefined))
      : random() < share
        ? draw()
        : undefined;
    if (v !== undefined) out[name] = v;
  };
  optional("optSingle", 0.85, () => pick(["online", "onsite", "mixed"]));
  optional("optRate", 0.8, () => 1 + Math.floor(random() * 5));
  optional("optText", 0.12, () => "A remark.");
  const shown = (name: string, visible: boolean, values: string[]) => {
    if (!visible) return;
    const kept = before?.[name];
    out[name] = kept !== undefined && random() < 0.75 ? kept : pick(values);
  };
  shown("qEmpty", out.optText === undefined, ["students", "employers"]);
  shown("qNotPlanned", offer !== "planned", ["credit", "no-credit"]);
  shown("qOr", offer === "no" || (score as number) <= 2, ["cost", "time", "demand"]);
  shown("qEnable", offer !== "planned", ["students", "employers"]);
  return out;
}

// --- Fielding and publishing ---------------------------------------------------------------------

/** A published wave with what the reader does not see: who answered, their profiles and answers. */
interface Fielded {
  published: Published;
  people: Map<number, { profile: Profile; answers: Answers }>;
  /** A wave published again after late answers: its first publication (a reader has both). */
  earlier?: Fielded;
}

async function runScenario(s: Scenario, index: number, versionId: number, panelId: number): Promise<Fielded[]> {
  const tag = `${index}-${randomBytes(2).toString("hex")}`;
  const created = await createSeries({ panelId, slug: `attack-${tag}`, name: s.note }, { label: "attack" });
  if (!created.ok) throw new Error("series not created");
  const ids = new Map<number, number>();
  const last = new Map<number, Answers>();
  const out: Fielded[] = [];
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
      ...(s.segments?.[w] ? { segment: segmentSchema.parse(s.segments[w]) } : {}),
    });
    const people = new Map<number, { profile: Profile; answers: Answers }>();
    const lateOnes = w === s.waves.length - 1 ? new Set(s.late ?? []) : new Set<number>();
    let first: Fielded | undefined;
    for (const n of [...who.filter((n) => !lateOnes.has(n)), ...who.filter((n) => lateOnes.has(n))]) {
      if (lateOnes.has(n) && !first) {
        // Published before the late answers come in (then again after them).
        const outcome = await publish((await getWave(wave.id))!, { label: "attack" });
        if (!outcome.ok) throw new Error(outcome.message);
        const current = await currentPublication<Snapshot>(wave.id);
        first = { published: publicJson(current!.snapshot), people: new Map(people) };
      }
      const profile = s.questionnaire === "own" ? profileOwn(n) : profile2024(n);
      let pid = ids.get(n);
      if (!pid) {
        const [row] = await sql<{ id: number }[]>`
          insert into panelists (panel_id, email, name, country, region, organisation_type, role_category, source)
          values (${panelId}, ${`p${n}-${tag}@attack.example`}, ${`P${n}`}, ${profile.country}, ${profile.region},
            ${profile.organisationType}, ${profile.roleCategory}, 'attack') returning id`;
        pid = row!.id;
        ids.set(n, pid);
      }
      const data = s.questionnaire === "own" ? answersOwn(n, last.get(n)) : answers2024(n, last.get(n));
      last.set(n, data);
      people.set(n, { profile, answers: data });
      const [inv] = await sql<{ id: number }[]>`
        insert into invitations (wave_id, panelist_id, token_hash, used_at) values (${wave.id}, ${pid}, ${randomBytes(32)}, now())
        returning id`;
      await sql`insert into responses (wave_id, invitation_id, questionnaire_version_id, status, source, data, country, region,
          organisation_type, role_category, completed_at, updated_at)
        values (${wave.id}, ${inv!.id}, ${versionId}, 'complete', 'invitation', ${sql.json(data as never)}, ${profile.country},
          ${profile.region}, ${profile.organisationType}, ${profile.roleCategory}, now() - interval '1 minute', now() - interval '1 minute')`;
      // (updated_at too: a row written in the same millisecond as the publication's time, which has no finer grain,
      // would fall after it and out of the earlier wave's respondents; an occasional misread of one person.)
    }
    const outcome = await publish((await getWave(wave.id))!, { label: "attack" });
    if (!outcome.ok) throw new Error(outcome.message);
    // What an anonymous reader is served: GET /results/<slug>.json.
    const current = await currentPublication<Snapshot>(wave.id);
    out.push({ published: publicJson(current!.snapshot), people, ...(first ? { earlier: first } : {}) });
  }
  return out;
}

/** A published wave as the database holds it (the demo's): panelists by id, their profile and answers. */
async function fieldedFromDb(slug: string): Promise<Fielded> {
  const wave = await sql<{ id: number }[]>`select id from waves where slug = ${slug}`;
  if (!wave[0]) throw new Error(`no wave ${slug}`);
  const rows = await sql<
    { n: number; data: Answers; country: string; region: string; organisationType: string; roleCategory: string }[]
  >`select i.panelist_id as n, r.data, r.country, r.region, r.organisation_type as "organisationType",
      r.role_category as "roleCategory"
    from responses r join invitations i on i.id = r.invitation_id where r.wave_id = ${wave[0].id} and r.status = 'complete'`;
  const current = await currentPublication<Snapshot>(wave[0].id);
  return {
    published: publicJson(current!.snapshot),
    people: new Map(
      rows.map((r) => [
        r.n,
        {
          profile: {
            country: r.country,
            region: r.region,
            organisationType: r.organisationType,
            roleCategory: r.roleCategory,
          },
          answers: r.data,
        },
      ]),
    ),
  };
}

// --- The reader's model -------------------------------------------------------------------------------

type Highs = Awaited<ReturnType<typeof loadHighs>>;

/** Kinds of what is attacked (and disclosed). */
const KINDS = [
  "left or joined (whole wave)",
  "left or joined (a group)",
  "answered both, not this question (M3-4)",
  "answered both, not this question, in a group",
  "a wave's count beside the table's total (M3-11)",
  "one wave only, by answer",
  "pair of answers",
  "late answers of a republished wave (M4-3)",
  "all who answered one wave only gave one answer",
] as const;
type Kind = (typeof KINDS)[number];

interface Found {
  attacks: number;
  byKind: Record<Kind, number>;
  disclosures: { kind: Kind; text: string }[];
  misread: string[];
  unsolved: number;
  /** Targets solved (min and max): those whose true value lies in 1..k-1, and what a group disclosure needs. */
  solved: number;
  tables: number;
  /** Breakdown families left out of a pair of waves (their groups differ). */
  skipped: Map<string, number>;
}

const ABSENT = "absent";
const NONE = "–";

/** The states a person can be in for one question in one wave: an answer, no answer ("–"), or not in the wave. */
const statesOf = (values: string[]) => [...values, NONE, ABSENT];

/** A linear model of the reader: named integer columns, equations, and the truth of every column. */
class Model {
  cols: string[] = [];
  index = new Map<string, number>();
  rows: { terms: [number, number][]; value: number; what: string }[] = [];
  truth: number[] = [];
  col(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.cols.push(name) - 1;
      this.index.set(name, i);
      this.truth.push(0);
    }
    return i;
  }
  /** Σ plus − Σ minus = value (nothing when the figure is withheld). */
  eq(plus: string[], value: number | null | undefined, what: string, minus: string[] = []) {
    if (value === null || value === undefined) return;
    this.rows.push({
      terms: [
        ...plus.map((n) => [this.col(n), 1] as [number, number]),
        ...minus.map((n) => [this.col(n), -1] as [number, number]),
      ],
      value,
      what,
    });
  }
}

/** The group a person is in for a breakdown family, as the reader names it; undefined: the family is not modelled. */
function groupOf(family: string, p: Profile): string | undefined {
  if (family === "region") return p.region;
  if (family === "organisationType" || family === "organisation_type") return p.organisationType;
  if (family === "roleCategory" || family === "role_category" || family === "role") return p.roleCategory;
  if (family === "country") return p.country;
  return undefined;
}

/**
 * A family's groups as both waves publish them (in any order). A group one wave does not list has no one in it
 * when that wave's listed groups add up to all its respondents (a wave sent to a segment, say); else, and when
 * "other" is in one wave only, the family is left out.
 */
function familyGroups(a: Published, b: Published, family: string): { ids: string[]; sizes: [number, number][] } | null {
  const fa = a.breakdowns.find((f) => f.family === family);
  const fb = b.breakdowns.find((f) => f.family === family);
  if (!fa || !fb) return null;
  const ids = [...new Set([...fa.groups, ...fb.groups].map((g) => g.id))];
  const sizeIn = (p: Published, f: typeof fa, id: string) => {
    const g = f.groups.find((h) => h.id === id);
    if (g) return g.size;
    return f.groups.reduce((s, h) => s + h.size, 0) === p.respondents && id !== "other" ? 0 : undefined;
  };
  const sizes = ids.map((id) => [sizeIn(a, fa, id), sizeIn(b, fb, id)]);
  if (sizes.some(([x, y]) => x === undefined || y === undefined)) return null;
  return { ids, sizes: sizes as [number, number][] };
}

interface Target {
  kind: Kind;
  name: string;
  cols: string[];
  /** The published figures it is read from, for the findings. */
  why?: string;
  /** The target (those who left or joined, of the wave or a group) whose people this counts some of: all of them is a group disclosure. */
  part?: string;
}

/**
 * Builds the reader's model of one pair of consecutive waves (a) → (b), for the whole wave and one
 * breakdown family (or none), and the targets it attacks.
 */
function buildModel(
  a: Fielded,
  b: Fielded,
  family: string | null,
  found: Found,
): { model: Model; targets: Target[] } | null {
  const A = a.published;
  const B = b.published;
  const groups = family
    ? familyGroups(A, B, family)
    : { ids: ["all"], sizes: [[A.respondents ?? -1, B.respondents ?? -1]] as [number, number][] };
  if (!groups) return null;
  // A group the family does not cover ("none": no region on file, say): the rest of each wave.
  const ids = [...groups.ids];
  const sizes = [...groups.sizes];
  if (family) {
    ids.push("(rest)");
    sizes.push([
      (A.respondents ?? 0) - groups.sizes.reduce((s, x) => s + x[0], 0),
      (B.respondents ?? 0) - groups.sizes.reduce((s, x) => s + x[1], 0),
    ]);
  }
  const m = new Model();
  const targets: Target[] = [];
  // A republished wave b: its first publication P1 (without the late answers) beside the one attacked.
  const P1 = b.earlier?.published;
  const late = new Set([...b.people.keys()].filter((n) => b.earlier && !b.earlier.people.has(n)));
  const groupOfPerson = (p: Profile) => {
    if (!family) return "all";
    const g = groupOf(family, p);
    return g !== undefined && ids.includes(g) ? g : ids.includes("other") ? "other" : "(rest)";
  };
  // Truth of the B_g, L_g, J_g columns.
  const personGroups = new Map<number, string>();
  for (const [n, x] of [...a.people, ...b.people]) personGroups.set(n, groupOfPerson(x.profile));
  for (const [gi, g] of ids.entries()) {
    m.col(`B ${g}`);
    m.col(`L ${g}`);
    m.col(`J ${g}`);
    m.eq([`B ${g}`, `L ${g}`], sizes[gi]![0], `wave-1 size of ${g}`);
    m.eq([`B ${g}`, `J ${g}`], sizes[gi]![1], `wave-2 size of ${g}`);
  }
  for (const [n, g] of personGroups) {
    const which = a.people.has(n) && b.people.has(n) ? "B" : a.people.has(n) ? "L" : "J";
    m.truth[m.col(`${which} ${g}`)]! += 1;
  }
  if (P1) {
    // D_g: the late ones of a group; the first publication's group sizes are n2_g − D_g.
    for (const n of late) m.truth[m.col(`D ${personGroups.get(n)!}`)]! += 1;
    for (const g of ids) {
      m.col(`D ${g}`);
      const size = family
        ? g === "(rest)"
          ? null
          : P1.breakdowns.find((f) => f.family === family)?.groups.find((h) => h.id === g)?.size
        : P1.respondents;
      m.eq([`B ${g}`, `J ${g}`], size, `first publication's size of ${g}`, [`D ${g}`]);
      if (family)
        targets.push({
          kind: "late answers of a republished wave (M4-3)",
          name: `${family} ${g}: late`,
          cols: [`D ${g}`],
        });
    }
  }
  if (family) {
    for (const [gi, g] of ids.entries()) {
      const why = `${g} ${sizes[gi]![0]} in wave 1, ${sizes[gi]![1]} in wave 2`;
      targets.push({ kind: "left or joined (a group)", name: `${family} ${g}: left`, cols: [`L ${g}`], why });
      targets.push({ kind: "left or joined (a group)", name: `${family} ${g}: joined`, cols: [`J ${g}`], why });
    }
  } else {
    targets.push({ kind: "left or joined (whole wave)", name: "left", cols: ["L all"] });
    targets.push({ kind: "left or joined (whole wave)", name: "joined", cols: ["J all"] });
  }
  for (const trend of B.series?.questions ?? []) {
    const same = trend.same;
    if (!same) continue;
    const qa = A.questions.find((q) => q.name === trend.name);
    const qb = B.questions.find((q) => q.name === trend.name);
    if (!qa || !qb || qb.kind === "matrix" || qb.kind === "multi" || qb.kind === "ranking") continue;
    if (!family) found.tables += 1;
    const values = qb.options.map((o) => o.value);
    if (qa.options.map((o) => o.value).join("\u0000") !== values.join("\u0000")) continue;
    const S = statesOf(values);
    const present = [...values, NONE];
    // A pair's people; of a republished wave, those in its first publication and the late ones apart.
    const on = (g: string, s: string, t: string) => `${qb.name} ${g} ${s}→${t}`;
    const x = (g: string, s: string, t: string) =>
      P1 && t !== ABSENT ? [on(g, s, t), `${on(g, s, t)} late`] : [on(g, s, t)];
    for (const g of ids)
      for (const s of S) for (const t of S) if (s !== ABSENT || t !== ABSENT) x(g, s, t).forEach((c) => m.col(c));
    // Truth.
    const stateOf = (f: Fielded, n: number) => {
      const who = f.people.get(n);
      if (!who) return ABSENT;
      const v = who.answers[qb.name];
      return v === undefined || v === null || !values.includes(String(v)) ? NONE : String(v);
    };
    for (const [n, g] of personGroups)
      m.truth[m.col(`${on(g, stateOf(a, n), stateOf(b, n))}${late.has(n) ? " late" : ""}`)]! += 1;
    // Who is in which wave: per group, those present in both are B_g, in wave 1 only L_g, in wave 2 only J_g.
    for (const g of ids) {
      m.eq(
        present.flatMap((s) => present.flatMap((t) => x(g, s, t))),
        0,
        `${qb.name} ${g}: in both waves`,
        [`B ${g}`],
      );
      m.eq(
        present.flatMap((s) => x(g, s, ABSENT)),
        0,
        `${qb.name} ${g}: in wave 1 only`,
        [`L ${g}`],
      );
      m.eq(
        present.flatMap((t) => x(g, ABSENT, t)),
        0,
        `${qb.name} ${g}: in wave 2 only`,
        [`J ${g}`],
      );
    }
    // Each wave's published cells and bases: the whole wave, and the family's groups.
    const tableOf = (p: Published, q: typeof qa, g: string | null) => {
      const item = q.items[0];
      if (!item) return undefined;
      if (g === null) return item.whole;
      const fam = p.breakdowns.findIndex((f) => f.family === family);
      const gi = p.breakdowns[fam]?.groups.findIndex((x) => x.id === g) ?? -1;
      return gi < 0 ? undefined : item.groups[family!]?.[gi];
    };
    const scopes: (string | null)[] = family ? [null, ...groups.ids] : [null];
    for (const scope of scopes) {
      const gs = scope === null ? ids : [scope];
      for (const [wave, p, q] of [
        [0, A, qa],
        [1, B, qb],
      ] as const) {
        const t = tableOf(p, q, scope);
        if (!t) continue;
        const cellsOf = (v: string) =>
          gs
            .flatMap((g) => (wave === 0 ? S.flatMap((u) => x(g, v, u)) : S.flatMap((u) => x(g, u, v))))
            .filter((c) => m.index.has(c));
        for (const [i, v] of values.entries())
          m.eq(cellsOf(v), t.cells[i]?.count, `wave ${wave + 1} ${scope ?? "whole"} ${q.name} ${v}`);
        m.eq(values.flatMap(cellsOf), t.base, `wave ${wave + 1} ${scope ?? "whole"} ${q.name} base`);
        if (t.agree && t.agree.count !== null && qb.kind === "rating" && values.length >= 4)
          m.eq(
            values.slice(-2).flatMap(cellsOf),
            t.agree.count,
            `wave ${wave + 1} ${scope ?? "whole"} ${q.name} top two`,
          );
      }
    }
    // The same-people table (the whole wave).
    const all = (s: string, t: string) => ids.flatMap((g) => x(g, s, t));
    for (const e of same.entries) m.eq(all(e.from, e.to), e.count, `${qb.name} same ${e.from}→${e.to}`);
    for (const r of same.before)
      m.eq(
        values.flatMap((t) => all(r.value, t)),
        r.count,
        `${qb.name} same row ${r.value}`,
      );
    for (const c of same.after)
      m.eq(
        values.flatMap((s) => all(s, c.value)),
        c.count,
        `${qb.name} same column ${c.value}`,
      );
    m.eq(
      values.flatMap((s) => values.flatMap((t) => all(s, t))),
      same.answeredBoth,
      `${qb.name} answered both`,
    );
    if (same.moves) {
      const pairs = (test: (i: number, j: number) => boolean) =>
        values.flatMap((s, i) => values.filter((_, j) => test(i, j)).flatMap((t) => all(s, t)));
      m.eq(
        pairs((i, j) => i === j),
        same.moves.stayed,
        `${qb.name} stayed`,
      );
      m.eq(
        pairs((i, j) => j > i),
        same.moves.up,
        `${qb.name} up`,
      );
      m.eq(
        pairs((i, j) => j < i),
        same.moves.down,
        `${qb.name} down`,
      );
    }
    // The first publication of a republished wave: its cells and same-people table, of those who were not late.
    const q1 = P1?.questions.find((q) => q.name === qb.name);
    if (P1 && q1 && q1.options.map((o) => o.value).join("\u0000") === values.join("\u0000")) {
      for (const g of ids)
        m.eq(
          S.flatMap((s) => present.map((t) => `${on(g, s, t)} late`)),
          0,
          `${qb.name} ${g}: late`,
          [`D ${g}`],
        );
      for (const scope of scopes) {
        const t = tableOf(P1, q1, scope);
        if (!t) continue;
        const gs = scope === null ? ids : [scope];
        const cellsOf = (v: string) => gs.flatMap((g) => S.map((u) => on(g, u, v)));
        for (const [i, v] of values.entries())
          m.eq(cellsOf(v), t.cells[i]?.count, `first publication ${scope ?? "whole"} ${q1.name} ${v}`);
        m.eq(values.flatMap(cellsOf), t.base, `first publication ${scope ?? "whole"} ${q1.name} base`);
        if (t.agree && t.agree.count !== null && qb.kind === "rating" && values.length >= 4)
          m.eq(
            values.slice(-2).flatMap(cellsOf),
            t.agree.count,
            `first publication ${scope ?? "whole"} ${q1.name} top two`,
          );
      }
      const same1 = P1.series?.questions.find((q) => q.name === qb.name)?.same;
      if (same1) {
        const all1 = (s: string, t: string) => ids.map((g) => on(g, s, t));
        for (const e of same1.entries)
          m.eq(all1(e.from, e.to), e.count, `first publication ${qb.name} same ${e.from}→${e.to}`);
        for (const r of same1.before)
          m.eq(
            values.flatMap((t) => all1(r.value, t)),
            r.count,
            `first publication ${qb.name} same row ${r.value}`,
          );
        for (const c of same1.after)
          m.eq(
            values.flatMap((s) => all1(s, c.value)),
            c.count,
            `first publication ${qb.name} same column ${c.value}`,
          );
        m.eq(
          values.flatMap((s) => values.flatMap((t) => all1(s, t))),
          same1.answeredBoth,
          `first publication ${qb.name} answered both`,
        );
        if (same1.moves) {
          const pairs = (test: (i: number, j: number) => boolean) =>
            values.flatMap((s, i) => values.filter((_, j) => test(i, j)).flatMap((t) => all1(s, t)));
          m.eq(
            pairs((i, j) => i === j),
            same1.moves.stayed,
            `first publication ${qb.name} stayed`,
          );
          m.eq(
            pairs((i, j) => j > i),
            same1.moves.up,
            `first publication ${qb.name} up`,
          );
          m.eq(
            pairs((i, j) => j < i),
            same1.moves.down,
            `first publication ${qb.name} down`,
          );
        }
      }
      if (!family) {
        const lateOf = (s: string, t: string) => [`${on("all", s, t)} late`];
        targets.push({
          kind: "late answers of a republished wave (M4-3)",
          name: `${qb.name}: late, answered it in both waves`,
          cols: values.flatMap((s) => values.flatMap((t) => lateOf(s, t))),
        });
        for (const v of present)
          targets.push({
            kind: "late answers of a republished wave (M4-3)",
            name: `${qb.name}: late, "${v}" in wave 2`,
            cols: S.flatMap((s) => lateOf(s, v)),
          });
        for (const v of values)
          targets.push({
            kind: "late answers of a republished wave (M4-3)",
            name: `${qb.name}: late, answered both, "${v}" in wave 2`,
            cols: values.flatMap((s) => lateOf(s, v)),
          });
      }
    }
    // Targets.
    if (family) {
      for (const g of ids)
        targets.push({
          kind: "answered both, not this question, in a group",
          name: `${qb.name}, ${family} ${g}: in both waves, no answer in one`,
          cols: [...present.flatMap((s) => x(g, s, NONE)), ...values.flatMap((t) => x(g, NONE, t))],
        });
      // Not the question that sets the group (all of a region's leavers gave its country: the questionnaire says so).
      const sets = { region: "country", country: "country" }[family] ?? family;
      for (const g of qb.name === sets ? [] : ids)
        for (const v of present) {
          targets.push({
            kind: "all who answered one wave only gave one answer",
            name: `${qb.name}, ${family} ${g}: wave 1 only, "${v}"`,
            cols: x(g, v, ABSENT),
            part: `${family} ${g}: left`,
          });
          targets.push({
            kind: "all who answered one wave only gave one answer",
            name: `${qb.name}, ${family} ${g}: wave 2 only, "${v}"`,
            cols: x(g, ABSENT, v),
            part: `${family} ${g}: joined`,
          });
        }
      continue;
    }
    const g = "all";
    targets.push({
      kind: "answered both, not this question (M3-4)",
      name: `${qb.name}: in both waves, no answer in one`,
      cols: [...present.flatMap((s) => x(g, s, NONE)), ...values.flatMap((t) => x(g, NONE, t))],
      why: `"${same.answeredBoth ?? "withheld"} people answered this question in both", waves of ${A.respondents} and ${B.respondents}`,
    });
    for (const v of values) {
      targets.push({
        kind: "a wave's count beside the table's total (M3-11)",
        name: `${qb.name}: "${v}" in wave 1, not among those who answered both`,
        cols: [...x(g, v, NONE), ...x(g, v, ABSENT)],
      });
      targets.push({
        kind: "a wave's count beside the table's total (M3-11)",
        name: `${qb.name}: "${v}" in wave 2, not among those who answered both`,
        cols: [...x(g, NONE, v), ...x(g, ABSENT, v)],
      });
    }
    for (const v of present) {
      targets.push({
        kind: "one wave only, by answer",
        name: `${qb.name}: wave 1 only, "${v}"`,
        cols: x(g, v, ABSENT),
        part: "left",
      });
      targets.push({
        kind: "one wave only, by answer",
        name: `${qb.name}: wave 2 only, "${v}"`,
        cols: x(g, ABSENT, v),
        part: "joined",
      });
    }
    for (const s of present)
      for (const t of present)
        targets.push({ kind: "pair of answers", name: `${qb.name}: ${s} → ${t}`, cols: x(g, s, t) });
  }
  return { model: m, targets };
}

/** Pins each target's minimum and maximum by integer programming; counts attacks and disclosures. */
function attack(solver: Highs, built: { model: Model; targets: Target[] }, k: number, note: string, found: Found) {
  const { model: m, targets } = built;
  // Every published fact the reader wrote down must hold of the true answers.
  for (const r of m.rows) {
    const lhs = r.terms.reduce((s, [i, c]) => s + c * m.truth[i]!, 0);
    if (lhs !== r.value) found.misread.push(`${note}: ${r.what}: published ${r.value}, true ${lhs}`);
  }
  if (m.rows.length === 0) return;
  const starts = [0];
  const indices: number[] = [];
  const coef: number[] = [];
  for (const r of m.rows) {
    for (const [i, c] of r.terms) {
      indices.push(i);
      coef.push(c);
    }
    starts.push(indices.length);
  }
  const n = m.rows.reduce((s, r) => Math.max(s, Math.abs(r.value)), 0) * 2;
  const hi = solver.createModel({
    numCols: m.cols.length,
    numRows: m.rows.length,
    colCost: new Array(m.cols.length).fill(0),
    colLower: new Array(m.cols.length).fill(0),
    colUpper: new Array(m.cols.length).fill(n),
    rowLower: m.rows.map((r) => r.value),
    rowUpper: m.rows.map((r) => r.value),
    matrix: { format: "csr", numRows: m.rows.length, numCols: m.cols.length, starts, indices, values: coef },
    integrality: new Array(m.cols.length).fill(solver.constants.variableType.integer),
  });
  hi.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5, time_limit: 20 });
  const bound = (weights: number[], sense: "min" | "max") => {
    hi.changeColsCost({ kind: "range", from: 0, to: m.cols.length - 1 }, weights);
    hi.changeObjectiveSense(
      sense === "min" ? solver.constants.objectiveSense.minimize : solver.constants.objectiveSense.maximize,
    );
    hi.run();
    if (hi.getModelStatus() !== solver.constants.modelStatus.optimal) return undefined;
    return Math.round(hi.getObjectiveValue());
  };
  // Those who answered both waves (not a sensitive count itself): said beside each disclosure, for the arithmetic.
  let both: string | undefined;
  const answeredBoth = () => {
    if (both === undefined) {
      const w = m.cols.map((c) => (c.startsWith("B ") ? 1 : 0));
      const [lo, up] = [bound(w, "min"), bound(w, "max")];
      both = lo === up ? String(lo) : `${lo}..${up}`;
    }
    return both;
  };
  const pinned = new Map<string, number>();
  const truthOf = (t: Target) => t.cols.reduce((s, c) => s + m.truth[m.col(c)]!, 0);
  const totals = new Map(targets.filter((t) => t.kind.startsWith("left or joined")).map((t) => [t.name, truthOf(t)]));
  for (const t of targets) {
    const cols = new Set(t.cols.map((c) => m.col(c)));
    if (cols.size === 0) continue;
    const truth = truthOf(t);
    // A part of nobody (no one of the group left, say) is not an attack.
    const whole = t.part === undefined ? undefined : totals.get(t.part);
    if (whole === 0) continue;
    // A group's leavers (joiners) by answer are attacked only for the group disclosure below (their small counts make
    // the group's own count small, attacked as such): solved only when they are truly all of them.
    const groupOnly = t.kind === "all who answered one wave only gave one answer";
    if (groupOnly && truth !== whole) continue;
    if (!groupOnly) {
      found.attacks += 1;
      found.byKind[t.kind] += 1;
    }
    // The true answers satisfy every equation (checked above), so the minimum is at most the truth and the
    // maximum at least: a count that is truly 0 or k or more cannot be proved to lie in 1..k-1. Only the
    // others are solved (and what a group disclosure below needs: who left or joined, and a part of them as many).
    if ((truth < 1 || truth >= k) && !totals.has(t.name) && !(truth > 0 && truth === whole)) continue;
    const w = m.cols.map((_, i) => (cols.has(i) ? 1 : 0));
    found.solved += 1;
    const lo = bound(w, "min");
    if (lo === 0) continue;
    const up = bound(w, "max");
    if (lo === undefined || up === undefined) {
      found.unsolved += 1;
      continue;
    }
    if (truth < lo || truth > up) found.misread.push(`${note}: ${t.name}: true ${truth}, proved ${lo}..${up}`);
    if (lo === up) pinned.set(t.name, lo);
    if (lo >= 1 && up < k && !groupOnly)
      found.disclosures.push({
        kind: t.kind,
        text: `${note}: ${t.name} = ${lo === up ? lo : `${lo}..${up}`} (true ${truth}${t.why ? `; ${t.why}` : ""}; answered both waves ${answeredBoth()})`,
      });
  }
  // Those who answered one wave only (of the wave or a group) all giving one answer, when their number is known
  // (a group disclosure; "–": all of them left a question unanswered).
  for (const t of targets) {
    const size = t.part === undefined ? undefined : pinned.get(t.part);
    if (!size) continue;
    found.attacks += 1;
    found.byKind["all who answered one wave only gave one answer"] += 1;
    if (pinned.get(t.name) === size)
      found.disclosures.push({
        kind: "all who answered one wave only gave one answer",
        text: `${note}: all ${size} of "${t.part}": ${t.name}`,
      });
  }
}

initEnv();
const started = Date.now();
const db = await scratchDatabase("quorum_attack_series");
const found: Found = {
  attacks: 0,
  byKind: Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>,
  disclosures: [],
  misread: [],
  unsolved: 0,
  solved: 0,
  tables: 0,
  skipped: new Map(),
};
const all = scenarios();
let runs: { note: string; fielded: () => Promise<Fielded[]> }[] = [];
try {
  await syncQuestionnaires("survey-definitions");
  // The demo's series (2024 → 2026, 901 answered both): seeded first, into the empty database, as the app does.
  const demo: Fielded[] = [];
  if (!process.argv.includes("--no-demo")) {
    const t0 = Date.now();
    await seedDemo();
    demo.push(await fieldedFromDb(DEMO_PUBLISHED), await fieldedFromDb(DEMO_SECOND_WAVE));
    console.log(`  the demo seeded and published (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), "quorum-series-attack-"));
  writeFileSync(path.join(dir, "series-attack.json"), JSON.stringify(OWN_QUESTIONNAIRE, null, 2));
  const [report] = await syncQuestionnaires(dir);
  if (report?.outcome !== "created")
    throw new Error(`the attack questionnaire did not load: ${JSON.stringify(report)}`);
  const versions = {
    "2024": (await getCurrentVersion("for-credit-micro-credentials-2024"))!,
    own: (await getCurrentVersion("series-attack"))!,
  };
  const panel = await ensurePanel({ slug: "attack-series", name: "Series attack" });
  const solver = await loadHighs();
  runs = [
    ...(demo.length ? [{ note: "the demo's series (2024 → 2026)", fielded: () => Promise.resolve(demo) }] : []),
    ...all.map((s, i) => ({ note: s.note, fielded: () => runScenario(s, i, versions[s.questionnaire].id, panel.id) })),
  ];
  for (const s of runs) {
    const t0 = Date.now();
    const fielded = await s.fielded();
    const before = { attacks: found.attacks, tables: found.tables, disclosures: found.disclosures.length };
    for (let w = 1; w < fielded.length; w++) {
      const a = fielded[w - 1]!;
      const b = fielded[w]!;
      if (a.published.suppressed || b.published.suppressed) continue;
      const k = b.published.minGroupSize;
      const families = [null, ...b.published.breakdowns.map((f) => f.family)];
      for (const family of families) {
        const built = buildModel(a, b, family, found);
        if (!built) {
          found.skipped.set(family!, (found.skipped.get(family!) ?? 0) + 1);
          continue;
        }
        attack(solver, built, k, `${s.note} (waves ${w} → ${w + 1}${family ? `, ${family}` : ""})`, found);
      }
    }
    console.log(
      `  ${s.note}: ${fielded.length} waves published, ${found.tables - before.tables} same-people table(s) shown, ${found.attacks - before.attacks} attacks, ${found.disclosures.length - before.disclosures} disclosure(s) (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    );
  }
} finally {
  await closeFiguresPool();
  await db.drop();
}
console.log(
  `Series attack (issue 28, 21): ${found.attacks} attacks on ${found.tables} same-people tables of ${runs.length} series; ${found.disclosures.length} disclosure(s); ${found.solved} solved by integer programming (the others are truly 0 or k or more); ${found.misread.length} misread fact(s); ${found.unsolved} not solved in time; ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
for (const kind of KINDS) {
  const ds = found.disclosures.filter((d) => d.kind === kind);
  console.log(`  ${kind}: ${found.byKind[kind]} attacks, ${ds.length} disclosures`);
  for (const d of ds.slice(0, 40)) console.log(`    DISCLOSED ${d.text}`);
}
if (found.skipped.size)
  console.log(
    `  breakdowns left out (groups not the same in both waves): ${[...found.skipped].map(([f, n]) => `${f} ${n}×`).join(", ")}`,
  );
for (const f of found.misread.slice(0, 10)) console.log(`  MISREAD ${f}`);
process.exit(found.disclosures.length || found.misread.length ? 1 : 0);
