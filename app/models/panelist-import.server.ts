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

/** Records how an import went: its mapping, the counts and the rejected rows. */
export async function finishImport(
  id: number,
  mapping: Mapping,
  created: number,
  updated: number,
  rejected: Rejected[],
): Promise<void> {
  await sql`
    update panelist_imports set mapping = ${json(sql, mapping)}, created_count = ${created},
      updated_count = ${updated}, rejected_count = ${rejected.length}, rejected = ${json(sql, rejected)},
      finished_at = now()
    where id = ${id}`;
}
