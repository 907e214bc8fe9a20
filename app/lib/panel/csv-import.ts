import { parse, type Options } from "csv-parse/sync";
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

export interface ParsedCsv {
  headers: string[];
  rows: { line: number; cells: string[] }[];
}

/**
 * The most columns a panel import reads: its eight fields and custom attributes, with room to spare.
 * A wider file is refused before it is parsed (a 100,000-column file once took 22 s and 650 MB).
 */
export const MAX_IMPORT_COLUMNS = 200;

/** A CSV file wider than MAX_IMPORT_COLUMNS; its message is the sentence to show. */
export class CsvTooWide extends Error {
  constructor(columns: number, line: number) {
    super(
      `This file has ${columns > MAX_IMPORT_COLUMNS * 10 ? `more than ${MAX_IMPORT_COLUMNS * 10}` : columns} columns${line > 1 ? ` on line ${line}` : ""}; a panel import reads at most ${MAX_IMPORT_COLUMNS} (email, name, job title, role, organisation and its type, country, language and your own attributes). Keep the columns you need and upload it again.`,
    );
  }
}

/** Parses CSV text (comma, semicolon or tab; UTF-8 with or without BOM), keeping each record's line number. */
export function parseCsv(text: string): ParsedCsv {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [",", ";", "\t"].sort((a, b) => count(firstLine, b) - count(firstLine, a))[0] as string;
  // The header line tells the width before anything is parsed; any later record that is wider stops the parse.
  const width = count(firstLine, delimiter) + 1;
  if (width > MAX_IMPORT_COLUMNS) throw new CsvTooWide(width, 1);
  const records = parse(text, {
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    on_record: (record: string[], context: { lines: number }) => {
      const cells = Array.isArray(record) ? record : (record as { record: string[] }).record;
      if (cells.length > MAX_IMPORT_COLUMNS) throw new CsvTooWide(cells.length, context.lines);
      return record;
    },
  } as Options) as unknown as { record: string[]; info: { lines: number } }[];
  const [head, ...body] = records;
  return {
    headers: (head?.record ?? []).map((h) => h.trim()),
    rows: body.map((r) => ({ line: r.info.lines, cells: r.record })),
  };
}

/** How many times `what` occurs in `text`, counted up to a bound (past it the file is refused anyway). */
function count(text: string, what: string): number {
  let n = 0;
  for (let i = text.indexOf(what); i >= 0 && n <= MAX_IMPORT_COLUMNS * 10; i = text.indexOf(what, i + 1)) n += 1;
  return n;
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
