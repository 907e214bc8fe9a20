import type { Wave } from "~/models/wave.server";
import { sql } from "~/db.server";
import { countWave, headline, type Dimension } from "./aggregate.server";
import { questionSpecs } from "./questions";
import { shapeResults, type ResultFigures } from "./shape";

/** A wave's results computed now from its completed responses (one questionnaire version), suppressed at the wave's k. */
export async function computeResults(wave: Wave, dimension: Dimension = "region", k = wave.minGroupSize): Promise<ResultFigures> {
  const [version] = await sql<{ definition: object }[]>`select definition from questionnaire_versions where id = ${wave.questionnaireVersionId}`;
  if (!version) throw new Error(`questionnaire version ${wave.questionnaireVersionId} is missing`);
  // consentToQuote is about the respondent's comment, not a finding.
  const specs = questionSpecs(version.definition).filter((q) => q.name !== "consentToQuote");
  const [head, raw] = await Promise.all([headline(wave.id, wave.questionnaireVersionId), countWave(wave.id, wave.questionnaireVersionId, specs, dimension)]);
  return shapeResults(head, raw, k, dimension);
}
