import { randomBytes } from "node:crypto";
import { sql } from "~/db.server";
import type { Role } from "~/lib/web";
import { hashToken } from "~/lib/security";
import { audit, type Actor } from "./audit.server";

export interface ApiKey {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** The one panel this key may touch; null: every panel. */
  panelId: number | null;
  panelSlug: string | null;
}

// A function, not a constant: the client connects on first use, which must not be when this module loads.
const keyColumns = () => sql`
  k.id, k.name, k.role, k.prefix, k.created_at, k.last_used_at, k.revoked_at, k.panel_id,
  (select p.slug from panels p where p.id = k.panel_id) as panel_slug`;

/**
 * Creates an API key, for every panel or (with `panelId`) for one; the key itself is returned once
 * and only its hash is kept. An owner key owns every panel.
 */
export async function createApiKey(
  name: string,
  role: Role,
  actor: Actor,
  panelId: number | null = null,
): Promise<{ key: string; apiKey: ApiKey }> {
  if (role === "owner" && panelId !== null) throw new Error("An owner key owns every panel: give no panel.");
  const key = `qk_${randomBytes(32).toString("base64url")}`;
  const apiKey = await sql.begin(async (tx) => {
    const [inserted] = await tx<{ id: number }[]>`
      insert into api_keys (name, role, key_hash, prefix, created_by, panel_id)
      values (${name}, ${role}, ${hashToken(key)}, ${key.slice(0, 10)}, ${actor.adminId ?? null}, ${panelId})
      returning id`;
    const id = (inserted as { id: number }).id;
    await audit(actor, "create", "api_key", id, { name, role, ...(panelId === null ? {} : { panelId }) }, tx);
    const [row] = await tx<ApiKey[]>`select ${keyColumns()} from api_keys k where k.id = ${id}`;
    return row as ApiKey;
  });
  return { key, apiKey };
}

export async function listApiKeys(): Promise<ApiKey[]> {
  return sql<ApiKey[]>`select ${keyColumns()} from api_keys k order by k.created_at desc`;
}

export async function revokeApiKey(id: number, actor: Actor): Promise<void> {
  await sql.begin(async (tx) => {
    const rows = await tx`update api_keys set revoked_at = now() where id = ${id} and revoked_at is null returning id`;
    if (rows.length) await audit(actor, "revoke", "api_key", id, {}, tx);
  });
}

/** The key a Bearer token names, if it exists and is not revoked. */
export async function findApiKey(key: string): Promise<ApiKey | undefined> {
  if (!/^qk_[A-Za-z0-9_-]{43}$/.test(key)) return undefined;
  const [row] = await sql<ApiKey[]>`
    with used as (
      update api_keys set last_used_at = now() where key_hash = ${hashToken(key)} and revoked_at is null returning *
    )
    select ${keyColumns()} from used k`;
  return row;
}
