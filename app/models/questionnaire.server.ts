import { sql, json } from "~/db.server";

export interface QuestionnaireVersion {
  id: number;
  questionnaireId: number;
  slug: string;
  version: number;
  title: string;
  definition: Record<string, unknown>;
}

/** What storing a questionnaire file's content did: a new version, the same one, or back to an earlier one. */
export interface StoredVersion {
  file: string;
  slug: string;
  outcome: "created" | "new-version" | "unchanged" | "reverted";
  version: number;
}

/**
 * Stores a questionnaire's checked content as a new immutable version, unless a version with the
 * same content hash exists (then it becomes current again, or nothing changes).
 */
export async function storeVersion(
  file: string,
  slug: string,
  title: string,
  hash: string,
  definition: Record<string, unknown>,
  questionCount: number,
): Promise<StoredVersion> {
  return sql.begin(async (tx) => {
    // Serialise concurrent syncs of the same questionnaire (two instances starting at once).
    await tx`select pg_advisory_xact_lock(hashtext(${"questionnaire:" + slug}))`;
    const [q] = await tx<{ id: number; currentVersionId: number | null }[]>`
      insert into questionnaires (slug, title, source_file) values (${slug}, ${title}, ${file})
      on conflict (slug) do update set source_file = excluded.source_file
      returning id, current_version_id as "currentVersionId"`;
    if (!q) throw new Error(`could not store questionnaire ${slug}`);
    const [existing] = await tx<{ id: number; version: number }[]>`
      select id, version from questionnaire_versions
      where questionnaire_id = ${q.id} and content_hash = ${hash}`;
    if (existing) {
      if (Number(existing.id) === Number(q.currentVersionId)) {
        return { file, slug, outcome: "unchanged", version: existing.version } as const;
      }
      await tx`update questionnaires set current_version_id = ${existing.id}, title = ${title}, updated_at = now() where id = ${q.id}`;
      return { file, slug, outcome: "reverted", version: existing.version } as const;
    }
    const [created] = await tx<{ id: number; version: number }[]>`
      insert into questionnaire_versions (questionnaire_id, version, content_hash, definition, title, question_count)
      select ${q.id}, coalesce(max(version), 0) + 1, ${hash}, ${json(tx, definition)}, ${title}, ${questionCount}
      from questionnaire_versions where questionnaire_id = ${q.id}
      returning id, version`;
    if (!created) throw new Error(`could not store a version of ${slug}`);
    await tx`update questionnaires set current_version_id = ${created.id}, title = ${title}, updated_at = now() where id = ${q.id}`;
    return {
      file,
      slug,
      outcome: created.version === 1 ? "created" : "new-version",
      version: created.version,
    } as const;
  });
}

/** The current version of a questionnaire, by slug. */
export async function getCurrentVersion(slug: string): Promise<QuestionnaireVersion | undefined> {
  const [row] = await sql<QuestionnaireVersion[]>`
    select v.id, v.questionnaire_id as "questionnaireId", q.slug, v.version, v.title, v.definition
    from questionnaires q join questionnaire_versions v on v.id = q.current_version_id
    where q.slug = ${slug}`;
  return row;
}

/** Questionnaires with their current version number. */
export async function listQuestionnaires() {
  return sql<{ slug: string; title: string; version: number; questionCount: number }[]>`
    select q.slug, q.title, v.version, v.question_count as "questionCount"
    from questionnaires q join questionnaire_versions v on v.id = q.current_version_id
    order by q.slug`;
}

// A questionnaire version is never changed (a changed file becomes a new version), so its definition
// can be kept in memory once read.
const definitions = new Map<number, Promise<Record<string, unknown>>>();

/** A version's definition, read from the database once per process. */
export function cachedDefinition(versionId: number): Promise<Record<string, unknown>> {
  let definition = definitions.get(versionId);
  if (!definition) {
    definition = versionDefinition(versionId);
    definition.catch(() => definitions.delete(versionId));
    definitions.set(versionId, definition);
  }
  return definition;
}

/** A version's definition when this process has already read it (nothing is read here). */
export function loadedDefinition(versionId: number): Promise<Record<string, unknown>> | undefined {
  return definitions.get(versionId);
}

/** The SurveyJS definition of a questionnaire version. */
export async function versionDefinition(versionId: number): Promise<Record<string, unknown>> {
  const [row] = await sql<
    { definition: Record<string, unknown> }[]
  >`select definition from questionnaire_versions where id = ${versionId}`;
  if (!row) throw new Error(`questionnaire version ${versionId} is missing`);
  return row.definition;
}
