/**
 * The languages Quorum speaks: its own sentences come from message catalogues in these (Arabic with
 * English for what is not translated yet), questionnaires carry their own translations, and
 * survey-core has its own strings in all of them. Codes are ISO 639-1.
 */
export const LANGUAGES = {
  en: { name: "English", native: "English", dir: "ltr" },
  es: { name: "Spanish", native: "Español", dir: "ltr" },
  fr: { name: "French", native: "Français", dir: "ltr" },
  pt: { name: "Portuguese", native: "Português", dir: "ltr" },
  ar: { name: "Arabic", native: "العربية", dir: "rtl" },
} as const;

export type Language = keyof typeof LANGUAGES;
export const LANGUAGE_CODES = Object.keys(LANGUAGES) as Language[];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && value in LANGUAGES;
}

/** A code from a code or a name, in English or in the language itself ("es", "Spanish", "Español"). */
export function toLanguage(input: string | null | undefined): Language | undefined {
  const value = (input ?? "").trim().toLowerCase();
  if (!value) return undefined;
  for (const [code, l] of Object.entries(LANGUAGES)) {
    if (code === value || l.name.toLowerCase() === value || l.native.toLowerCase() === value) return code as Language;
  }
  // "es-MX", "pt_BR": the language part.
  const base = value.split(/[-_]/)[0];
  return isLanguage(base) ? base : undefined;
}

/**
 * The language to use: the first wanted one the questionnaire has, else its own default. `wanted`
 * is in order of preference (asked for on the page, remembered with the response, the person's,
 * the panel's).
 */
export function chooseLanguage(
  available: readonly string[],
  wanted: (string | null | undefined)[],
  fallback: string,
): string {
  for (const w of wanted) if (w && available.includes(w)) return w;
  return fallback;
}

export function directionOf(language: string): "ltr" | "rtl" {
  return isLanguage(language) ? LANGUAGES[language].dir : "ltr";
}
