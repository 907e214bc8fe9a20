import { json, sql } from "~/db.server";
import type { Rejected, Mapping } from "~/lib/panel";

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

/** Stores an uploaded file until its columns are mapped. */
export async function insertImport(
  panelId: number,
  adminId: number | null,
  fileName: string,
  content: string,
): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    insert into panelist_imports (panel_id, admin_id, file_name, content)
    values (${panelId}, ${adminId}, ${fileName}, ${content}) returning id`;
  return row?.id as number;
}

export async function getImport(panelId: number, id: number): Promise<PanelistImport | undefined> {
  const [row] = await sql<PanelistImport[]>`
    select id, panel_id, file_name, content, mapping, created_count, updated_count, rejected_count, rejected, finished_at
    from panelist_imports where panel_id = ${panelId} and id = ${id}`;
  return row;
}

/** Records how an import went: its mapping, the counts and the rejected rows; the upload keeps only its header line. */
export async function finishImport(
  id: number,
  mapping: Mapping,
  created: number,
  updated: number,
  rejected: Rejected[],
  headerOnly: string,
): Promise<void> {
  await sql`
    update panelist_imports set content = ${headerOnly}, mapping = ${json(sql, mapping)}, created_count = ${created},
      updated_count = ${updated}, rejected_count = ${rejected.length}, rejected = ${json(sql, rejected)},
      finished_at = now()
    where id = ${id}`;
}

/** A panel's stored uploads whose text or rejected rows contain any of these strings (case-insensitive). */
export async function importsMentioning(
  panelId: number,
  needles: string[],
): Promise<{ id: number; content: string; rejected: Rejected[] | null }[]> {
  if (needles.length === 0) return [];
  const patterns = needles.map((n) => `%${n.replace(/[\\%_]/g, (c) => "\\" + c)}%`);
  return sql<{ id: number; content: string; rejected: Rejected[] | null }[]>`
    select id, content, rejected from panelist_imports
    where panel_id = ${panelId} and (content ilike any(${patterns}) or rejected::text ilike any(${patterns}))`;
}

/** Replaces a stored upload's text and rejected rows (erasure). */
export async function rewriteImport(id: number, content: string, rejected: Rejected[] | null): Promise<void> {
  await sql`update panelist_imports set content = ${content}, rejected = ${rejected === null ? null : json(sql, rejected)}
    where id = ${id}`;
}
