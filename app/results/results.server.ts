import type { Wave } from "~/models/wave.server";
import { sql } from "~/db.server";
import { versionDefinition } from "~/models/questionnaire.server";
import { addInto, groupCells, toRawQuestions, type ProfileDimension } from "./layout";
import { questionSpecs, type QuestionSpec } from "./questions";
import type { Dimension, Headline } from "./raw";
import { countByAnswer, countQueryFor, countWaveCells, type CountedWave } from "./rollup.server";
import { shapeResults, type ResultFigures } from "./shape";

/** What a wave's results are computed from: its questions and its counts, read once. */
export interface WaveCounts {
  wave: Wave;
  specs: QuestionSpec[];
  counted: CountedWave;
  invited: number;
}

/** The countable questions of a wave, one per stored name (consentToQuote is about the comment, not a finding). */
async function wavesQuestions(wave: Wave): Promise<QuestionSpec[]> {
  const seen = new Set<string>();
  return questionSpecs(await versionDefinition(wave.questionnaireVersionId)).filter((q) => {
    if (q.name === "consentToQuote" || seen.has(q.name)) return false;
    seen.add(q.name);
    return true;
  });
}

/** Counts a wave's completed responses: its roll-up plus those completed since (see rollup.server). */
export async function countResults(wave: Wave): Promise<WaveCounts> {
  const specs = await wavesQuestions(wave);
  const [counted, [invitations]] = await Promise.all([
    countWaveCells(wave.id, wave.questionnaireVersionId, specs),
    sql<{ n: number }[]>`select count(*)::int as n from invitations where wave_id = ${wave.id}`,
  ]);
  return { wave, specs, counted, invited: invitations?.n ?? 0 };
}

function headlineOf(counts: WaveCounts): Headline {
  const size = countQueryFor(counts.specs).query.layout.length;
  const { total, groups } = groupCells(counts.counted.cells, "region", size);
  return {
    respondents: total[0] ?? 0,
    organisations: counts.counted.organisations,
    countries: counts.counted.countries,
    invited: counts.invited,
    regions: [...groups].map(([region, v]) => ({ region, count: v[0] ?? 0 })).sort((a, b) => b.count - a.count || a.region.localeCompare(b.region)),
  };
}

/** The results by one profile field, suppressed at k, from counts already read. */
export function resultsBy(counts: WaveCounts, dimension: ProfileDimension, k = counts.wave.minGroupSize): ResultFigures {
  const { layout } = countQueryFor(counts.specs).query;
  const { total, groups } = groupCells(counts.counted.cells, dimension, layout.length);
  return shapeResults(headlineOf(counts), toRawQuestions(counts.specs, layout, total, groups), k, dimension);
}

/** A wave's results now, by a profile field or by the answer to one question (a cross-tab, counted from the rows), suppressed at k. */
export async function computeResults(wave: Wave, dimension: Dimension = "region", k = wave.minGroupSize): Promise<ResultFigures> {
  const counts = await countResults(wave);
  if (!dimension.startsWith("answer:")) return resultsBy(counts, dimension as ProfileDimension, k);
  const { layout } = countQueryFor(counts.specs).query;
  const byAnswer = await countByAnswer(wave.id, wave.questionnaireVersionId, countQueryFor(counts.specs).query, dimension.slice(7));
  const groups = new Map([...byAnswer].map(([answer, v]) => [answer || "Unknown", v]));
  const total = [...byAnswer.values()].reduce((sum, v) => addInto(sum, v), new Array<number>(layout.length).fill(0));
  return shapeResults(headlineOf(counts), toRawQuestions(counts.specs, layout, total, groups), k, dimension);
}
