import postgres from "postgres";
import { getEnv } from "./env.server";

type Sql = postgres.Sql;

let client: Sql | undefined;
let chosenUrl: string | undefined;

/**
 * Points the client at a database: start-up calls it with the embedded server's address when
 * DATABASE_URL is unset. A client already connected elsewhere is closed first.
 */
export async function connectTo(url: string): Promise<void> {
  if (client && url !== chosenUrl) await closeDb();
  chosenUrl = url;
}

/** The address the client connects to. */
export function databaseUrl(): string | undefined {
  return chosenUrl ?? getEnv().DATABASE_URL;
}

function connect(): Sql {
  const env = getEnv();
  const url = databaseUrl();
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set: start Quorum with `npm start`, which starts the embedded PostgreSQL, or set DATABASE_URL.",
    );
  }
  return postgres(url, {
    max: env.QUORUM_DB_POOL,
    onnotice: () => {},
    // While the database restarts, queries wait up to this long for a connection, then the
    // request answers 503 with Retry-After.
    connect_timeout: env.QUORUM_DB_CONNECT_TIMEOUT,
    idle_timeout: 60,
    // JIT compiling costs seconds for the results query (hundreds of FILTER expressions) and saves
    // less than that; Quorum's queries are short, so it is off for the app's sessions.
    connection: { jit: "off" },
    // Column names arrive in camelCase (JSON values are left alone: answer keys are data);
    // int8 (ids, counts) as numbers, which stay exact below 2^53.
    transform: { column: { from: postgres.toCamel, to: postgres.fromCamel }, undefined: null },
    types: {
      bigint: { to: 20, from: [20], parse: (x: string) => Number(x), serialize: (x: number) => String(x) },
    },
  });
}

/** The one postgres.js client, created on first use from DATABASE_URL. */
export const sql: Sql = new Proxy((() => {}) as unknown as Sql, {
  get(_target, prop) {
    client ??= connect();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
  apply(_target, _this, args) {
    client ??= connect();
    return Reflect.apply(client as unknown as (...a: unknown[]) => unknown, client, args);
  },
});

/** A value stored as jsonb (postgres.js types `json` for its own JSON values; ours are plain records). */
export function json(db: Sql | postgres.TransactionSql, value: unknown) {
  return db.json(value as postgres.JSONValue);
}

/** Closes the client's connections (used at shutdown and by scripts). */
export async function closeDb(): Promise<void> {
  if (client) {
    const c = client;
    client = undefined;
    await c.end({ timeout: 5 });
  }
}
