import type { ParsedCsv } from "./csv-parse.server";
import { IMPORT_FIELDS, type ImportField, type Mapping } from "./import-fields";
import { profileSchema, type Profile } from "./profile";

const SYNONYMS: Record<ImportField, string[]> = {
  email: ["email", "e-mail", "email address", "mail"],
  name: ["name", "full name", "fullname", "contact", "person"],
  jobTitle: ["job title", "jobtitle", "title", "position"],
  roleCategory: ["role category", "rolecategory", "role"],
  organisation: ["organisation", "organization", "institution", "company", "employer", "org"],
  organisationType: [
    "organisation type",
    "organization type",
    "organisationtype",
    "organizationtype",
    "institution type",
    "type",
  ],
  country: ["country", "country code", "nation"],
  language: ["language", "preferred language", "lang", "locale"],
};

const norm = (s: string) => s.trim().toLowerCase().replace(/[_-]+/g, " ").replace(/\s+/g, " ");

/** Matches columns to fields from their headers; unmatched columns are left out. */
export function guessMapping(headers: string[]): Mapping {
  const mapping = { attributes: [] } as unknown as Mapping;
  const used = new Set<number>();
  for (const field of IMPORT_FIELDS) {
    const index = headers.findIndex((h, i) => !used.has(i) && SYNONYMS[field].some((s) => norm(s) === norm(h)));
    mapping[field] = index >= 0 ? index : null;
    if (index >= 0) used.add(index);
  }
  return mapping;
}

export interface Rejected {
  line: number;
  reasons: string[];
  cells: string[];
}

/**
 * Turns parsed rows into valid profiles and rejected rows (with their line and reasons): invalid
 * email, unknown country, a field missing, or an email already seen earlier in the file.
 */
export function validateRows(csv: ParsedCsv, mapping: Mapping): { profiles: Profile[]; rejected: Rejected[] } {
  const profiles: Profile[] = [];
  const rejected: Rejected[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of csv.rows) {
    const pick = (i: number | null) => (i === null || i === undefined ? undefined : (cells[i] ?? "").trim());
    const attributes: Record<string, string> = {};
    for (const i of mapping.attributes) {
      const key = csv.headers[i];
      if (key && cells[i]?.trim()) attributes[key] = cells[i].trim();
    }
    const result = profileSchema.safeParse({
      email: pick(mapping.email) ?? "",
      name: pick(mapping.name) ?? "",
      jobTitle: pick(mapping.jobTitle),
      roleCategory: pick(mapping.roleCategory),
      organisation: pick(mapping.organisation),
      organisationType: pick(mapping.organisationType),
      country: pick(mapping.country) ?? "",
      language: pick(mapping.language),
      attributes,
    });
    if (!result.success) {
      rejected.push({ line, reasons: result.error.issues.map((i) => i.message), cells });
      continue;
    }
    const key = result.data.email.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      rejected.push({
        line,
        reasons: [`Email ${result.data.email} appears earlier in the file (line ${first}).`],
        cells,
      });
      continue;
    }
    seen.set(key, line);
    profiles.push(result.data);
  }
  return { profiles, rejected };
}

/**
 * What the import button says, true of the file: the rows that will be stored when the preview
 * covered every row, otherwise how many rows will be checked and how many of the first already fail.
 */
export function importButtonLabel(rows: number, previewed: number, rejectedInPreview: number): string {
  const n = (x: number) => x.toLocaleString("en");
  const rowsOf = (x: number) => `${n(x)} ${x === 1 ? "row" : "rows"}`;
  if (previewed >= rows) {
    if (rejectedInPreview === 0) return `Import ${rowsOf(rows)}`;
    return `Import ${n(rows - rejectedInPreview)} of ${rowsOf(rows)} (${n(rejectedInPreview)} rejected with this mapping)`;
  }
  const failing = rejectedInPreview ? `; at least ${n(rejectedInPreview)} will be rejected with this mapping` : "";
  return `Check and import ${rowsOf(rows)}${failing}`;
}
