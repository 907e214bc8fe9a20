import { countryName, ROLE_CATEGORIES } from "~/lib/panel";

/** The profile a quote's author had when they answered. */
export interface QuoteAuthor {
  country: string | null;
  region: string | null;
  roleCategory: string | null;
}

/** How many verified respondents of the wave share each combination of attributes a signature may use. */
export type GroupSize = (attributes: Partial<QuoteAuthor>) => number;

export interface Signature {
  attribution: string;
  /** What the signature names, so a page can write it in its reader's language. */
  by: { role: string | null; country: string | null; region: string | null };
  /** Why the signature is shorter than the wave's style asks for, when it is. */
  shortened: string | null;
}

const roleLabel = (role: string) => ROLE_CATEGORIES[role as keyof typeof ROLE_CATEGORIES] ?? "Respondent";

/**
 * Signs a quote with the most its author's group allows: every attribute in the signature together
 * must describe at least k verified respondents of the wave (a role in a country can be one person
 * even when each alone is many), so a country gives way to its region, then the role to nothing.
 */
export function signQuote(style: "respondent" | "role", author: QuoteAuthor, sizeOf: GroupSize, k: number): Signature {
  const role = style === "role" ? author.roleCategory : null;
  const candidates: Partial<QuoteAuthor>[] = [
    { roleCategory: role, country: author.country },
    { roleCategory: role, region: author.region },
    { country: author.country },
    { region: author.region },
    { roleCategory: role },
    {},
  ].filter((c, i, all) => {
    const defined = Object.values(c).every((v) => v !== null && v !== undefined);
    const seen = all.slice(0, i).some((d) => JSON.stringify(d) === JSON.stringify(c));
    return defined && !seen;
  });
  const wanted = candidates[0] ?? {};
  const chosen = candidates.find((c) => Object.keys(c).length === 0 || sizeOf(c) >= k) ?? {};
  const who = chosen.roleCategory ? roleLabel(chosen.roleCategory) : "Respondent";
  const place = chosen.country ? countryName(chosen.country) : (chosen.region ?? null);
  const attribution = `(${place ? `${who}, ${place}` : who})`;
  const by = {
    role: chosen.roleCategory ?? null,
    country: chosen.country ?? null,
    region: chosen.country ? null : (chosen.region ?? null),
  };
  if (JSON.stringify(chosen) === JSON.stringify(wanted)) return { attribution, by, shortened: null };
  const wantedLabel = [
    wanted.roleCategory ? roleLabel(wanted.roleCategory) : null,
    wanted.country ? countryName(wanted.country) : wanted.region,
  ]
    .filter(Boolean)
    .join(" in ");
  return {
    attribution,
    by,
    shortened: `Fewer than ${k} respondents are ${wantedLabel || "in that group"}, so the quote is signed ${attribution} instead.`,
  };
}
