import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";
import { regionOf, type Region } from "./regions";

countries.registerLocale(en);

const displayNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });

/** Every ISO 3166-1 alpha-2 code, from the i18n-iso-countries list. */
export function countryCodes(): string[] {
  return Object.keys(countries.getAlpha2Codes());
}

/** The English short name of a country code ("CL" → "Chile"). */
export function countryName(code: string): string {
  return displayNames.of(code.toUpperCase()) ?? code;
}

/** Resolves a code ("cl", "CHL") or an English name ("Chile") to an alpha-2 code. */
export function toCountryCode(input: string): string | undefined {
  const value = input.trim();
  if (!value) return undefined;
  if (/^[a-z]{2}$/i.test(value) && countries.isValid(value.toUpperCase())) return value.toUpperCase();
  if (/^[a-z]{3}$/i.test(value)) {
    const code = countries.alpha3ToAlpha2(value.toUpperCase());
    if (code) return code;
  }
  return countries.getAlpha2Code(value, "en") ?? undefined;
}

export interface Country {
  code: string;
  name: string;
  region: Region;
}

/** All countries with names and regions, sorted by name. */
export function countryList(): Country[] {
  return countryCodes()
    .map((code) => ({ code, name: countryName(code), region: regionOf(code) as Region }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
}

/**
 * Countries for a picker: those with members first, largest first (then by name), each with its
 * count; then every other country by name, with 0.
 */
export function countriesBySize(counts: Record<string, number>): { code: string; name: string; count: number }[] {
  return countryList()
    .map((c) => ({ code: c.code, name: c.name, count: counts[c.code] ?? 0 }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "en"));
}
