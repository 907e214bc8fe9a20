import { randomBytes } from "node:crypto";
import { sql } from "~/db.server";
import type { Role } from "~/lib/roles";
import { hashToken } from "~/lib/tokens";
import { audit, type Actor } from "./audit.server";

export interface ApiKey {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Creates an API key; the key itself is returned once and only its hash is kept. */
export async function createApiKey(name: string, role: Role, actor: Actor): Promise<{ key: string; apiKey: ApiKey }> {
  const key = `qk_${randomBytes(32).toString("base64url")}`;
  const apiKey = await sql.begin(async (tx) => {
    const [row] = await tx<ApiKey[]>`
      insert into api_keys (name, role, key_hash, prefix, created_by)
      values (${name}, ${role}, ${hashToken(key)}, ${key.slice(0, 10)}, ${actor.adminId ?? null})
      returning id, name, role, prefix, created_at, last_used_at, revoked_at`;
    await audit(actor, "create", "api_key", row?.id ?? null, { name, role }, tx);
    return row as ApiKey;
  });
  return { key, apiKey };
}

export async function listApiKeys(): Promise<ApiKey[]> {
  return sql<ApiKey[]>`
    select id, name, role, prefix, created_at, last_used_at, revoked_at from api_keys order by created_at desc`;
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
    update api_keys set last_used_at = now()
    where key_hash = ${hashToken(key)} and revoked_at is null
    returning id, name, role, prefix, created_at, last_used_at, revoked_at`;
  return row;
}
