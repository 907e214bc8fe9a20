// The questionnaire the independent attacker fields, and answers to it. Real SurveyJS JSON using every
// question type the report publishes, with conditions of every form a reader can reason from
// (and, or, !=, contains, notcontains, anyof, != true) and answers that set breakdowns
// (country → region, organisation type, role). Answers are drawn so that small groups occur.
import { ConditionRunner } from "survey-core";

export type Answers = Record<string, unknown>;

/** The countries offered, by the World Bank region a reader looks them up in. */
const COUNTRY_CHOICES = ["US", "CA", "MX", "BR", "GB", "FR", "DE", "IN", "PK", "BD", "KE", "NG", "ZA", "JP", "AU"];
export const ORG_TYPES = ["public-university", "private-university", "community-college", "industry"];
export const ROLES = ["president", "provost", "dean", "digital-leader"];

const choices = (values: string[]) => values.map((value) => ({ value, text: value }));

/**
 * The probes of round 3 (the methodologist's D.11, D.14, M3-1, M3-3 and an "or" across two questions),
 * in the questionnaire with --probes; its second page, "after", behind a complete trigger, with
 * --trigger-probe (the engine does not protect what it tells yet).
 */
const PROBES = new Set(["otherOnly", "followUp", "support", "qEnable"]);
/** The probes' complete trigger (M3-3): who answered offer "no" and is not accredited ends after the first page. */
const COMPLETE_IF = "{offer} = 'no' and {accredited} = false";

/** The questionnaire: one page, every published question type, conditions of each form (and the probes if asked). */
export function attackQuestionnaire(probes = false, trigger = false): object {
  const q = fullQuestionnaire() as {
    pages: { name: string; elements: { name: string; showOtherItem?: boolean }[] }[];
    triggers?: unknown[];
  };
  if (!trigger) {
    q.pages = q.pages.filter((p) => p.name !== "after");
    delete q.triggers;
  }
  if (probes) return q;
  for (const page of q.pages)
    page.elements = page.elements
      .filter((e) => !PROBES.has(e.name))
      .map(({ showOtherItem: _, ...e }) => e as { name: string });
  return q;
}

function fullQuestionnaire(): object {
  return {
    title: "Independent disclosure attack",
    pages: [
      {
        name: "p1",
        elements: [
          { type: "dropdown", name: "country", title: "Country", isRequired: true, choices: choices(COUNTRY_CHOICES) },
          {
            type: "radiogroup",
            name: "organisationType",
            title: "Organisation type",
            isRequired: true,
            // "Other" is no organisation type Quorum knows: who answers it stays in their profile's group.
            showOtherItem: true,
            choices: choices(ORG_TYPES),
          },
          {
            // Shown only to the few who answered "Other" (methodologist's D.14: all of them gave one answer).
            type: "radiogroup",
            name: "otherOnly",
            title: "Is your organisation accredited as a university?",
            isRequired: true,
            visibleIf: "{organisationType} = 'other'",
            choices: choices(["yes", "no"]),
          },
          { type: "dropdown", name: "roleCategory", title: "Role", isRequired: true, choices: choices(ROLES) },
          {
            type: "radiogroup",
            name: "offer",
            title: "Do you offer micro-credentials?",
            isRequired: true,
            choices: choices(["yes", "planned", "no"]),
          },
          {
            type: "radiogroup",
            name: "offerScale",
            title: "At what scale?",
            isRequired: true,
            visibleIf: "{offer} != 'no'",
            choices: choices(["pilot", "programme", "institution"]),
          },
          { type: "comment", name: "whyNot", title: "Why not?", visibleIf: "{offer} = 'no'" },
          {
            type: "checkbox",
            name: "barriers",
            title: "Barriers",
            isRequired: true,
            choices: choices(["cost", "time", "quality", "recognition"]),
          },
          {
            type: "radiogroup",
            name: "barrierResponse",
            title: "How do you respond to cost or time?",
            isRequired: true,
            visibleIf: "{barriers} contains 'cost' or {barriers} contains 'time'",
            choices: choices(["invest", "partner", "wait"]),
          },
          {
            type: "rating",
            name: "confidence",
            title: "Confidence without cost barriers",
            isRequired: true,
            visibleIf: "{barriers} notcontains 'cost'",
            rateMin: 1,
            rateMax: 5,
          },
          { type: "boolean", name: "accredited", title: "Accredited?", isRequired: true },
          {
            // Required, but only while enabled (methodologist's M3-1: its base gave the "planned" counts).
            type: "radiogroup",
            name: "qEnable",
            title: "Which comes first for you?",
            isRequired: true,
            enableIf: "{offer} != 'planned'",
            choices: choices(["students", "employers"]),
          },
          {
            // An "or" across two questions: its base publishes planned + not accredited − both.
            type: "radiogroup",
            name: "followUp",
            title: "May we follow up on your plans?",
            isRequired: true,
            visibleIf: "{offer} = 'planned' or {accredited} = false",
            choices: choices(["yes", "later", "no"]),
          },
          {
            type: "dropdown",
            name: "accreditor",
            title: "Who would accredit them?",
            isRequired: true,
            visibleIf: "{accredited} != true",
            choices: choices(["agency", "employer", "none"]),
          },
          {
            type: "radiogroup",
            name: "kenyaPolicy",
            title: "Kenya's national framework",
            isRequired: true,
            visibleIf: "{country} = 'KE'",
            choices: choices(["aligned", "partly", "not"]),
          },
          {
            type: "radiogroup",
            name: "africaFocus",
            title: "Your focus in East and West Africa",
            isRequired: true,
            visibleIf: "{country} anyof ['KE', 'NG']",
            choices: choices(["teaching", "research", "both"]),
          },
          {
            type: "radiogroup",
            name: "funding",
            title: "Funding source",
            visibleIf: "{organisationType} anyof ['public-university', 'private-university'] and {offer} = 'yes'",
            choices: choices(["state", "fees", "grants"]),
          },
          { type: "rating", name: "importance", title: "Importance", isRequired: true, rateMin: 1, rateMax: 5 },
          {
            type: "matrix",
            name: "agreement",
            title: "Agreement",
            isRequired: true,
            columns: choices(["1", "2", "3", "4", "5"]),
            rows: choices(["valuable", "credible"]),
          },
          {
            type: "ranking",
            name: "priorities",
            title: "Priorities",
            isRequired: true,
            choices: choices(["access", "quality", "cost", "speed"]),
          },
          { type: "ranking", name: "format", title: "Format", choices: choices(["online", "onsite"]) },
          {
            // Optional, and digital leaders skip it (methodologist's D.11: a group's n = 0 beside full n).
            type: "matrix",
            name: "support",
            title: "Support from",
            columns: choices(["1", "2", "3", "4", "5"]),
            rows: choices(["leadership", "faculty"]),
          },
          { type: "boolean", name: "consentToQuote", title: "May we quote you?" },
          { type: "comment", name: "comment", title: "Anything else?" },
        ],
      },
      {
        // After a complete trigger (M3-3): a required question those who ended early never saw.
        name: "after",
        elements: [
          {
            type: "radiogroup",
            name: "qAfter",
            title: "Would you join a working group?",
            isRequired: true,
            choices: choices(["yes", "no"]),
          },
        ],
      },
    ],
    triggers: [{ type: "complete", expression: COMPLETE_IF }],
  };
}

/** Optional questions a profile always skips (so a group's n is 0 beside the others'). */
const SKIPPED_BY: Record<string, [string, string]> = { support: ["roleCategory", "digital-leader"] };

interface Element {
  type: string;
  name: string;
  isRequired?: boolean;
  showOtherItem?: boolean;
  enableIf?: string;
  visibleIf?: string;
  choices?: { value: string }[];
  rows?: { value: string }[];
  columns?: { value: string }[];
  rateMin?: number;
  rateMax?: number;
}

/** The questions of a questionnaire, in order (one page is all the generator writes). */
function pagesOf(definition: object): Element[][] {
  return (definition as { pages: { elements: Element[] }[] }).pages.map((p) => p.elements);
}

/** The expressions of a questionnaire's complete triggers. */
function completeTriggers(definition: object): string[] {
  const triggers = (definition as { triggers?: { type?: string; expression?: string }[] }).triggers ?? [];
  return triggers.filter((t) => t.type === "complete" && t.expression).map((t) => t.expression!);
}

/** Skewed draws, so that some answers are rare in a small wave. */
export class Draw {
  constructor(private random: () => number) {}
  index(n: number, skew = 1.6): number {
    return Math.min(n - 1, Math.floor(this.random() ** skew * n));
  }
  pick<T>(xs: readonly T[], skew = 1.6): T {
    return xs[this.index(xs.length, skew)]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }
}

/**
 * One respondent's answers: profile answers given, every other question drawn, each condition
 * evaluated by survey-core over the answers so far (a hidden question has no answer).
 */
export function answersFor(definition: object, profile: Answers, draw: Draw, skews: Record<string, number>): Answers {
  const data: Answers = {};
  const ends = completeTriggers(definition).map((e) => new ConditionRunner(e));
  for (const page of pagesOf(definition)) {
    // A complete trigger ends the survey when its page is left.
    if (Object.keys(data).length && ends.some((e) => e.runValues(data) === true)) break;
    answerPage(page, data, profile, draw, skews);
  }
  return data;
}

function answerPage(els: Element[], data: Answers, profile: Answers, draw: Draw, skews: Record<string, number>) {
  for (const el of els) {
    if (el.visibleIf && !new ConditionRunner(el.visibleIf).runValues(data)) continue;
    // A disabled question cannot be answered.
    if (el.enableIf && !new ConditionRunner(el.enableIf).runValues(data)) continue;
    if (el.name in profile) {
      data[el.name] = profile[el.name];
      // Some answer "Other" and describe it, as the questionnaire offers.
      if (el.showOtherItem && draw.chance(0.15)) {
        data[el.name] = "other";
        data[`${el.name}-Comment`] = "A polytechnic";
      }
      continue;
    }
    const skippedBy = SKIPPED_BY[el.name];
    if (skippedBy && profile[skippedBy[0]] === skippedBy[1]) continue;
    if (!el.isRequired && el.type !== "boolean" && draw.chance(0.2)) continue;
    const skew = skews[el.name] ?? 1.4;
    switch (el.type) {
      case "radiogroup":
      case "dropdown":
        data[el.name] = draw.pick(
          el.choices!.map((c) => c.value),
          skew,
        );
        break;
      case "checkbox": {
        const picked = el
          .choices!.map((c) => c.value)
          .filter((_, i) => draw.chance(i === 0 ? 0.55 : 0.4 / (1 + i * 0.3)));
        data[el.name] = picked.length ? picked : [draw.pick(el.choices!.map((c) => c.value))];
        break;
      }
      case "rating":
        data[el.name] = el.rateMax! - draw.index(el.rateMax! - el.rateMin! + 1, skew);
        break;
      case "boolean":
        if (el.name === "consentToQuote") data[el.name] = draw.chance(0.7);
        else data[el.name] = draw.chance(0.8);
        break;
      case "matrix":
        data[el.name] = Object.fromEntries(
          el.rows!.map((r) => [
            r.value,
            el.columns![el.columns!.length - 1 - draw.index(el.columns!.length, skew)]!.value,
          ]),
        );
        break;
      case "ranking": {
        const values = el.choices!.map((c) => c.value);
        // Rankings lean towards the order asked (how much: the skew, 0 = always that order), so
        // first places and average positions are uneven.
        const noise = skews[el.name] ?? 1;
        data[el.name] = values
          .map((v, i) => ({ v, key: i + (draw.index(1000, 1) / 1000) * values.length * noise }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.v);
        break;
      }
      case "comment":
        data[el.name] = `My answer, number ${Math.floor(draw.index(1000, 1))}.`;
        break;
      default:
        throw new Error(`the generator does not answer ${el.type}`);
    }
  }
}

export interface Plan {
  k: number;
  countries: [string, number][];
  note: string;
}

/** The waves: two built around the examples, then generated ones of several sizes and k. */
export function attackPlans(random: () => number, draw: Draw, waves: number): Plan[] {
  const out: Plan[] = [
    {
      k: 5,
      note: "the issue's countries: US 10, CA 3, IN 6, PK 2, GB 7; Kenya 5 and Nigeria 2",
      countries: [
        ["US", 10],
        ["CA", 3],
        ["IN", 6],
        ["PK", 2],
        ["GB", 7],
        ["KE", 5],
        ["NG", 2],
      ],
    },
    {
      k: 5,
      note: "a mid-sized wave, a few small countries",
      countries: [
        ["US", 14],
        ["MX", 2],
        ["BR", 6],
        ["FR", 6],
        ["DE", 1],
        ["KE", 5],
        ["ZA", 3],
        ["AU", 5],
      ],
    },
    {
      k: 5,
      note: "one small country, so Kenya (5) is folded with Nigeria (2)",
      countries: [
        ["US", 10],
        ["GB", 7],
        ["IN", 6],
        ["KE", 5],
        ["NG", 2],
      ],
    },
  ];
  for (let w = 0; out.length < waves; w++) {
    const k = [5, 3, 5, 7, 10, 4][w % 6]!;
    const n = 8 + Math.floor(random() * 53);
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const c = draw.pick(COUNTRY_CHOICES, 1.8);
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    out.push({ k, note: `generated, ${n} respondents`, countries: [...counts] });
  }
  return out.slice(0, waves);
}

/** How skewed the answers of the attack's wave `index` are (so that small cells occur). */
export function attackSkews(index: number): Record<string, number> {
  return {
    offer: 1.3 + (index % 3) * 0.4,
    priorities: [0.3, 1, 0.6][index % 3]!,
    format: [0.4, 1.2, 0.2][index % 3]!,
    accreditor: 1.8,
    kenyaPolicy: 1.6,
  };
}
