import { sql } from "~/db.server";
import type { Segment } from "~/lib/panel";

/** The SQL condition for the active panelists of a panel that a segment reaches (alias p). */
export function segmentWhere(panelId: number, s: Segment) {
  const attrs = Object.entries(s.attributes).filter(([, v]) => v.length > 0);
  return sql`p.panel_id = ${panelId} and p.status = 'active'
    ${s.region.length ? sql`and p.region = any(${s.region})` : sql``}
    ${s.country.length ? sql`and p.country = any(${s.country})` : sql``}
    ${s.organisationType.length ? sql`and p.organisation_type = any(${s.organisationType})` : sql``}
    ${s.roleCategory.length ? sql`and p.role_category = any(${s.roleCategory})` : sql``}
    ${attrs.reduce((acc, [key, values]) => sql`${acc} and p.attributes ->> ${key} = any(${values})`, sql``)}`;
}

/** How many active panelists a segment reaches now. */
export async function countSegment(panelId: number, s: Segment): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*) as n from panelists p where ${segmentWhere(panelId, s)}`;
  return row?.n ?? 0;
}
