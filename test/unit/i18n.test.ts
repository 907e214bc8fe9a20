import { describe, expect, it } from "vitest";
import { ar } from "~/i18n/ar";
import { en } from "~/i18n/en";
import { es } from "~/i18n/es";
import { fr } from "~/i18n/fr";
import { pt } from "~/i18n/pt";
import { catalogue, dateIn, translator } from "~/i18n";
import { browserLanguages, chooseLanguage, toLanguage } from "~/lib/language";

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ""): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("the message catalogues", () => {
  const reference = new Map(leaves(en as unknown as Tree));

  it.each([
    ["es", es],
    ["fr", fr],
    ["pt", pt],
  ] as const)("%s has every sentence, with the same placeholders and no English left behind", (code, cat) => {
    const mine = new Map(leaves(cat as unknown as Tree));
    expect([...reference.keys()].filter((k) => !mine.has(k))).toEqual([]);
    for (const [key, text] of reference) {
      expect(placeholders(mine.get(key) as string), `${code} ${key}`).toEqual(placeholders(text));
      // Long sentences are translated, not copied (short ones such as "No" may be the same word).
      if (text.length > 25) expect(mine.get(key), `${code} ${key}`).not.toBe(text);
    }
  });

  it("has Arabic for the respondent page, English for the rest", () => {
    expect(translator("ar")("page.thanks")).toBe("شكرًا");
    expect(translator("ar")("results.methodology")).toBe("Methodology");
    expect(catalogue("ar").page.loading).toBe("جارٍ تحميل الاستبيان…");
    expect(Object.keys(ar.page ?? {}).length).toBeGreaterThan(5);
  });

  it("writes dates and picks languages as a reader expects", () => {
    expect(dateIn("en", "2026-12-01")).toBe("1 December 2026");
    expect(dateIn("es", "2026-12-01")).toBe("1 de diciembre de 2026");
    expect(dateIn("fr", "2026-12-01")).toBe("1 décembre 2026");
    expect(toLanguage("Español")).toBe("es");
    expect(toLanguage("pt-BR")).toBe("pt");
    expect(toLanguage("Klingon")).toBeUndefined();
    // The page asked for first, then the one remembered, the person's, the panel's; the questionnaire's own last.
    expect(chooseLanguage(["en", "es"], [null, "fr", "es", "en"], "en")).toBe("es");
    expect(chooseLanguage(["en", "es"], ["pt", null, null, "pt"], "en")).toBe("en");
  });

  it("reads the languages a browser asks for, most wanted first", () => {
    expect(browserLanguages("es-MX,es;q=0.9,en;q=0.5")).toEqual(["es", "en"]);
    expect(browserLanguages("en;q=0.2, fr-CA;q=0.8, *;q=0.1")).toEqual(["fr", "en"]);
    expect(browserLanguages("pt_BR")).toEqual(["pt"]);
    expect(browserLanguages("de;q=0")).toEqual([]);
    expect(browserLanguages(undefined)).toEqual([]);
    expect(browserLanguages(";;;,,,q=x")).toEqual([]);
    expect(browserLanguages("a".repeat(2000))).toEqual([]);
  });
});
