import { regionOf, type OrganisationType, type RoleCategory } from "~/lib/panel";

/**
 * Synthetic completed responses to the 2024 questionnaire for the demo's published wave, drawn so
 * that the report reads like the one it is modelled on (../shared/seeds: Coursera's 2024 survey of
 * 1,058 leaders in 89 countries): 53% already offer for-credit micro-credentials (59% in North
 * America), over 80% plan to integrate or expand them, three in four expect more enrolment, 65% of
 * those who do not offer them count career prospects among their top three. Every one is invented.
 */
export interface SyntheticResponse {
  country: string;
  region: string;
  organisationType: OrganisationType;
  roleCategory: RoleCategory;
  organisation: string;
  data: Record<string, unknown>;
}

// Where answers came from: most from the United States and India, then Mexico, Colombia, the
// Philippines, Nigeria and Malaysia, and a long tail (weights, not percentages).
const COUNTRIES: [string, number][] = [
  ["US", 300],
  ["IN", 150],
  ["MX", 60],
  ["CO", 50],
  ["PH", 45],
  ["NG", 42],
  ["MY", 40],
  ["CA", 35],
  ["GB", 30],
  ["BR", 25],
  ["AU", 22],
  ["ES", 18],
  ["ZA", 16],
  ["KE", 14],
  ["PE", 14],
  ["CL", 12],
  ["DE", 12],
  ["FR", 10],
  ["EG", 10],
  ["AE", 10],
  ["ID", 10],
  ["PK", 10],
  ["SA", 8],
  ["AR", 8],
  ["JP", 8],
  ["SG", 8],
  ["NZ", 6],
  ["NL", 6],
  ["IT", 6],
  ["PL", 5],
  ["GH", 5],
  ["VN", 5],
  ["TH", 5],
  ["TR", 5],
  ["EC", 4],
  ["BD", 4],
  ["MA", 4],
  ["JO", 3],
  ["KZ", 3],
  ["IE", 3],
];
const TYPES: [OrganisationType, number][] = [
  ["public-university", 40],
  ["private-university", 30],
  ["community-college", 14],
  ["online-provider", 8],
  ["other-he", 8],
];
const ROLES: [RoleCategory, number][] = [
  ["president", 12],
  ["provost", 22],
  ["dean", 25],
  ["digital-leader", 10],
  ["strategy", 8],
  ["online-learning", 15],
  ["student-services", 4],
  ["other", 4],
];
const BARRIERS = [
  "quality",
  "faculty-buy-in",
  "accreditation",
  "cost",
  "employer-recognition",
  "technology",
  "awareness",
];
const REASONS = ["engagement", "competitive-advantage", "retention", "lifelong-learning", "job-ready"];
/** Comments the synthetic respondents write, each with the finding of the 2024 questionnaire it speaks to. */
export const COMMENT_FINDINGS: Record<string, string> = {
  "Employers in our region ask for proof of specific skills, and stackable credit lets working adults start without committing to a full degree.":
    "reasons",
  "Faculty want assurance that credit-bearing certificates meet the same bar as our courses; we are building that review now.":
    "barriers",
  "Our students earn industry certificates alongside the degree; the hardest part was agreeing how they map to credit.":
    "offerToday",
  "Recognition across borders is the missing piece: a credential earned here should count at a partner institution abroad.":
    "barriers",
  "We started with two pilots in data analytics and project management and will expand to ten programmes next year.":
    "plans5y",
};
const COMMENTS = Object.keys(COMMENT_FINDINGS);
const OTHER_KINDS = ["Polytechnic", "Institute of technology", "University of applied sciences", "Medical school"];

/** A seeded random source (mulberry32): the demo's answers are the same at every start. */
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

function weighted<T>(random: () => number, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1]![0];
}

/** A five-point agreement with about `agree` of answers on agree or strongly agree. */
function agreement(random: () => number, agree: number): string {
  const r = random();
  if (r < agree) return random() < 0.45 ? "strongly-agree" : "agree";
  return weighted(random, [
    ["neutral", 6],
    ["disagree", 3],
    ["strongly-disagree", 1],
  ]);
}

export function syntheticResponses(random: () => number, count: number): SyntheticResponse[] {
  const out: SyntheticResponse[] = [];
  for (let i = 0; i < count; i += 1) {
    const country = weighted(random, COUNTRIES);
    const region = regionOf(country) ?? "North America";
    const northAmerica = region === "North America";
    const organisationType = weighted(random, TYPES);
    const offerToday = random() < (northAmerica ? 0.59 : 0.505) ? "yes" : random() < 0.8 ? "no" : "not-sure";
    const data: Record<string, unknown> = {
      country,
      // The questionnaire has no "other higher education" choice: those leaders pick "Other" and describe it.
      organisationType: organisationType === "other-he" ? "other" : organisationType,
      ...(organisationType === "other-he" ? { "organisationType-Comment": OTHER_KINDS[i % OTHER_KINDS.length] } : {}),
      offerToday,
      plans5y: weighted(random, [
        ["integrate", 44],
        ["expand", 38],
        ["keep", 9],
        ["no-plans", 4],
        ["not-sure", 5],
      ]),
      enrolmentEffect: weighted(random, [
        ["much-more", 30],
        ["somewhat-more", 45],
        ["no-difference", 21],
        ["less", 4],
      ]),
      reasons: Object.fromEntries(
        REASONS.map((row, r) => [
          row,
          agreement(
            random,
            (northAmerica ? [0.82, 0.76, 0.75, 0.8, 0.93] : [0.88, 0.88, 0.81, 0.85, 0.9])[r] as number,
          ),
        ]),
      ),
      // The rating takes 1–5: the same agreement shape as the matrix.
      jobReadySkills: { "strongly-disagree": 1, disagree: 2, neutral: 3, agree: 4, "strongly-agree": 5 }[
        agreement(random, northAmerica ? 0.93 : 0.88)
      ],
    };
    if (offerToday === "no") data.careerTopThree = random() < 0.65;
    // U.S. leaders see more barriers, quality and faculty buy-in first.
    const chosen = BARRIERS.filter(
      (b, j) =>
        random() <
        (country === "US" ? [0.45, 0.4, 0.25, 0.3, 0.2, 0.1, 0.15] : [0.3, 0.2, 0.25, 0.35, 0.25, 0.15, 0.2])[j]!,
    );
    data.barriers = chosen.length === 0 ? ["none"] : chosen.slice(0, 3);
    if (random() < 0.05) {
      data.comment = COMMENTS[Math.floor(random() * COMMENTS.length)];
      data.consentToQuote = random() < 0.7;
    }
    out.push({
      country,
      region,
      organisationType,
      roleCategory: weighted(random, ROLES),
      organisation: `Synthetic institution ${1 + Math.floor(random() ** 1.6 * 852)}`,
      data,
    });
  }
  return out;
}
