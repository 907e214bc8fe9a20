import { sql } from "~/db.server";
import { guessMapping, parseCsv, validateRows, type Rejected } from "~/lib/csv-import";
import type { Mapping } from "~/lib/import-fields";
import type { Actor } from "./audit.server";
import { bulkUpsertPanelists } from "./panelist.server";

export interface PanelistImport {
  id: number;
  panelId: number;
  fileName: string;
  content: string;
  mapping: Mapping | null;
  createdCount: number | null;
  updatedCount: number | null;
  rejectedCount: number | null;
  rejected: Rejected[] | null;
  finishedAt: Date | null;
}

/** Stores an uploaded file for mapping; a sentence instead when it is not usable CSV. */
export async function createImport(panelId: number, adminId: number | null, fileName: string, content: string): Promise<{ ok: true; id: number } | { ok: false; error: string }> {
  let csv;
  try {
    csv = parseCsv(content);
  } catch (error) {
    return { ok: false, error: `This file could not be read as CSV: ${(error as Error).message}` };
  }
  if (csv.headers.length === 0 || csv.rows.length === 0) return { ok: false, error: "The file has no rows under its header line." };
  const [row] = await sql<{ id: number }[]>`
    insert into panelist_imports (panel_id, admin_id, file_name, content)
    values (${panelId}, ${adminId}, ${fileName}, ${content}) returning id`;
  return { ok: true, id: row?.id as number };
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

export async function getImport(panelId: number, id: number): Promise<PanelistImport | undefined> {
  const [row] = await sql<PanelistImport[]>`
    select id, panel_id, file_name, content, mapping, created_count, updated_count, rejected_count, rejected, finished_at
    from panelist_imports where panel_id = ${panelId} and id = ${id}`;
  return row;
}

/** Validates every row with the mapping, upserts the good ones and keeps the rejected ones; runs once. */
export async function runImport(imp: PanelistImport, mapping: Mapping, actor: Actor) {
  if (imp.finishedAt) return;
  const { profiles, rejected } = validateRows(parseCsv(imp.content), mapping);
  const { created, updated } = await bulkUpsertPanelists(imp.panelId, profiles, actor, "import");
  await sql`
    update panelist_imports set mapping = ${sql.json(mapping as never)}, created_count = ${created},
      updated_count = ${updated}, rejected_count = ${rejected.length}, rejected = ${sql.json(rejected as never)},
      finished_at = now()
    where id = ${imp.id}`;
}
