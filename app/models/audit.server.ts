import type postgres from "postgres";
import { sql as db, json } from "~/db.server";

export interface Actor {
  label: string;
  adminId?: number;
  apiKeyId?: number;
}

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  changes: Record<string, unknown>;
  subject: string | null;
}

/** Records an admin write; pass the transaction so the entry lands with the change or not at all. */
export async function audit(
  actor: Actor,
  action: string,
  entity: string,
  entityId: string | number | null,
  changes: Record<string, unknown> = {},
  sql: postgres.Sql | postgres.TransactionSql = db,
): Promise<void> {
  await sql`
    insert into audit_log (actor, admin_id, api_key_id, action, entity, entity_id, changes)
    values (${actor.label}, ${actor.adminId ?? null}, ${actor.apiKeyId ?? null}, ${action}, ${entity},
      ${entityId === null ? null : String(entityId)}, ${json(sql, changes)})`;
}

/**
 * The audit log, newest first. With `panelIds` only entries about those panels (their panelists,
 * waves and quotes); an entry that names no panel (API keys, a panel since deleted) is then left out.
 */
export async function listAudit(
  page: number,
  perPage = 50,
  panelIds: number[] | null = null,
): Promise<{ entries: AuditEntry[]; total: number }> {
  const within =
    panelIds === null
      ? db`true`
      : db`(case a.entity
          when 'panel' then (select x.id from panels x where x.id::text = a.entity_id)
          when 'panelist' then (select p.panel_id from panelists p where p.id::text = a.entity_id)
          when 'panelists' then (select x.id from panels x where x.id::text = a.changes->>'panelId')
          when 'wave' then (select w.panel_id from waves w where w.id::text = a.entity_id)
          when 'series' then (select s.panel_id from series s where s.id::text = a.entity_id)
          when 'quote' then (select w.panel_id from quotes q join waves w on w.id = q.wave_id where q.id::text = a.entity_id)
        end) = any(${panelIds}::bigint[])`;
  // The entry names a wave, panel or person by id; their title or name is read now (erased people have none).
  const entries = await db<AuditEntry[]>`
    select a.id, a.at, a.actor, a.action, a.entity, a.entity_id, a.changes,
      case a.entity
        when 'wave' then (select w.title from waves w where w.id::text = a.entity_id)
        when 'series' then (select s.name from series s where s.id::text = a.entity_id)
        when 'panel' then (select x.name from panels x where x.id::text = a.entity_id)
        when 'panelist' then (select coalesce(p.name, p.email) from panelists p where p.id::text = a.entity_id and p.status <> 'erased')
      end as subject
    from audit_log a
    where ${within}
    order by a.at desc, a.id desc limit ${perPage} offset ${(page - 1) * perPage}`;
  const [count] = await db<{ n: number }[]>`select count(*) as n from audit_log a where ${within}`;
  return { entries, total: count?.n ?? 0 };
}
