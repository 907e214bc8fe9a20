import { z } from "zod";
import { toCountryCode } from "./countries";
import { ORGANISATION_TYPES, ROLE_CATEGORIES } from "./profile-options";
import { isRegion } from "./regions";

const list = (check: (v: string) => string | undefined, what: string) =>
  z
    .array(z.string())
    .max(300)
    .optional()
    .default([])
    .transform((values, ctx) => {
      const out: string[] = [];
      for (const v of values) {
        const ok = check(v);
        if (ok === undefined) ctx.addIssue({ code: "custom", message: `"${v}" is not a known ${what}.` });
        else if (!out.includes(ok)) out.push(ok);
      }
      return out;
    });

const codeOf = (options: Record<string, string>) => (v: string) => {
  const value = v.trim().toLowerCase();
  return Object.entries(options).find(([code, label]) => code === value || label.toLowerCase() === value)?.[0];
};

/** Who a wave reaches: each list narrows (empty = anyone); only active panelists are ever targeted. */
export const segmentSchema = z.object({
  region: list((v) => (isRegion(v) ? v : undefined), "region"),
  country: list((v) => toCountryCode(v), "country"),
  organisationType: list(codeOf(ORGANISATION_TYPES), "organisation type"),
  roleCategory: list(codeOf(ROLE_CATEGORIES), "role category"),
  attributes: z
    .record(z.array(z.string().max(500)).max(300))
    .optional()
    .default({}),
});

export type Segment = z.output<typeof segmentSchema>;

export const EMPTY_SEGMENT: Segment = {
  region: [],
  country: [],
  organisationType: [],
  roleCategory: [],
  attributes: {},
};

/** Parses `region=North America,South Asia;country=CL` (the CLI's --segment). */
export function parseSegmentText(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of text
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, values = ""] = part.split("=", 2) as [string, string?];
    out[key.trim()] = values
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);
  }
  return out;
}

/** A sentence describing a segment ("active panelists in North America, South Asia"). */
export function describeSegment(s: Segment): string {
  const parts: string[] = [];
  if (s.region.length) parts.push(`in ${s.region.join(", ")}`);
  if (s.country.length) parts.push(`from ${s.country.join(", ")}`);
  if (s.organisationType.length)
    parts.push(
      `at ${s.organisationType.map((c) => ORGANISATION_TYPES[c as keyof typeof ORGANISATION_TYPES] ?? c).join(", ")}`,
    );
  if (s.roleCategory.length)
    parts.push(
      `who are ${s.roleCategory.map((c) => ROLE_CATEGORIES[c as keyof typeof ROLE_CATEGORIES] ?? c).join(", ")}`,
    );
  for (const [k, v] of Object.entries(s.attributes)) if (v.length) parts.push(`with ${k} ${v.join(" or ")}`);
  return parts.length ? `active panelists ${parts.join("; ")}` : "every active panelist";
}
