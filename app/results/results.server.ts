import type { Wave } from "~/models/wave.server";
import { versionDefinition } from "~/models/questionnaire.server";
import { countWave, headline, type Dimension } from "./aggregate.server";
import { questionSpecs } from "./questions";
import { shapeResults, type ResultFigures } from "./shape";

/** A wave's results computed now from its completed responses (one questionnaire version), suppressed at the wave's k. */
export async function computeResults(wave: Wave, dimension: Dimension = "region", k = wave.minGroupSize): Promise<ResultFigures> {
  // consentToQuote is about the respondent's comment, not a finding.
  const specs = questionSpecs(await versionDefinition(wave.questionnaireVersionId)).filter((q) => q.name !== "consentToQuote");
  const [head, raw] = await Promise.all([headline(wave.id, wave.questionnaireVersionId), countWave(wave.id, wave.questionnaireVersionId, specs, dimension)]);
  return shapeResults(head, raw, k, dimension);
}
