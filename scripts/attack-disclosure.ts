// npm run test:disclosure [-- --waves 12 --seed 7]
//
// A hostile reader against a scratch Quorum. Builds waves (the one of issue 14: 20 North America,
// 12 East Asia & Pacific, 3 South Asia, 1 Sub-Saharan Africa; generated ones of several sizes and k;
// the two repository questionnaires), answers them over HTTP (personal links, and open-link answers
// padding a small region), publishes through the API, reads every published output as an outsider
// (JSON, CSV, the page, a forwarded results link), and tries every subtraction it knows: integer
// programming over every relation between published figures, the difference between two
// publications, its own padding subtracted, quote signatures, names of small groups. Prints how
// many attacks it tried and how many disclosures it found; fails unless that is 0.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { sql } from "~/db.server";
import { erasePanelist } from "~/flows/membership.server";
import { approveTextQuote } from "~/flows/quotes.server";
import { createApiKey } from "~/models/api-key.server";
import { ensureInvitation } from "~/models/invitation.server";
import { ensurePanel } from "~/models/panel.server";
import { upsertPanelist } from "~/models/panelist.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { setAttributionStyle } from "~/models/quote.server";
import { createWave, getWave } from "~/models/wave.server";
import { countryName, ROLE_CATEGORIES, regionOf } from "~/lib/panel";
import type { ResultFigures } from "~/results/figures";
import { questionSpecs, type QuestionSpec } from "~/results/questions";
import { surveysDir } from "../server/bootstrap";
import {
  attackPublication,
  attackRepublication,
  type Finding,
  type QuestionKnowledge,
} from "../harness/published-attack";
import { answerGenerator } from "../harness/generated-answers";
import { seededRandom } from "../harness/synthetic-wave";
import { createHarness, option } from "../harness/scratch-app";

const WAVES = option("waves", 8);
const SEED = option("seed", 14);
const random = seededRandom(SEED);
const pick = <T>(xs: readonly T[], skew = 1): T => xs[Math.floor(random() ** skew * xs.length)] as T;

const ATTACK_QUESTIONNAIRE = {
  title: "Disclosure attack",
  pages: [
    {
      name: "profile",
      elements: [
        {
          type: "dropdown",
          name: "country",
          isRequired: true,
          choices: ["US", "CA", "MX", "GB", "DE", "IN", "PK", "KE", "NG", "AU", "JP", "BR", "CL"],
        },
        { type: "radiogroup", name: "offer", isRequired: true, choices: ["yes", "planned", "no"] },
        {
          type: "radiogroup",
          name: "whyNot",
          isRequired: true,
          visibleIf: "{offer} = 'no'",
          choices: ["cost", "demand", "policy"],
        },
        {
          type: "checkbox",
          name: "barriers",
          isRequired: true,
          choices: ["cost", "quality", "trust", "time", "recognition"],
        },
        { type: "boolean", name: "partner", isRequired: true },
      ],
    },
    {
      name: "views",
      elements: [
        {
          type: "matrix",
          name: "agreement",
          columns: ["strongly-disagree", "disagree", "neutral", "agree", "strongly-agree"],
          rows: ["stackable", "employers", "quality"],
        },
        { type: "rating", name: "importance", isRequired: true, rateMin: 1, rateMax: 5 },
        { type: "ranking", name: "goals", choices: ["skills", "revenue", "access", "reputation"] },
        { type: "comment", name: "comment" },
        { type: "boolean", name: "consentToQuote", visibleIf: "{comment} notempty", isRequired: true },
      ],
    },
  ],
};

const REGION_COUNTRIES: Record<string, string[]> = {
  "North America": ["US", "CA"],
  "East Asia & Pacific": ["AU", "JP"],
  "Europe & Central Asia": ["GB", "DE"],
  "Latin America & Caribbean": ["MX", "BR", "CL"],
  "South Asia": ["IN", "PK"],
  "Sub-Saharan Africa": ["KE", "NG"],
};
const ROLES = Object.keys(ROLE_CATEGORIES).slice(0, 6);
const TYPES = ["public-university", "private-university", "community-college", "edtech"];

interface Person {
  token: string;
  panelistId: number;
  country: string;
  role: string;
  data: Record<string, unknown>;
}

/** A valid completion of the attack questionnaire (or, for the repository ones, of theirs). */
function answersFor(specs: QuestionSpec[], country: string, definitionSlug: string): Record<string, unknown> {
  if (definitionSlug === "disclosure-attack") {
    const offer = pick(["yes", "planned", "no"], 1.6);
    const data: Record<string, unknown> = {
      country,
      offer,
      barriers: ["cost", "quality", "trust", "time", "recognition"].filter(() => random() < 0.35),
      partner: random() < 0.7,
      agreement: Object.fromEntries(
        ["stackable", "employers", "quality"]
          .filter(() => random() < 0.9)
          .map((r) => [r, pick(["strongly-disagree", "disagree", "neutral", "agree", "strongly-agree"], 0.6)]),
      ),
      importance: 1 + Math.floor(random() ** 0.6 * 5),
    };
    if ((data.barriers as string[]).length === 0) data.barriers = ["cost"];
    if (offer === "no") data.whyNot = pick(["cost", "demand", "policy"]);
    if (random() < 0.8) data.goals = [...["skills", "revenue", "access", "reputation"]].sort(() => random() - 0.5);
    if (random() < 0.4) {
      data.comment = `My institution's own view ${randomUUID().slice(0, 8)}`;
      data.consentToQuote = random() < 0.7;
    }
    return data;
  }
  void specs;
  return { ...repositoryAnswers(definitionSlug)(1), country };
}

const generators = new Map<string, (skew?: number) => Record<string, unknown>>();
/** Valid completions of a repository questionnaire (the generator the benchmarks use). */
function repositoryAnswers(slug: string) {
  if (!generators.has(slug))
    generators.set(slug, answerGenerator(JSON.parse(readFileSync(`${surveysDir}/${slug}.json`, "utf8")), random));
  return generators.get(slug)!;
}

async function main() {
  const secret = "disclosure-attack-secret-0123456789-abcdefghijklmnop";
  const harness = await createHarness("disclosure", { QUORUM_WORKER: "0", QUORUM_DEMO: "0" }, secret);
  await harness.startApp();
  const findings: Finding[] = [];
  let attacks = 0;
  const record = (found: Finding[], where: string) =>
    findings.push(...found.map((f) => ({ ...f, what: `${where}: ${f.what}` })));
  try {
    await syncQuestionnaires(surveysDir);
    const attackVersion = await storeAttackQuestionnaire();
    const { key } = await createApiKey("attack", "editor", { label: "attack" });
    const api = (path: string, body?: unknown) =>
      fetch(`${harness.base}${path}`, {
        method: body ? "POST" : "GET",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: body ? JSON.stringify(body) : undefined,
      });

    const plans: { slug: string; versionId: number; k: number; regions: [string, number][]; padding: number }[] = [
      {
        slug: "disclosure-attack",
        versionId: attackVersion,
        k: 5,
        regions: [
          ["North America", 20],
          ["East Asia & Pacific", 12],
          ["South Asia", 3],
          ["Sub-Saharan Africa", 1],
        ],
        padding: 4,
      },
    ];
    for (let w = 0; w < WAVES; w++) {
      const k = pick([3, 5, 5, 10]);
      const regions = Object.keys(REGION_COUNTRIES)
        .map((r): [string, number] => [r, Math.floor(random() ** 2.2 * (k * 6))])
        .filter(([, n]) => n > 0);
      plans.push({
        slug: "disclosure-attack",
        versionId: attackVersion,
        k,
        regions,
        padding: random() < 0.5 ? k - 1 : 0,
      });
    }
    for (const slug of ["micro-credentials-2021", "for-credit-micro-credentials-2024"]) {
      const v = await getCurrentVersion(slug);
      if (v)
        plans.push({
          slug,
          versionId: v.id,
          k: 5,
          regions: [
            ["North America", 14],
            ["Latin America & Caribbean", 7],
            ["South Asia", 2],
            ["Sub-Saharan Africa", 1],
          ],
          padding: 0,
        });
    }

    planCount = plans.length;
    let shown = 0;
    for (const [index, plan] of plans.entries()) {
      const where = `wave ${index} (${plan.slug}, k = ${plan.k}, ${plan.regions.map(([r, n]) => `${n} ${r}`).join(", ")}${plan.padding ? `, ${plan.padding} padded` : ""})`;
      const definition = (
        await sql<{ definition: object }[]>`select definition from questionnaire_versions where id = ${plan.versionId}`
      )[0]!.definition;
      const specs = questionSpecs(definition);
      const knowledge: Record<string, QuestionKnowledge> = Object.fromEntries(
        specs.map((s) => [s.name, { alwaysAnswered: s.alwaysAnswered, askedWhen: s.askedWhen }]),
      );
      const panel = await ensurePanel({ slug: `attack-${index}-${SEED}`, name: "Attack panel" });
      const wave = await createWave({
        slug: `attack-${index}-${SEED}`,
        title: `Attack ${index}`,
        panelId: panel.id,
        questionnaireVersionId: plan.versionId,
        minGroupSize: plan.k,
        audience: "public",
        openLinkCode: `attack${index}x${SEED}`,
      });
      const people: Person[] = [];
      const answer = async (n: number, region: string) => {
        for (let i = 0; i < n; i++) {
          const country = pick(REGION_COUNTRIES[region]!);
          const role = pick(ROLES, 1.5);
          const p = await upsertPanelist(panel.id, {
            email: `p${people.length}-${randomUUID().slice(0, 6)}@attack.example`,
            name: `Person ${people.length}`,
            country,
            roleCategory: role,
            organisationType: pick(TYPES, 1.3),
          });
          const inv = await ensureInvitation(wave.id, p.id);
          const data = answersFor(specs, country, plan.slug);
          const res = await fetch(`${harness.base}/s/${inv.token}`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ data, complete: true, submissionId: randomUUID() }),
          });
          if (res.status !== 200)
            throw new Error(`${where}: a completion was refused: ${res.status} ${await res.text()}`);
          people.push({ token: inv.token, panelistId: p.id, country, role, data });
        }
      };
      for (const [region, n] of plan.regions) await answer(n, region);

      // Padding: open-link answers claiming the smallest region's country, each from a fresh browser and address.
      const smallest = [...plan.regions].sort((a, b) => a[1] - b[1])[0]![0];
      for (let i = 0; i < plan.padding; i++) {
        const address = `203.0.113.${10 + i}`;
        const page = await fetch(`${harness.base}/o/attack${index}x${SEED}`, {
          headers: { "X-Forwarded-For": address },
        });
        const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
        const data = answersFor(specs, REGION_COUNTRIES[smallest]![0]!, plan.slug);
        const res = await fetch(`${harness.base}/o/attack${index}x${SEED}`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Cookie: cookie, "X-Forwarded-For": address },
          body: JSON.stringify({ data, complete: true }),
        });
        if (res.status !== 200)
          throw new Error(`${where}: a padding answer was refused: ${res.status} ${await res.text()}`);
      }

      // Quotes from the consenting, signed with role and country where the group allows.
      if (plan.slug === "disclosure-attack") {
        const w = (await getWave(wave.id))!;
        await setAttributionStyle(w, "role", { label: "attack" });
        for (const r of await sql<
          { id: string }[]
        >`select id from responses where wave_id = ${wave.id} and data -> 'consentToQuote' = 'true'::jsonb and source = 'invitation' limit 3`) {
          await approveTextQuote(w, r.id, "comment", "A quote the panel team approved.", { label: "attack" });
        }
      }

      const published = await api(`/api/v1/waves/${wave.slug}/publications`, { announce: false });
      if (published.status !== 201)
        throw new Error(`${where}: publishing failed: ${published.status} ${await published.text()}`);
      const first = (await (await fetch(`${harness.base}/results/${wave.slug}.json`)).json()) as ResultFigures & {
        quotes: { attribution: string }[];
      };

      // 1. Every relation between the published figures, solved exactly.
      const report = await attackPublication(first, plan.k, knowledge);
      attacks += report.attacks;
      record(report.findings, where);

      // 2. What every output says in words: no small group named, no small number, one list of groups per question.
      const csv = await (await fetch(`${harness.base}/results/${wave.slug}.csv`)).text();
      const html = await (await fetch(`${harness.base}/results/${wave.slug}`)).text();
      const verified = (region: string) => people.filter((p) => regionOf(p.country) === region).length;
      for (const [region] of plan.regions) {
        attacks++;
        if (
          verified(region) < plan.k &&
          [JSON.stringify(first.breakdowns), csv, html].some((text) => text.includes(region))
        )
          findings.push({
            what: `${where}: the small region ${region} (${verified(region)}) is named`,
            value: verified(region),
          });
      }
      for (const line of csv.split("\n").slice(1)) {
        attacks++;
        const cells = line.split(",");
        for (const v of cells.slice(-3))
          if (/^\d+$/.test(v) && Number(v) > 0 && Number(v) < plan.k)
            findings.push({ what: `${where}: the CSV shows ${v}: ${line.slice(0, 80)}`, value: Number(v) });
      }
      attacks++;
      const nums = [...html.matchAll(/n = (\d+)/g)].map((m) => Number(m[1]));
      for (const n of nums)
        if (n > 0 && n < plan.k) findings.push({ what: `${where}: the page shows n = ${n}`, value: n });

      // 3. The padding subtracted: the attacker's own answers removed from every figure that counted them.
      if (plan.padding) {
        attacks++;
        const padded = first.breakdowns
          .find((b) => b.family === "region")
          ?.groups.find((g) => !g.other && g.id === smallest);
        if (padded)
          findings.push({
            what: `${where}: ${smallest}, with ${verified(smallest)} real respondent(s) and ${plan.padding} padded answers, is shown on its own`,
            value: verified(smallest),
          });
      }

      // 4. Quote signatures: every attribute together must describe at least k verified respondents.
      for (const quote of first.quotes ?? []) {
        attacks++;
        // "(Role label, Place)", "(Role label)", "(Respondent, Place)" or "(Respondent)"; role labels may hold commas.
        const inner = quote.attribution.replace(/^\(|\)$/g, "");
        const role = Object.entries(ROLE_CATEGORIES).find(
          ([, label]) => inner === label || inner.startsWith(`${label}, `),
        )?.[0];
        const rest = role
          ? inner.slice(ROLE_CATEGORIES[role as keyof typeof ROLE_CATEGORIES].length)
          : inner.replace(/^Respondent/, "");
        const place = rest.replace(/^, /, "") || undefined;
        const matches = people.filter(
          (p) =>
            (!role || p.role === role) && (!place || countryName(p.country) === place || regionOf(p.country) === place),
        );
        if (matches.length < plan.k && (role || place))
          findings.push({
            what: `${where}: the quote signed ${quote.attribution} describes ${matches.length} respondents`,
            value: matches.length,
          });
      }

      // 5. A forwarded results link shows nothing personal: no answers, no words of the respondent.
      const someone = people.find((p) => typeof p.data.comment === "string") ?? people[0]!;
      attacks++;
      const forwarded = await (await fetch(`${harness.base}/results/${wave.slug}?t=${someone.token}`)).text();
      if (typeof someone.data.comment === "string" && forwarded.includes(someone.data.comment))
        findings.push({ what: `${where}: a forwarded link shows the respondent's own words`, value: 1 });
      if (/your answer/.test(forwarded))
        findings.push({ what: `${where}: a forwarded link marks the respondent's answers`, value: 1 });

      // 6. Published again after a few more responses: refused; after k more: the two compared.
      const region = plan.regions[0]![0];
      await answer(Math.max(1, plan.k - 2), region);
      attacks++;
      const tooSoon = await api(`/api/v1/waves/${wave.slug}/publications`, { announce: false });
      if (tooSoon.status !== 409)
        findings.push({
          what: `${where}: publishing again after ${Math.max(1, plan.k - 2)} new responses was allowed (${tooSoon.status})`,
          value: Math.max(1, plan.k - 2),
        });
      await answer(plan.k, pick(plan.regions)[0]);
      const again = await api(`/api/v1/waves/${wave.slug}/publications`, { announce: false });
      if (again.status !== 201)
        throw new Error(`${where}: publishing again failed: ${again.status} ${await again.text()}`);
      const second = (await (await fetch(`${harness.base}/results/${wave.slug}.json`)).json()) as ResultFigures;
      const diff = await attackRepublication(first, second, plan.k, knowledge);
      attacks += diff.attacks;
      record(diff.findings, `${where}, two publications`);
      const alone = await attackPublication(second, plan.k, knowledge);
      attacks += alone.attacks;
      record(alone.findings, `${where}, second publication`);

      // 7. Erasure: a quoted respondent erases their data; their quote leaves the publication.
      const quoted = (
        await sql<
          { panelistId: number }[]
        >`select i.panelist_id from quotes q join responses r on r.id = q.response_id join invitations i on i.id = r.invitation_id where q.wave_id = ${wave.id} limit 1`
      )[0];
      if (quoted) {
        attacks++;
        const before = (
          (await (await fetch(`${harness.base}/results/${wave.slug}.json`)).json()) as { quotes: unknown[] }
        ).quotes.length;
        await erasePanelist(quoted.panelistId, "attack");
        const after = (
          (await (await fetch(`${harness.base}/results/${wave.slug}.json`)).json()) as { quotes: unknown[] }
        ).quotes.length;
        if (after >= before && before > 0)
          findings.push({ what: `${where}: an erased respondent's quote is still published`, value: 1 });
      }
      process.stdout.write(`  ${where}: ${findings.length} disclosures so far\n`);
      for (const f of findings.slice(shown)) process.stdout.write(`    ✗ ${f.what}\n`);
      shown = findings.length;
    }
  } finally {
    await harness.close();
  }
  console.log(
    `\nDisclosure attack: ${attacks} attacks tried on ${planCount} waves; ${findings.length} disclosures found.`,
  );
  for (const f of findings.slice(0, 40)) console.log(`  ✗ ${f.what}`);
  console.log(JSON.stringify({ test: "disclosure", attacks, disclosures: findings.length }));
  process.exit(findings.length === 0 ? 0 : 1);
}

let planCount = 0;

/** Stores the attack questionnaire as a version, as `surveys sync` would a file. */
async function storeAttackQuestionnaire(): Promise<number> {
  const [q] = await sql<
    { id: number }[]
  >`insert into questionnaires (slug, title, source_file) values ('disclosure-attack', 'Disclosure attack', 'attack') returning id`;
  const [v] = await sql<{ id: number }[]>`
    insert into questionnaire_versions (questionnaire_id, version, content_hash, definition, title, question_count)
    values (${q!.id}, 1, 'attack', ${sql.json(ATTACK_QUESTIONNAIRE)}, 'Disclosure attack', 10) returning id`;
  await sql`update questionnaires set current_version_id = ${v!.id} where id = ${q!.id}`;
  return v!.id;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
