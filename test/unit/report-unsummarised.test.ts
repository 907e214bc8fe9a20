// A report names every answered question it gives no figures for, and a question whose number of answers is
// withheld says so truly (issue 21, round 4; round 4's methodologist: "3 questions are not published" while 7
// were absent, and "Not shown: … its figures are withheld" beside a ranking whose position counts the JSON gave).
import { describe, expect, it } from "vitest";
import { resultFigures } from "~/results/figures";
import { uncountedQuestions } from "~/results/questions";
import { reportPage } from "~/results/report-page.server";
import type { Snapshot } from "~/results/snapshot";
import { syntheticInput, type SyntheticRespondent } from "../../harness/synthetic-wave";

const LANGUAGES = ["en", "es", "fr", "pt"] as const;
const all = (en: string) => ({ default: en, es: `${en} (es)`, fr: `${en} (fr)`, pt: `${en} (pt)` });
const choices = (...values: string[]) => values.map((value) => ({ value, text: all(value) }));
const definition = {
  title: all("Probe"),
  elements: [
    { type: "radiogroup", name: "offer", isRequired: true, title: all("Offer"), choices: choices("yes", "no") },
    { type: "ranking", name: "rank", isRequired: true, title: all("Rank"), choices: choices("a", "b", "c") },
    { type: "text", name: "num", title: all("Number"), inputType: "number" },
    { type: "text", name: "remark", title: all("Remark") },
    { type: "comment", name: "comment", title: all("Comment") },
    {
      type: "multipletext",
      name: "mt",
      title: all("Fields"),
      items: [{ name: "n1", title: all("n1"), inputType: "number" }],
    },
    {
      type: "matrixdropdown",
      name: "mdd",
      title: all("Table"),
      rows: choices("r1"),
      columns: [{ name: "c1", title: all("c1"), cellType: "number", totalType: "sum" }],
    },
    { type: "expression", name: "expr", title: all("Computed"), expression: "{offer}" },
    { type: "html", name: "intro", html: all("<p>Hello</p>") },
  ],
};
const respondents = Array.from({ length: 20 }, (_, i): SyntheticRespondent => ({
  region: "North America",
  role: "Dean",
  verified: true,
  data: { offer: i % 2 ? "yes" : "no", rank: ["a", "b", "c"] },
}));

function snapshot(change?: (s: Snapshot) => void): Snapshot {
  const input = syntheticInput(respondents, 5, true, definition);
  const { figures } = resultFigures({ ...input, headline: { organisations: 0, countries: 0, invited: 0 } });
  const s: Snapshot = {
    ...figures,
    notSummarised: uncountedQuestions(definition),
    wave: "probe-w1",
    title: "Probe",
    publishedAt: "2026-12-20T00:00:00Z",
    fieldwork: { opensAt: "2026-12-15T00:00:00Z", closesAt: "2026-12-19T00:00:00Z" },
    audience: "public",
    quotes: [],
  };
  change?.(s);
  return s;
}
const page = (s: Snapshot, lang: string) =>
  reportPage({
    definition,
    publication: { snapshot: s, commentary: {} },
    answers: null,
    asked: { lang, by: null },
    browser: [],
    panelName: "Probe panel",
    preview: false,
  });

describe("questions a report gives no figures for", () => {
  it("are every answered question that is not a choice, a rating, a matrix, a ranking or free text", () => {
    expect(uncountedQuestions(definition).map((q) => q.name)).toEqual(["num", "mt", "mdd", "expr"]);
  });

  it("are named in the methodology, by their titles in the page's language", async () => {
    for (const lang of LANGUAGES) {
      const p = await page(snapshot(), lang);
      expect(p.language).toBe(lang);
      const text = p.methodology.paragraphs.join("\n");
      const suffix = lang === "en" ? "" : ` (${lang})`;
      for (const title of ["Number", "Fields", "Table", "Computed"]) expect(text).toContain(`“${title}${suffix}”`);
      expect(text).not.toContain("“Remark");
      expect(text).not.toContain("“Rank");
    }
  });
});

describe("a question whose number of answers is withheld", () => {
  const hideBase = (s: Snapshot) => {
    const rank = s.questions.find((q) => q.name === "rank")!;
    rank.items[0]!.whole.base = null;
    return rank;
  };
  it("does not say its figures are withheld when some of its counts are published", async () => {
    const p = await page(
      snapshot((s) => {
        const rank = hideBase(s);
        expect(rank.items[0]!.whole.positions?.flat().some((c) => c !== null)).toBe(true);
      }),
      "en",
    );
    const note = p.sections.find((x) => x.id === "q-rank")!.note!;
    expect(note).toContain("How many answered this question is withheld");
    expect(note).toContain("CSV and JSON");
    expect(note).not.toContain("its figures are withheld");
  });

  it("says its figures are withheld when none of them is published", async () => {
    const p = await page(
      snapshot((s) => {
        const rank = hideBase(s);
        const t = rank.items[0]!.whole;
        t.cells = t.cells.map(() => ({ count: null, percent: null }));
        t.positions = t.positions?.map((row) => row.map(() => null));
        t.ranks = t.ranks?.map(() => null);
        for (const list of Object.values(rank.items[0]!.groups))
          for (const g of list) {
            g.base = null;
            g.cells = g.cells.map(() => ({ count: null, percent: null }));
            g.positions = g.positions?.map((row) => row.map(() => null));
          }
      }),
      "en",
    );
    expect(p.sections.find((x) => x.id === "q-rank")!.note).toContain("or its figures are withheld");
  });
});
