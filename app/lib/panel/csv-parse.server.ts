// Reading a CSV file: csv-parse needs Node's Buffer, so this file is server-only (".server"): the import
// page's component takes other things from ~/lib/panel, and the browser must not load csv-parse with them.
import { parse, type Options } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

export interface ParsedCsv {
  headers: string[];
  rows: { line: number; cells: string[] }[];
}

/**
 * The most columns a panel import reads: its eight fields and custom attributes, with room to spare.
 * A wider file is refused before it is parsed (a 100,000-column file once took 22 s and 650 MB).
 */
const MAX_IMPORT_COLUMNS = 200;

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

/** Whether a row names a person: a cell holds one of their addresses, or is one of their names. */
export function cellsName(cells: string[], addresses: string[], names: string[]): boolean {
  const lowNames = names.map((n) => n.trim().toLowerCase());
  return cells.some((cell) => {
    const c = cell.trim().toLowerCase();
    return addresses.some((a) => c.includes(a.toLowerCase())) || lowNames.includes(c);
  });
}

/**
 * A stored upload without the records that name a person (erasure), written again as CSV with the same
 * header line; undefined when no record names them.
 */
export function csvWithoutPerson(text: string, addresses: string[], names: string[]): string | undefined {
  const csv = parseCsv(text);
  const kept = csv.rows.filter((r) => !cellsName(r.cells, addresses, names));
  if (kept.length === csv.rows.length) return undefined;
  return stringify([csv.headers, ...kept.map((r) => r.cells)], { record_delimiter: "\r\n" });
}

/** An upload reduced to its header line: what an import keeps once it has run (the rejected rows are kept apart). */
export function csvHeaderOnly(text: string): string {
  return stringify([parseCsv(text).headers], { record_delimiter: "\r\n" });
}
