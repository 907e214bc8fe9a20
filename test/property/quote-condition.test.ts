import { ConditionRunner } from "survey-core";
import { describe, expect, it } from "vitest";
import { quoteReveals } from "~/results/quote-condition";

// Generated conditions on a question, its panel and its page; the English sentence said of each is
// read back by a small parser of its own grammar and must hold for exactly the answers survey-core
// shows the question for: the words are true of the condition, not merely plausible.

const OFFER = { yes: "Yes", no: "No", planned: "Planned" } as const;
const BARRIERS = { cost: "Cost", time: "Time", trust: "Trust" } as const;
const TITLES = { offer: "Do you offer them?", barriers: "Barriers", credit: "Do they carry credit?" } as const;

const definition = (own?: string, panel?: string, page?: string) => ({
  pages: [
    {
      name: "first",
      elements: [
        {
          type: "radiogroup",
          name: "offer",
          title: TITLES.offer,
          choices: Object.entries(OFFER).map(([value, text]) => ({ value, text })),
        },
        {
          type: "checkbox",
          name: "barriers",
          title: TITLES.barriers,
          choices: Object.entries(BARRIERS).map(([value, text]) => ({ value, text })),
        },
        { type: "boolean", name: "credit", title: TITLES.credit },
      ],
    },
    {
      name: "second",
      visibleIf: page,
      elements: [
        {
          type: "panel",
          name: "more",
          visibleIf: panel,
          elements: [{ type: "comment", name: "c", title: "Tell us more", visibleIf: own }],
        },
      ],
    },
  ],
});

type Answers = { offer?: string; barriers?: string[]; credit?: boolean };

/** Every combination of answers the three questions can take (unanswered included): 4 × 8 × 3. */
function everyAnswer(): Answers[] {
  const offers = [undefined, ...Object.keys(OFFER)];
  const keys = Object.keys(BARRIERS);
  const barriers = [undefined, ...Array.from({ length: 7 }, (_, m) => keys.filter((_, j) => (m + 1) & (1 << j)))];
  const out: Answers[] = [];
  for (const offer of offers)
    for (const b of barriers) for (const credit of [undefined, true, false]) out.push({ offer, barriers: b, credit });
  return out;
}

function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) as number;
}

function condition(rnd: () => number, depth: number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const some = (xs: string[]) =>
    xs
      .filter(() => rnd() < 0.5)
      .slice(0, 2)
      .concat(pick(xs))
      .filter((x, i, a) => a.indexOf(x) === i);
  if (depth > 0 && rnd() < 0.45) {
    const joiner = pick(["and", "or"]);
    const inner = `${condition(rnd, depth - 1)} ${joiner} ${condition(rnd, depth - 1)}`;
    return rnd() < 0.15 ? `!(${inner})` : `(${inner})`;
  }
  const offers = Object.keys(OFFER);
  const barriers = Object.keys(BARRIERS);
  const list = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(", ")}]`;
  return pick([
    () => `{offer} = '${pick(offers)}'`,
    () => `{offer} != '${pick(offers)}'`,
    () => `{offer} anyof ${list(some(offers))}`,
    () => `{offer} ${pick(["empty", "notempty"])}`,
    () => `{barriers} contains '${pick(barriers)}'`,
    () => `{barriers} notcontains '${pick(barriers)}'`,
    () => `{barriers} anyof ${list(some(barriers))}`,
    () => `{barriers} allof ${list(some(barriers))}`,
    () => `{barriers} ${pick(["empty", "notempty"])}`,
    () => `{credit} ${pick(["=", "!="])} ${pick(["true", "false"])}`,
  ])();
}

// ---- reading the English sentence back ----

type Test = (a: Answers) => boolean;

function readList(text: string, labels: Record<string, string>): { values: string[]; joiner: "and" | "or" } {
  const joiner = / or “[^”]*”$/.test(text) ? "or" : "and";
  const names = [...text.matchAll(/“([^”]*)”/g)].map((m) => m[1] as string);
  const rest = text
    .replace(/“[^”]*”/g, "")
    .replace(/,? (or|and) /g, "")
    .replace(/, /g, "")
    .trim();
  if (rest) throw new Error(`not a list of answers: ${text}`);
  return {
    values: names.map((n) => {
      const found = Object.entries(labels).find(([, label]) => label === n);
      if (!found) throw new Error(`“${n}” is not an answer`);
      return found[0];
    }),
    joiner,
  };
}

function readClause(clause: string): Test {
  const question = (title: string) => {
    const found = Object.entries(TITLES).find(([, t]) => t === title);
    if (!found) throw new Error(`“${title}” is not a question`);
    return found[0] as keyof Answers;
  };
  const labels = (q: keyof Answers): Record<string, string> =>
    q === "offer" ? OFFER : q === "barriers" ? BARRIERS : { true: "Yes", false: "No" };
  const value = (a: Answers, q: keyof Answers) => (a[q] === undefined ? undefined : String(a[q]));
  let m: RegExpMatchArray | null;
  if ((m = clause.match(/^answered “([^”]*)”$/))) {
    const q = question(m[1] as string);
    return (a) => a[q] !== undefined;
  }
  if ((m = clause.match(/^left “([^”]*)” unanswered$/))) {
    const q = question(m[1] as string);
    return (a) => a[q] === undefined;
  }
  if ((m = clause.match(/^(answered|did not answer) (.+) to “([^”]*)”$/))) {
    const q = question(m[3] as string);
    const { values } = readList(m[2] as string, labels(q));
    const yes = m[1] === "answered";
    return (a) => values.includes(value(a, q) as string) === yes;
  }
  if ((m = clause.match(/^(chose|did not choose) (.+) in “([^”]*)”$/))) {
    const { values, joiner } = readList(m[2] as string, BARRIERS);
    if (question(m[3] as string) !== "barriers") throw new Error(clause);
    const chose = (a: Answers) =>
      joiner === "or" || values.length === 1
        ? values.some((v) => a.barriers?.includes(v))
        : values.every((v) => a.barriers?.includes(v));
    return m[1] === "chose" ? chose : (a) => !chose(a);
  }
  if ((m = clause.match(/^answered “([^”]*)” without choosing (.+)$/))) {
    const { values } = readList(m[2] as string, BARRIERS);
    return (a) => a.barriers !== undefined && !values.some((v) => a.barriers?.includes(v));
  }
  throw new Error(`cannot read "${clause}"`);
}

/** A sentence of clauses joined by "and", by "or", or an and-list with "either … or …" groups. */
function readSentence(sentence: string): Test {
  const parts = sentence.split(/(,? (?:and|or) |, )(?=either |answered |left |did not |chose )/);
  const clauses: string[] = [];
  const joiners: string[] = [];
  parts.forEach((p, i) => (i % 2 ? joiners : clauses).push(p));
  type Group = { or: boolean; tests: Test[] };
  const groups: Group[] = [];
  let open: Group | null = null;
  clauses.forEach((clause, i) => {
    const joiner = i === 0 ? "" : (joiners[i - 1] as string);
    if (clause.startsWith("either ")) {
      open = { or: true, tests: [readClause(clause.slice(7))] };
      groups.push(open);
      return;
    }
    if (open) {
      open.tests.push(readClause(clause));
      if (/ or /.test(joiner)) open = null; // the last of its "or" list
      return;
    }
    groups.push({ or: / or /.test(joiner), tests: [readClause(clause)] });
  });
  const anyOr = groups.some((g, i) => i > 0 && g.or && g.tests.length === 1);
  const tests = groups.map((g) =>
    g.tests.length > 1 ? (a: Answers) => g.tests.some((t) => t(a)) : (g.tests[0] as Test),
  );
  return anyOr ? (a) => tests.some((t) => t(a)) : (a) => tests.every((t) => t(a));
}

describe("what a quote tells readers, read back", () => {
  it("holds for exactly the answers that show the question, for 400 generated conditions", () => {
    const rnd = random(20261207);
    const answers = everyAnswer();
    let exact = 0;
    let general = 0;
    let silent = 0;
    let never = 0;
    for (let i = 0; i < 400; i++) {
      const levels = [
        condition(rnd, 2),
        rnd() < 0.4 ? condition(rnd, 1) : undefined,
        rnd() < 0.3 ? condition(rnd, 1) : undefined,
      ];
      const said = quoteReveals(definition(...levels), "c");
      const all = new ConditionRunner(
        levels
          .filter(Boolean)
          .map((c) => `(${c})`)
          .join(" and "),
      );
      const shown = (a: Answers) => all.runValues({ ...a }) === true;
      if (said === null) {
        silent += 1;
        expect(answers.every(shown), `${levels.join(" | ")} said nothing`).toBe(true);
        continue;
      }
      if (said.includes("gave answers that show this question only to some respondents")) {
        general += 1;
        if (!answers.some(shown)) never += 1; // contradictions: the question is never shown
        if (process.env.SHOW_GENERAL) console.info(levels.filter(Boolean).join(" | "), "→", said);
        expect(answers.every(shown), `${levels.join(" | ")}: in general, yet shown to all`).toBe(false);
        continue;
      }
      exact += 1;
      const test = readSentence(said);
      for (const a of answers)
        expect(test(a), `${levels.join(" | ")} → "${said}" for ${JSON.stringify(a)}`).toBe(shown(a));
    }
    // Most are said exactly; what is left is said in general (never wrongly), and tautologies not at all.
    expect(exact).toBeGreaterThan(320);
    console.log(
      `400 conditions: ${exact} said exactly and read back true, ${general} in general (${never} of them never shown), ${silent} always true`,
    );
  });
});
