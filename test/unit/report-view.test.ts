import { describe, expect, it } from "vitest";
import { catalogue } from "~/i18n";
import { demoFindings } from "~/lib/demo";
import type { QuestionFigures, ResultFigures, TableFigures } from "~/results/figure-types";
import { fillReferences, findingWarnings, parseReference, resolveReference } from "~/results/findings";
import { formatFor } from "~/results/format";
import { questionSection, rowOrder, topTwoWords } from "~/results/report-view";
import { standingFacts, standingSentence } from "~/results/standing";

/** A table from counts (null = withheld), percentages as the figures compute them. */
function table(counts: (number | null)[], base: number | null, agree?: number | null): TableFigures {
  const pct = (c: number | null) => (c === null || base === null ? null : Math.round((c / base) * 1000) / 10);
  const t: TableFigures = { base, cells: counts.map((c) => ({ count: c, percent: pct(c) })) };
  if (agree !== undefined) t.agree = { count: agree, percent: pct(agree) };
  return t;
}

function question(
  name: string,
  kind: QuestionFigures["kind"],
  labels: string[],
  whole: TableFigures,
  groups: Record<string, TableFigures[]> = {},
): QuestionFigures {
  return {
    name,
    title: name,
    type: kind === "multi" ? "checkbox" : "radiogroup",
    kind,
    identifying: false,
    options: labels.map((l) => ({ value: l.toLowerCase().replace(/ /g, "-"), label: l })),
    items: [{ row: null, whole, groups }],
  };
}

function figures(questions: QuestionFigures[], respondents = 70): ResultFigures {
  return {
    minGroupSize: 5,
    suppressed: false,
    respondents,
    organisations: 40,
    countries: 12,
    responseRate: null,
    breakdowns: [
      {
        family: "region",
        groups: [
          { id: "North America", other: false, size: 40, percent: 57.1 },
          { id: "other", other: true, size: 30, percent: 42.9 },
        ],
      },
    ],
    questions,
  };
}

/** Spaces as a reader sees them (Intl writes "57 %" with a no-break space). */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
const say = (f: ResultFigures, mine: Record<string, string[]>, language = "en") =>
  standingFacts(f, mine).map((fact) => plain(standingSentence(fact, catalogue(language).results, formatFor(language))));

describe("you and the panel", () => {
  const offer = (counts: (number | null)[], base: number) =>
    figures([question("offer", "single", ["Yes", "No", "Not sure"], table(counts, base))]);

  it("says an answer is the most common only when the published figures prove it", () => {
    const f = offer([40, 30, 0], 70);
    expect(say(f, { offer: ["yes"] })).toEqual([
      "You answered “Yes”, as did 57% of respondents. It was the most common answer.",
    ]);
    expect(say(f, { offer: ["no"] })).toEqual([
      "You answered “No”, as did 43% of respondents. The most common answer was “Yes” (57%).",
    ]);
    expect(say(f, { offer: ["yes"] }, "es")).toEqual([
      "Usted respondió «Yes», igual que el 57 % de los encuestados. Fue la respuesta más común.",
    ]);
  });

  it("says only what the reader answered when their share is withheld (Yes 4, No 3 with k = 5)", () => {
    const f = offer([null, null, 0], 7);
    expect(say(f, { offer: ["no"] })).toEqual(["You answered “No”."]);
    expect(say(f, { offer: ["no"] }, "es")).toEqual(["Usted respondió «No»."]);
  });

  it("claims nothing a withheld figure could overturn", () => {
    // 10 shown; 30 withheld between two answers: either could be larger than 10.
    expect(say(offer([10, null, null], 40), { offer: ["yes"] })).toEqual([
      "You answered “Yes”, as did 25% of respondents.",
    ]);
    // 30 shown; the two withheld add up to 10 at most: 30 is ahead of both.
    expect(say(offer([30, null, null], 40), { offer: ["yes"] })).toEqual([
      "You answered “Yes”, as did 75% of respondents. It was the most common answer.",
    ]);
  });

  it("says a tie as a tie, and no order where rounding would make the page contradict itself", () => {
    expect(say(offer([30, 30, 10], 70), { offer: ["no"] })).toEqual([
      "You answered “No”, as did 43% of respondents. It was the most common answer, tied with “Yes”.",
    ]);
    // 301 and 300 of 700 both read 43%: neither is called the most common.
    expect(say(offer([301, 300, 99], 700), { offer: ["yes"] })).toEqual([
      "You answered “Yes”, as did 43% of respondents.",
    ]);
  });

  it("writes several answers of a multiple choice in a list, in each language", () => {
    const f = figures([question("barriers", "multi", ["Quality", "Cost", "Faculty"], table([40, 20, null], 70))]);
    expect(say(f, { barriers: ["quality", "cost"] })).toEqual([
      "You chose “Quality” and “Cost”. Of all respondents, 57% chose “Quality” and 29% chose “Cost”.",
    ]);
    expect(say(f, { barriers: ["quality", "faculty"] }, "fr")).toEqual([
      "Vous avez choisi « Quality » et « Faculty ». Parmi l’ensemble des répondants, 57 % ont choisi « Quality ».",
    ]);
    expect(say(f, { barriers: ["quality", "cost"] }, "pt")).toEqual([
      "Escolheu “Quality” e “Cost”. Do total de respondentes, 57% escolheram “Quality” e 29% escolheram “Cost”.",
    ]);
  });
});

describe("findings that quote the figures", () => {
  const f = figures([
    question("offer", "single", ["Yes", "No", "Not sure"], table([40, 25, 5], 70), {
      region: [table([30, 10, 0], 40), table([10, 15, 5], 30)],
    }),
    question("barriers", "multi", ["Quality", "Cost"], table([40, null], 70)),
  ]);
  const writer = (language: string) => ({
    percent: formatFor(language).percent,
    count: formatFor(language).count,
    withheld: catalogue(language).results.withheld,
    group: (_: string, id: string) => (catalogue(language).results.regions as Record<string, string>)[id] ?? id,
    unknown: catalogue(language).results.withheld,
  });

  it("fill in the published figure in the page's language, or the withheld word", () => {
    const text =
      "**{{offer=yes}} offer them**, {{offer=yes @region=North America}} in {{@region=North America}}; {{offer=yes+no}} answered yes or no; {{respondents}} leaders; {{barriers=cost}} name cost; {{offer=yes count}} of {{offer count}}.";
    expect(fillReferences(text, f, writer("en"))).toBe(
      "**57% offer them**, 75% in North America; 93% answered yes or no; 70 leaders; withheld name cost; 40 of 70.",
    );
    expect(
      plain(fillReferences("{{offer=yes}} · {{@region=North America}} · {{barriers=cost}}", f, writer("es"))),
    ).toBe("57 % · América del Norte · oculto");
  });

  it("read the documented forms and refuse what they cannot mean", () => {
    expect(parseReference("reasons.job-ready=agree")).toMatchObject({
      question: "reasons",
      row: "job-ready",
      answers: ["agree"],
    });
    expect(parseReference("offer")).toHaveProperty("error");
    expect(resolveReference(parseReference("barriers=quality+cost") as never, f)).toMatchObject({ ok: false });
    expect(resolveReference(parseReference("offer=maybe") as never, f)).toMatchObject({ ok: false });
  });

  it("warn at publishing about numbers that match no figure, and references to nothing or to a withheld figure", () => {
    const warnings = findingWarnings(
      {
        keyFindings: "More than 60% offer them; 57% of 70 leaders, in 2024.",
        offer: "{{offer=maybe}} and {{barriers=cost}}",
        "barriers@es": "El 57 % y 3 personas.",
      },
      f,
    );
    expect(warnings.map((w) => [w.key, w.message.slice(0, 40)])).toEqual([
      ["keyFindings", "“60%” is a percentage that matches no fi"],
      ["offer", "{{offer=maybe}} refers to no figure of t"],
      ["offer", "{{barriers=cost}} is a withheld figure: "],
      ["barriers@es", "“3” is a number that matches no figure o"],
    ]);
  });
});

describe("the order of answers", () => {
  it("puts a list most chosen first with Other last and leaves out what nobody chose; keeps a scale as asked", () => {
    const q = question(
      "types",
      "single",
      ["Public", "Private", "College", "Online", "Other"],
      table([10, 30, 0, null, 5], 50),
    );
    q.options[4]!.value = "other";
    expect(rowOrder(q, q.items[0]!.whole, { order: "share", special: ["other"] })).toEqual({
      order: [1, 0, 3, 4],
      nobody: [2],
    });
    expect(rowOrder(q, q.items[0]!.whole, { order: "asked", special: ["other"] })).toEqual({
      order: [0, 1, 2, 3, 4],
      nobody: [],
    });
    const none = table([10, 30, 0, 5, 0], 45);
    expect(rowOrder(q, none, { order: "asked", special: ["other"] })).toEqual({ order: [0, 1, 2, 3], nobody: [4] });
  });
});

describe("a question's section", () => {
  const ctx = (f: ResultFigures) => ({
    figures: f,
    text: catalogue("en").results,
    profile: catalogue("en").profile,
    format: formatFor("en"),
    presentation: { country: { order: "share" as const, special: [] } },
    mine: {},
    breakdown: null,
    findings: {},
  });

  it("says no country is shown on its own rather than “Other 100%” in a tiny wave", () => {
    const country = question("country", "single", ["Other"], table([7], 7));
    country.identifying = true;
    country.options[0]!.value = "__other";
    const section = questionSection(ctx(figures([country], 7)), country, [], false);
    expect(section.note).toBe("No answer here was given by at least 5 people, so none is shown on its own.");
    expect(section.charts).toEqual([]);
  });

  it("rounds a share once, from its count: 192 of 334 (57.49%, published as 57.5) reads 57%, not 58%", () => {
    const offer = question("offer", "single", ["Yes", "No"], table([192, 142], 334));
    const list = questionSection(ctx(figures([offer], 334)), offer, [], false).charts[0]!.list!;
    expect(list.bars.map((b) => `${b.label} ${b.value}`)).toEqual(["Yes 57%", "No 43%"]);
  });

  it("shortens a long list: the largest eight, the rest together, all of them behind a summary", () => {
    const counts = [300, 150, 60, 50, 45, 40, 40, 35, 30, 25, 20, 15];
    const country = question(
      "country",
      "single",
      counts.map((_, i) => `Country ${i}`),
      table(counts, 805),
    );
    const list = questionSection(ctx(figures([country], 805)), country, [], false).charts[0]!.list!;
    expect(list.bars.map((b) => `${b.label} ${b.value}`)).toEqual([
      // Rounded once, from the count (60 of 805 is 7.45%: 7%, not the published 7.5 rounded again to 8%).
      ...counts.slice(0, 8).map((c, i) => `Country ${i} ${Math.round((100 * c) / 805)}%`),
      "4 other answers together 11%",
    ]);
    expect(list.more?.summary).toBe("All 12 answers, largest first");
    expect(list.more?.bars.map((b) => b.label)).toEqual(["Country 8", "Country 9", "Country 10", "Country 11"]);
  });
});

describe("a matrix's top two columns", () => {
  const ctxIn = (language: string, f: ResultFigures) => ({
    figures: f,
    text: catalogue(language).results,
    profile: catalogue(language).profile,
    format: formatFor(language),
    presentation: {},
    mine: {},
    breakdown: null,
    findings: {},
  });
  const importance = (labels: string[]): QuestionFigures => ({
    name: "importance",
    title: "How important is each?",
    type: "matrix",
    kind: "matrix",
    identifying: false,
    options: labels.map((l, i) => ({ value: String(i + 1), label: l })),
    items: [{ row: { value: "cost", label: "Cost" }, whole: table([5, 10, 20, 25], 60, 45), groups: {} }],
  });

  it("are named by their own labels on an importance scale, in the reader's language, not 'agree or strongly agree'", () => {
    const en = importance(["Not important", "Slightly important", "Important", "Very important"]);
    const hint = questionSection(ctxIn("en", figures([en], 60)), en, [], false).charts[0]!.hint;
    expect(hint).toBe("Important or very important, of those who rated each item");
    const es = importance(["Nada importante", "Poco importante", "Importante", "Muy importante"]);
    expect(questionSection(ctxIn("es", figures([es], 60)), es, [], false).charts[0]!.hint).toBe(
      "Importante o muy importante, entre quienes valoraron cada elemento",
    );
    const fr = importance(["Pas important", "Peu important", "Important", "Très important"]);
    expect(questionSection(ctxIn("fr", figures([fr], 60)), fr, [], false).charts[0]!.hint).toBe(
      "Important ou très important, parmi ceux qui ont évalué chaque élément",
    );
  });

  it("still read 'agree or strongly agree' on an agreement scale, and keep an acronym's capitals", () => {
    const agree = importance(["Strongly disagree", "Disagree", "Agree", "Strongly agree"]);
    expect(questionSection(ctxIn("en", figures([agree], 60)), agree, [], false).charts[0]!.hint).toBe(
      "Agree or strongly agree, of those who rated each item",
    );
    expect(topTwoWords("en", [{ label: "Fine" }, { label: "OK" }])).toBe("Fine or OK");
  });
});

describe("the demo's findings", () => {
  it("are made of references, claim an order only where the figures show one, and publish without a warning", () => {
    const reasons: QuestionFigures = {
      name: "reasons",
      title: "reasons",
      type: "matrix",
      kind: "matrix",
      identifying: false,
      options: ["disagree", "neutral", "agree", "strongly-agree"].map((v) => ({ value: v, label: v })),
      items: [
        { row: { value: "engagement", label: "Engagement" }, whole: table([10, 10, 25, 25], 70, 50), groups: {} },
        { row: { value: "job-ready", label: "Job-ready" }, whole: table([5, 5, 30, 30], 70, 60), groups: {} },
      ],
    };
    const f = figures([
      question("offerToday", "single", ["Yes", "No"], table([40, 30], 70), {
        region: [table([30, 10], 40), table([10, 20], 30)],
      }),
      reasons,
    ]);
    f.breakdowns[0]!.groups[1] = { id: "South Asia", other: false, size: 30, percent: 42.9 };
    const written = demoFindings(f);
    expect(written.reasons).toBe(
      "**“{{reasons.job-ready label}}” leads the reasons**: {{reasons.job-ready=top2}} agree, ahead of “{{reasons.engagement label}}” ({{reasons.engagement=top2}}).",
    );
    expect(written.offerToday).toBe(
      "**{{offerToday=yes}} already offer them**, most of all in {{@region=North America}} ({{offerToday=yes @region=North America}}).",
    );
    expect(written["offerToday@es"]).toContain("{{offerToday=yes}}");
    // top2 is agree or strongly agree together, even where a column is called "agree" (30 of 70 here).
    const english = {
      percent: formatFor("en").percent,
      count: formatFor("en").count,
      withheld: "withheld",
      group: (_: string, id: string) => id,
      unknown: "withheld",
    };
    expect(fillReferences(written.reasons!, f, english)).toBe(
      "**“Job-ready” leads the reasons**: 86% agree, ahead of “Engagement” (71%).",
    );
    expect(fillReferences("{{reasons.job-ready=agree}}", f, english)).toBe("43%");
    expect(findingWarnings(written, f)).toEqual([]);
    // Two regions at the same published share: no region is said to lead.
    const tied = structuredClone(f);
    tied.questions[0]!.items[0]!.groups.region = [table([30, 10], 40), table([30, 10], 40)];
    expect(demoFindings(tied).offerToday).toBe("**{{offerToday=yes}} already offer them**.");
  });
});
