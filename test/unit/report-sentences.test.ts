// Sentences a report writes must be true of the figures beside them, in every language (issue 21, round 4;
// the methodologist's false sentences of rounds 2 and 3): "29 leaders answered · 0 organisations" on a wave
// whose answers name no organisation, and "answered this question in both Dec 2026 and Dec 2026" /
// "Change since Dec 2026" on a series whose two waves opened in the same month.
import { describe, expect, it } from "vitest";
import { resultFigures } from "~/results/figures";
import { reportPage } from "~/results/report-page.server";
import type { SeriesTrends, TrendWave } from "~/results/series";
import type { Snapshot } from "~/results/snapshot";
import { waveLabels } from "~/results/trend-view";
import { syntheticInput, type SyntheticRespondent } from "../../harness/synthetic-wave";

const LANGUAGES = ["en", "es", "fr", "pt"] as const;
const all = (en: string, es: string, fr: string, pt: string) => ({ default: en, es, fr, pt });
const definition = {
  title: all("Probe", "Sonda", "Sonde", "Sonda"),
  elements: [
    {
      type: "radiogroup",
      name: "offer",
      isRequired: true,
      title: all("Do you offer it?", "¿Lo ofrece?", "Le proposez-vous ?", "Oferece?"),
      choices: [
        { value: "yes", text: all("Yes", "Sí", "Oui", "Sim") },
        { value: "no", text: all("No", "No", "Non", "Não") },
      ],
    },
  ],
};
const respondents = Array.from({ length: 29 }, (_, i): SyntheticRespondent => ({
  region: i % 2 ? "North America" : "Europe & Central Asia",
  role: i % 3 ? "Dean" : "Provost",
  verified: true,
  data: { offer: i % 3 ? "yes" : "no" },
}));

function snapshot(headline: { organisations: number; countries: number }, series?: SeriesTrends): Snapshot {
  const input = syntheticInput(respondents, 5, true, definition);
  const { figures } = resultFigures({ ...input, headline: { ...headline, invited: 0 } });
  return {
    ...figures,
    wave: "probe-w2",
    title: "Probe",
    publishedAt: "2026-12-20T00:00:00Z",
    fieldwork: { opensAt: "2026-12-15T00:00:00Z", closesAt: "2026-12-19T00:00:00Z" },
    audience: "public",
    quotes: [],
    ...(series ? { series } : {}),
  };
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

describe("the figures at the top of a report", () => {
  it("say nothing of organisations or countries when the answers name none (not '0 organisations')", async () => {
    for (const lang of LANGUAGES) {
      const p = await page(snapshot({ organisations: 0, countries: 0 }), lang);
      expect(p.language).toBe(lang);
      expect(p.headline.figures.map((f) => f.value)).toEqual(["29"]);
    }
  });

  it("give the true counts when there are some", async () => {
    const words = { en: "organisations", es: "organizaciones", fr: "organisations", pt: "organizações" };
    for (const lang of LANGUAGES) {
      const p = await page(snapshot({ organisations: 12, countries: 3 }), lang);
      expect(p.headline.figures.map((f) => f.value)).toEqual(["29", "12", "3"]);
      expect(p.headline.figures[1]!.label).toBe(words[lang]);
    }
  });
});

const wave = (slug: string, title: string, opensAt: string): TrendWave => ({
  slug,
  title,
  opensAt,
  closesAt: null,
  publishedAt: opensAt,
  respondents: 29,
  segment: {},
});

describe("a series whose two waves opened in the same month", () => {
  const waves = [
    wave("probe-w1", "Probe, first", "2026-12-01T00:00:00Z"),
    wave("probe-w2", "Probe", "2026-12-15T00:00:00Z"),
  ];
  const cells = (yes: number, no: number) => [
    { count: yes, percent: (100 * yes) / (yes + no) },
    { count: no, percent: (100 * no) / (yes + no) },
  ];
  const series: SeriesTrends = {
    slug: "probe",
    name: "Probe series",
    waves,
    segmentsDiffer: false,
    questions: [
      {
        name: "offer",
        waves: ["probe-w1", "probe-w2"],
        brokenAt: null,
        reworded: [],
        items: [
          {
            row: null,
            whole: {
              points: [
                { base: 29, cells: cells(15, 14) },
                { base: 29, cells: cells(19, 10) },
              ],
              change: [
                { pp: 14, mark: null },
                { pp: -14, mark: null },
              ],
            },
            groups: {},
          },
        ],
        test: "overlap",
        same: {
          from: "probe-w1",
          to: "probe-w2",
          kind: "single",
          answeredBoth: 25,
          entries: [
            { from: "yes", to: "yes", count: 10 },
            { from: "yes", to: "no", count: 5 },
            { from: "no", to: "yes", count: 5 },
            { from: "no", to: "no", count: 5 },
          ],
          before: [
            { value: "yes", count: 15 },
            { value: "no", count: 10 },
          ],
          after: [
            { value: "yes", count: 15 },
            { value: "no", count: 10 },
          ],
        },
      },
    ],
  };

  it("names them apart wherever the page names a wave, in every language", async () => {
    for (const lang of LANGUAGES) {
      const labels = waveLabels(lang, waves);
      const [first, second] = [labels.get("probe-w1")!, labels.get("probe-w2")!];
      expect(first).not.toBe(second);
      expect(first).toMatch(/\b1\b/);
      expect(second).toMatch(/\b15\b/);
      const p = await page(snapshot({ organisations: 0, countries: 0 }, series), lang);
      const trend = p.sections.find((s) => s.id === "q-offer")!.trend!;
      expect(trend.columns.map((c) => c.label)).toEqual([first, second]);
      expect(trend.changeHeading).toContain(first);
      expect(trend.same!.intro).toContain(first);
      expect(trend.same!.intro).toContain(second);
    }
  });

  it("keeps the month alone when the months differ, and the title where two open the same day", () => {
    const apart = waveLabels("en", [wave("a", "A", "2025-12-01T00:00:00Z"), wave("b", "B", "2026-12-01T00:00:00Z")]);
    expect([...apart.values()]).toEqual(["Dec 2025", "Dec 2026"]);
    const sameDay = waveLabels("en", [
      wave("a", "Spring", "2026-12-01T00:00:00Z"),
      wave("b", "Autumn", "2026-12-01T09:00:00Z"),
    ]);
    expect([...sameDay.values()]).toEqual(["Spring (Dec 1, 2026)", "Autumn (Dec 1, 2026)"]);
  });
});
