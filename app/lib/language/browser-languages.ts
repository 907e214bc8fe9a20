import Negotiator from "negotiator";

/**
 * The languages a browser asks for (its Accept-Language header), most wanted first, as two-letter
 * codes: "es-MX,es;q=0.9,en;q=0.5" gives ["es", "en"]. Nothing for a missing or unreadable header.
 */
export function browserLanguages(acceptLanguage: string | null | undefined): string[] {
  if (!acceptLanguage || acceptLanguage.length > 1000) return [];
  const ranked = new Negotiator({ headers: { "accept-language": acceptLanguage } }).languages();
  const codes = ranked.map((tag) => tag.toLowerCase().split(/[-_]/)[0] ?? "").filter((code) => /^[a-z]{2}$/.test(code));
  return [...new Set(codes)];
}
