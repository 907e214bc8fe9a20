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

export async function listAudit(page: number, perPage = 50): Promise<{ entries: AuditEntry[]; total: number }> {
  const entries = await db<AuditEntry[]>`
    select id, at, actor, action, entity, entity_id, changes from audit_log
    order by at desc, id desc limit ${perPage} offset ${(page - 1) * perPage}`;
  const [count] = await db<{ n: number }[]>`select count(*) as n from audit_log`;
  return { entries, total: count?.n ?? 0 };
}
