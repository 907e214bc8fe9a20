import { sql } from "~/db.server";

/** A trivial query, to learn whether the database answers. */
export async function pingDatabase(): Promise<void> {
  await sql`select 1`;
}
