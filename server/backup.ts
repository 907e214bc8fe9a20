import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import readline from "node:readline";
import postgres from "postgres";

/**
 * Backup and restore of a Quorum installation (issue 23, item 12): every table of the database, read in
 * one snapshot, a JSON object a row by column name (written by the server itself: no pg_dump needed, so
 * it works with the embedded PostgreSQL, whose package ships none, and across PostgreSQL major versions),
 * and the data folder's secrets and outbox. A backup is a folder (mode 700: it holds the secrets that
 * sign links and sessions, and people's personal data) with manifest.json, tables/ and files/.
 * The job queue (schema pgboss) is not kept: mail still queued is enqueued again by the worker's sweep.
 */

const BACKUP_FORMAT = "quorum-backup";
const FORMAT_VERSION = 1;
/** Files of the data folder a backup keeps (the embedded database's own files are read through COPY instead). */
const DATA_FILES = ["secret", "session-secret"];
const DATA_DIRS = ["outbox"];
/**
 * Counts derived from responses, marked with transaction ids of the cluster that counted them: not kept.
 * A restored database's first live results count them again (responses.completed_xid is set anew by its
 * trigger when the rows are loaded, so later completions are counted after them).
 */
const DERIVED = ["result_rollups", "result_rollup_marks", "result_rollup_keys"];

interface TableEntry {
  name: string;
  columns: string[];
  rows: number;
  file: string;
  sha256: string;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  postgres: string;
  migrations: string[];
  tables: TableEntry[];
  files: { path: string; sha256: string }[];
}

/** A backup or restore that cannot go on; its message is the sentence to show. */
export class BackupError extends Error {}

/** A quoted identifier, for names read from PostgreSQL's catalogue or a backup's manifest (checked against it). */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

const connect = (url: string) => postgres(url, { max: 1, onnotice: () => {} });

async function tablesOf(sql: postgres.Sql): Promise<{ name: string; columns: string[] }[]> {
  return sql<{ name: string; columns: string[] }[]>`
    select c.relname as name, array_agg(a.attname::text order by a.attnum) as columns
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'schema_migrations'
    group by c.relname order by c.relname`;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Writes a backup of the database at `url` and of `dataDir`'s secrets and outbox into the new folder `to`. */
export async function backup(url: string, dataDir: string, to: string): Promise<Manifest> {
  await fs.mkdir(path.dirname(path.resolve(to)), { recursive: true });
  try {
    await fs.mkdir(to, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new BackupError(`${to} already exists: name a new folder for the backup.`);
    throw error;
  }
  await fs.mkdir(path.join(to, "tables"), { mode: 0o700 });
  const sql = connect(url);
  try {
    const manifest = await sql.begin("isolation level repeatable read read only", async (tx) => {
      const [{ version } = { version: "" }] = await tx<{ version: string }[]>`select version()`;
      const migrations = (await tx<{ version: string }[]>`select version from schema_migrations order by version`).map(
        (m) => m.version,
      );
      const tables: TableEntry[] = [];
      for (const t of (await tablesOf(tx as unknown as postgres.Sql)).filter((t) => !DERIVED.includes(t.name))) {
        const file = path.join("tables", `${t.name}.jsonl`);
        const hash = createHash("sha256");
        const out = createWriteStream(path.join(to, file), { mode: 0o600 });
        let rows = 0;
        // One JSON object a row, by column name (so a later schema that adds columns can still read it).
        // A cursor, not COPY TO: postgres.js can leave its socket paused after a COPY stream ends.
        await tx<{ j: string }[]>`select to_jsonb(r)::text as j from ${tx(t.name)} as r`.cursor(1000, async (batch) => {
          const text = batch.map((b) => b.j + "\n").join("");
          hash.update(text);
          rows += batch.length;
          if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
        });
        await new Promise<void>((resolve, reject) =>
          out.end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
        const n = rows;
        tables.push({ name: t.name, columns: t.columns, rows: n, file, sha256: hash.digest("hex") });
      }
      return { version, migrations, tables };
    });
    const files: Manifest["files"] = [];
    const wanted = [
      ...DATA_FILES.map((f) => path.join(dataDir, f)),
      ...(await Promise.all(DATA_DIRS.map((d) => filesUnder(path.join(dataDir, d))))).flat(),
    ];
    for (const source of wanted) {
      const relative = path.relative(dataDir, source);
      const target = path.join(to, "files", relative);
      try {
        await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        await fs.copyFile(source, target);
        await fs.chmod(target, 0o600);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") continue; // a secret given by the environment
        throw error;
      }
      files.push({ path: relative, sha256: await sha256Of(target) });
    }
    const full: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      postgres: manifest.version,
      migrations: manifest.migrations,
      tables: manifest.tables,
      files,
    };
    await fs.writeFile(path.join(to, "manifest.json"), JSON.stringify(full, null, 2) + "\n", { mode: 0o600 });
    return full;
  } finally {
    await sql.end();
  }
}

async function readManifest(from: string): Promise<Manifest> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await fs.readFile(path.join(from, "manifest.json"), "utf8")) as Manifest;
  } catch {
    throw new BackupError(`${from} is not a Quorum backup: it has no readable manifest.json.`);
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.formatVersion !== FORMAT_VERSION)
    throw new BackupError(`${from} is not a Quorum backup this version can read (format ${manifest.formatVersion}).`);
  return manifest;
}

/**
 * Restores a backup into the database at `url`, which must be migrated and empty (a fresh data folder,
 * or a new database, before the app seeds its demo: QUORUM_DEMO=0). All tables load in one transaction:
 * the foreign keys are dropped, the rows copied, the keys added back (so PostgreSQL checks every row),
 * identity counters moved past the largest id; then the secrets and outbox are copied into `dataDir`.
 */
export async function restore(url: string, dataDir: string, from: string): Promise<Manifest> {
  const manifest = await readManifest(from);
  for (const t of manifest.tables) {
    if ((await sha256Of(path.join(from, t.file))) !== t.sha256)
      throw new BackupError(`${t.file} in the backup does not match its checksum: the backup is damaged.`);
  }
  for (const f of manifest.files) {
    if ((await sha256Of(path.join(from, "files", f.path))) !== f.sha256)
      throw new BackupError(`files/${f.path} in the backup does not match its checksum: the backup is damaged.`);
  }
  const sql = connect(url);
  try {
    const applied = new Set(
      (await sql<{ version: string }[]>`select version from schema_migrations`).map((m) => m.version),
    );
    const unknown = manifest.migrations.filter((m) => !applied.has(m));
    if (unknown.length > 0)
      throw new BackupError(
        `The backup was made by a newer Quorum (migrations ${unknown.join(", ")} are not in this one): restore it with that version or newer.`,
      );
    const here = new Map((await tablesOf(sql)).map((t) => [t.name, t.columns]));
    for (const t of manifest.tables) {
      const columns = here.get(t.name);
      const missing = columns ? t.columns.filter((c) => !columns.includes(c)) : [t.name];
      if (missing.length > 0)
        throw new BackupError(
          `This database has no ${columns ? `column ${missing.join(", ")} in` : "table"} ${t.name}.`,
        );
    }
    for (const name of here.keys()) {
      const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(name)}`;
      if (n > 0)
        throw new BackupError(
          `The database is not empty (${name} has ${n} ${n === 1 ? "row" : "rows"}): restore into a new database or data folder, started with QUORUM_DEMO=0.`,
        );
    }
    await sql.begin(async (tx) => {
      const keys = await tx<{ table: string; name: string; definition: string }[]>`
        select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = 'public'`;
      // Names PostgreSQL wrote itself (regclass text is quoted where needed), never input.
      const constraint = (name: string) => `"${name.replace(/"/g, '""')}"`;
      for (const k of keys) await tx.unsafe(`alter table ${k.table} drop constraint ${constraint(k.name)}`);
      for (const t of manifest.tables) {
        const lines = readline.createInterface({
          input: createReadStream(path.join(from, t.file)),
          crlfDelay: Infinity,
        });
        let batch: string[] = [];
        const flush = async () => {
          if (batch.length === 0) return;
          // Each object becomes a row of the table's type by column name; columns the backup lacks take their defaults.
          await tx`insert into ${tx(t.name)} (${tx(t.columns)}) overriding system value
            select ${tx.unsafe(t.columns.map((c) => `(p).${ident(c)}`).join(", "))}
            from (select jsonb_populate_record(null::${tx(t.name)}, j::jsonb) as p from unnest(${batch}::text[]) as j) as s`;
          batch = [];
        };
        for await (const line of lines) {
          if (!line) continue;
          batch.push(line);
          if (batch.length >= 1000) await flush();
        }
        await flush();
      }
      // pg_get_constraintdef gives SQL PostgreSQL wrote itself: added back as it was, checking every row.
      for (const k of keys)
        await tx.unsafe(`alter table ${k.table} add constraint ${constraint(k.name)} ${k.definition}`);
      const identities = await tx<{ table: string; column: string }[]>`
        select c.relname as table, a.attname as column from pg_attribute a
        join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and a.attidentity <> '' and not a.attisdropped`;
      for (const i of identities)
        await tx`select setval(pg_get_serial_sequence(${i.table}, ${i.column}),
          (select coalesce(max(${tx(i.column)}), 0) + 1 from ${tx(i.table)}), false)`;
    });
  } finally {
    await sql.end();
  }
  for (const f of manifest.files) {
    const target = path.join(dataDir, f.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.copyFile(path.join(from, "files", f.path), target);
    await fs.chmod(target, 0o600);
  }
  return manifest;
}
