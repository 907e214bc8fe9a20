import {
  cellsName,
  CsvTooWide,
  csvHeaderOnly,
  csvWithoutPerson,
  guessMapping,
  parseCsv,
  validateRows,
  type Mapping,
} from "~/lib/panel";
import type { Actor } from "~/models/audit.server";
import {
  finishImport,
  importsMentioning,
  insertImport,
  rewriteImport,
  type PanelistImport,
} from "~/models/panelist-import.server";
import { bulkUpsertPanelists } from "~/models/panelist.server";

/** Stores an uploaded file for mapping; a sentence instead when it is not usable CSV. */
export async function createImport(
  panelId: number,
  adminId: number | null,
  fileName: string,
  content: string,
): Promise<{ ok: true; id: number } | { ok: false; error: string }> {
  let csv;
  try {
    csv = parseCsv(content);
  } catch (error) {
    if (error instanceof CsvTooWide) return { ok: false, error: error.message };
    return { ok: false, error: `This file could not be read as CSV: ${(error as Error).message}` };
  }
  if (csv.headers.length === 0 || csv.rows.length === 0)
    return { ok: false, error: "The file has no rows under its header line." };
  return { ok: true, id: await insertImport(panelId, adminId, fileName, content) };
}

/** What the mapping step shows: headers, a guessed mapping, the first rows and how they would fare. */
export function previewImport(imp: PanelistImport) {
  const csv = parseCsv(imp.content);
  const mapping = guessMapping(csv.headers);
  const sample = csv.rows.slice(0, 5);
  const preview = validateRows({ headers: csv.headers, rows: sample }, mapping);
  return {
    headers: csv.headers,
    rows: csv.rows.length,
    mapping,
    sample,
    previewRejected: preview.rejected.map((r) => ({ line: r.line, reasons: r.reasons })),
  };
}

/** The header line of an import's file. */
export function importHeaders(imp: PanelistImport): string[] {
  return parseCsv(imp.content).headers;
}

/** Validates every row with the mapping, upserts the good ones and keeps the rejected ones; runs once. */
export async function runImport(imp: PanelistImport, mapping: Mapping, actor: Actor) {
  if (imp.finishedAt) return;
  const { profiles, rejected } = validateRows(parseCsv(imp.content), mapping);
  const { created, updated } = await bulkUpsertPanelists(imp.panelId, profiles, actor, "import");
  await finishImport(imp.id, mapping, created, updated, rejected, csvHeaderOnly(imp.content));
}

/** Erasure: a panel's stored uploads and rejected rows lose every record that names the person. */
export async function eraseFromImports(panelId: number, addresses: string[], names: string[]): Promise<number> {
  const found = await importsMentioning(panelId, [...addresses, ...names]);
  let changed = 0;
  for (const imp of found) {
    const content = csvWithoutPerson(imp.content, addresses, names) ?? imp.content;
    const rejected = imp.rejected?.filter((r) => !cellsName(r.cells, addresses, names)) ?? null;
    if (content === imp.content && rejected?.length === imp.rejected?.length) continue;
    await rewriteImport(imp.id, content, rejected);
    changed += 1;
  }
  return changed;
}
