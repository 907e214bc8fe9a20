import i18next from "i18next";
import { ar } from "./ar";
import { en, type Catalogue } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { pt } from "./pt";

/**
 * Quorum's own sentences in the panelist's language (i18next, one instance, catalogues bundled):
 * English is the reference and the fallback for any key a catalogue lacks. The respondent page's
 * script gets only the few strings it needs from the server, so i18next never ships to browsers.
 */
const instance = i18next.createInstance();
void instance.init({
  resources: {
    en: { translation: en },
    es: { translation: es },
    fr: { translation: fr },
    pt: { translation: pt },
    ar: { translation: ar },
  },
  fallbackLng: "en",
  interpolation: { escapeValue: false }, // React and the email renderer escape what they output
  initAsync: false,
  returnNull: false,
});

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The translator for a language (English for one without a catalogue). */
export function translator(language: string): Translate {
  const t = instance.getFixedT(language) as unknown as (key: string, values?: object) => string;
  return (key, values) => t(key, values);
}

const sections = new Map<string, object>();

/**
 * One section of the catalogue in a language, every key filled (English where untranslated), for the
 * browser. Worked out once per language and section (the catalogues never change while running):
 * translating every key on each respondent request was a tenth of the app's time under load.
 */
export function strings<S extends keyof Catalogue>(language: string, section: S): Readonly<Catalogue[S]> {
  const key = `${language}\u0000${section}`;
  let found = sections.get(key);
  if (!found) {
    const t = translator(language);
    found = Object.freeze(Object.fromEntries(Object.keys(en[section]).map((k) => [k, t(`${section}.${k}`)])));
    sections.set(key, found);
  }
  return found as Catalogue[S];
}

const CATALOGUES: Record<string, Partial<Catalogue>> = { en, es, fr, pt, ar: ar as Partial<Catalogue> };

/** A catalogue's sentences as written, placeholders and all (email templates an admin starts from). */
export function catalogue(language: string): Catalogue {
  return merge(en, CATALOGUES[language] ?? {}) as Catalogue;
}

function merge(base: object, over: object): object {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = (base as Record<string, unknown>)[k];
    out[k] = v && typeof v === "object" && b && typeof b === "object" ? merge(b, v) : v;
  }
  return out;
}

type Tree = { [key: string]: string | Tree };
const leafKeys = (tree: Tree, prefix = ""): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : leafKeys(v, `${prefix}${k}.`)));

/** Whether our catalogue for a language has every sentence English has in these sections (English always does). */
export function catalogueComplete(language: string, sections: (keyof Catalogue)[]): boolean {
  const own = CATALOGUES[language] as unknown as Tree | undefined;
  if (!own) return false;
  const have = new Set(leafKeys(own));
  return sections.every((s) => leafKeys(en[s] as unknown as Tree, `${s}.`).every((k) => have.has(k)));
}

/** A long date ("1 December 2026", "1 de diciembre de 2026") in a language. */
export function dateIn(language: string, date: Date | string): string {
  // English as the rest of Quorum writes it: "1 December 2026".
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : language, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(date));
}

export type { Catalogue };
