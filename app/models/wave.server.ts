import { sql } from "~/db.server";

export interface Wave {
  id: number;
  slug: string;
  title: string;
  panelId: number;
  questionnaireVersionId: number;
  opensAt: Date;
  closesAt: Date | null;
  minGroupSize: number;
  audience: "respondents" | "panel" | "public";
}

const columns = () => sql`id, slug, title, panel_id, questionnaire_version_id, opens_at, closes_at, min_group_size, audience`;

/** Creates a wave that fields the given questionnaire version (frozen) to a panel. */
export async function createWave(input: {
  slug: string;
  title: string;
  panelId: number;
  questionnaireVersionId: number;
  opensAt?: Date;
  closesAt?: Date | null;
  minGroupSize?: number;
  audience?: Wave["audience"];
}): Promise<Wave> {
  const [wave] = await sql<Wave[]>`
    insert into waves (slug, title, panel_id, questionnaire_id, questionnaire_version_id, opens_at, closes_at,
      min_group_size, audience)
    select ${input.slug}, ${input.title}, ${input.panelId}, v.questionnaire_id, v.id,
      ${input.opensAt ?? new Date()}, ${input.closesAt ?? null}, ${input.minGroupSize ?? 5},
      ${input.audience ?? "respondents"}
    from questionnaire_versions v where v.id = ${input.questionnaireVersionId}
    returning ${columns()}`;
  if (!wave) throw new Error(`questionnaire version ${input.questionnaireVersionId} does not exist`);
  return wave;
}

export async function getWaveBySlug(slug: string): Promise<Wave | undefined> {
  const [wave] = await sql<Wave[]>`select ${columns()} from waves where slug = ${slug}`;
  return wave;
}

/** Whether a wave takes answers at a moment: "not-open", "open" or "closed". */
export function waveState(wave: Pick<Wave, "opensAt" | "closesAt">, now = new Date()): "not-open" | "open" | "closed" {
  if (now < wave.opensAt) return "not-open";
  if (wave.closesAt && now >= wave.closesAt) return "closed";
  return "open";
}
