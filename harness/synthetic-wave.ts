// Synthetic waves for the disclosure tests: respondents with two profile breakdowns and answers to a
// small questionnaire, counted here in plain JavaScript (independently of the SQL that counts real
// waves) into the vectors the results code publishes from.
import { answerInState, type ConditionAtoms } from "~/results/conditions";
import { counterLayout, type Counter } from "~/results/counters";
import type { FigureInput, Vectors } from "~/results/figures";
import { questionSpecs, type QuestionSpec } from "~/results/questions";

export interface SyntheticRespondent {
  region: string;
  role: string;
  /** A third breakdown, when given (the attacker's waves have it). */
  organisationType?: string;
  verified: boolean;
  data: Record<string, unknown>;
}

const SYNTHETIC_DEFINITION = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "radiogroup", name: "offer", isRequired: true, choices: ["yes", "planned", "no"] },
        { type: "checkbox", name: "barriers", isRequired: true, choices: ["cost", "quality", "trust", "time"] },
        {
          type: "radiogroup",
          name: "why",
          isRequired: true,
          visibleIf: "{offer} = 'no'",
          choices: ["cost", "demand", "policy"],
        },
        { type: "rating", name: "importance", isRequired: true, rateMin: 1, rateMax: 5 },
      ],
    },
  ],
};

/** A seeded random source (mulberry32), so a failing case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random respondents: group sizes skewed so that some groups are tiny, answers skewed so that some cells are. */
export function syntheticRespondents(
  random: () => number,
  size: number,
  regions: string[],
  roles: string[],
  openShare = 0.1,
): SyntheticRespondent[] {
  const pick = <T>(xs: T[], skew = 2) => xs[Math.floor(random() ** skew * xs.length)] as T;
  return Array.from({ length: size }, () => {
    const offer = pick(["yes", "planned", "no"], 1.5);
    const data: Record<string, unknown> = {
      offer,
      barriers: ["cost", "quality", "trust", "time"].filter(() => random() < 0.4),
      importance: 1 + Math.floor(random() ** 0.7 * 5),
    };
    if ((data.barriers as string[]).length === 0) data.barriers = ["cost"];
    if (offer === "no") data.why = pick(["cost", "demand", "policy"]);
    return { region: pick(regions, 2.5), role: pick(roles, 1.8), verified: random() > openShare, data };
  });
}

/** One counter's value for one respondent, as the counting SQL defines it. */
function counterValue(c: Counter, specs: QuestionSpec[], data: Record<string, unknown>): number {
  if (c.q < 0) return 1;
  const spec = specs[c.q] as QuestionSpec;
  const v = data[spec.name];
  const answered = v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
  switch (c.kind) {
    case "base":
      if (c.row !== null)
        return v && typeof v === "object" && (v as Record<string, unknown>)[c.row] !== undefined ? 1 : 0;
      return answered ? 1 : 0;
    case "count":
      if (spec.kind === "multi") return Array.isArray(v) && v.map(String).includes(c.value) ? 1 : 0;
      if (spec.kind === "ranking") return Array.isArray(v) && String(v[0]) === c.value ? 1 : 0;
      if (spec.kind === "matrix")
        return v && typeof v === "object" && String((v as Record<string, unknown>)[c.row ?? ""]) === c.value ? 1 : 0;
      return answered && String(v) === c.value ? 1 : 0;
    case "sum":
      return spec.kind === "rating" && answered ? Number(v) : 0;
    case "sumN":
      return spec.kind === "rating" && answered ? 1 : 0;
    case "position":
      return Array.isArray(v) && String(v[c.position - 1]) === c.value ? 1 : 0;
    case "atom": {
      const when = spec.shownWhen as ConditionAtoms;
      const combo = when.combos[Number(c.value)]!;
      return when.variables.every((x, j) => answerInState(x.states[combo.at[j]!]!, data[x.name])) ? 1 : 0;
    }
  }
}

/** The results code's input for a synthetic wave: its whole, by region and by role, with verified parts. */
export function syntheticInput(
  respondents: SyntheticRespondent[],
  k: number,
  protect = true,
  definition: object = SYNTHETIC_DEFINITION,
): FigureInput {
  const specs = questionSpecs(definition);
  const layout = counterLayout(specs);
  const zero = (): Vectors => ({
    all: new Array<number>(layout.length).fill(0),
    verified: new Array<number>(layout.length).fill(0),
  });
  const whole = zero();
  const regions = new Map<string, Vectors>();
  const roles = new Map<string, Vectors>();
  const types = new Map<string, Vectors>();
  for (const r of respondents) {
    const vector = layout.map((c) => counterValue(c, specs, r.data));
    for (const target of [
      whole,
      regions.get(r.region) ?? regions.set(r.region, zero()).get(r.region)!,
      roles.get(r.role) ?? roles.set(r.role, zero()).get(r.role)!,
      ...(r.organisationType === undefined
        ? []
        : [types.get(r.organisationType) ?? types.set(r.organisationType, zero()).get(r.organisationType)!]),
    ]) {
      vector.forEach((x, i) => {
        target.all[i]! += x;
        if (r.verified) target.verified[i]! += x;
      });
    }
  }
  return {
    specs,
    layout,
    whole,
    families: [
      { key: "region", groups: regions },
      { key: "roleCategory", groups: roles },
      ...(types.size ? [{ key: "organisationType" as const, groups: types }] : []),
    ],
    headline: { organisations: 0, countries: 0, invited: 0 },
    k,
    protect,
  };
}
