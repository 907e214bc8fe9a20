import { sql } from "~/db.server";
import { addInto, groupCells, toRawQuestions, type ProfileDimension } from "~/results/counters";
import { questionSpecs } from "./questions";
import type { Dimension, Headline } from "~/results/question-counts";
import { countByAnswer, countingFor, countWaveCells, rollUp, type CountedWave, type Counting } from "./rollup.server";
import { shapeResults, type ResultFigures } from "~/results/figures";

/** What counting needs to know of a wave. */
export interface CountedWaveRef {
  id: number;
  questionnaireVersionId: number;
  minGroupSize: number;
}

/** What a wave's results are computed from: its questions and its counts, read once. */
export interface WaveCounts {
  wave: CountedWaveRef;
  counting: Counting;
  counted: CountedWave;
  invited: number;
}

// A questionnaire version never changes, so its questions and counting query are made once per process.
const specsByVersion = new Map<number, Promise<Counting>>();

/** The countable questions of a wave, one per stored name (consentToQuote is about the comment, not a finding). */
function versionCounting(id: number): Promise<Counting> {
  let specs = specsByVersion.get(id);
  if (!specs) {
    specs = sql<{ definition: object }[]>`select definition from questionnaire_versions where id = ${id}`.then(([row]) => {
      if (!row) throw new Error(`questionnaire version ${id} is missing`);
      const definition = row.definition;
      const seen = new Set<string>();
      return countingFor(
        questionSpecs(definition).filter((q) => {
          if (q.name === "consentToQuote" || seen.has(q.name)) return false;
          seen.add(q.name);
          return true;
        }),
      );
    });
    specs.catch(() => specsByVersion.delete(id));
    specsByVersion.set(id, specs);
  }
  return specs;
}

/** Counts a wave's completed responses: its roll-up plus those completed since (see rollup.server). */
export async function countResults(wave: CountedWaveRef): Promise<WaveCounts> {
  const counting = await versionCounting(wave.questionnaireVersionId);
  const [counted, [invitations]] = await Promise.all([
    countWaveCells(wave.id, wave.questionnaireVersionId, counting),
    sql<{ n: number }[]>`select count(*)::int as n from invitations where wave_id = ${wave.id}`,
  ]);
  return { wave, counting, counted, invited: invitations?.n ?? 0 };
}

function headlineOf(counts: WaveCounts): Headline {
  const size = counts.counting.query.layout.length;
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
  const { specs, query } = counts.counting;
  const { total, groups } = groupCells(counts.counted.cells, dimension, query.layout.length);
  return shapeResults(headlineOf(counts), toRawQuestions(specs, query.layout, total, groups), k, dimension);
}

/** A wave's results now, by a profile field or by the answer to one question (a cross-tab, counted from the rows), suppressed at k. */
export async function computeResults(wave: CountedWaveRef, dimension: Dimension = "region", k = wave.minGroupSize): Promise<ResultFigures> {
  const counts = await countResults(wave);
  if (!dimension.startsWith("answer:")) return resultsBy(counts, dimension as ProfileDimension, k);
  const { specs, query } = counts.counting;
  const { layout } = query;
  const byAnswer = await countByAnswer(wave.id, wave.questionnaireVersionId, query, dimension.slice(7));
  const groups = new Map([...byAnswer].map(([answer, v]) => [answer || "Unknown", v]));
  const total = [...byAnswer.values()].reduce((sum, v) => addInto(sum, v), new Array<number>(layout.length).fill(0));
  return shapeResults(headlineOf(counts), toRawQuestions(specs, layout, total, groups), k, dimension);
}

/**
 * Rolls up every wave with responses completed since its last roll-up (the worker runs this every
 * half minute, so opening live results rarely counts more than a few rows). Returns the waves rolled up.
 */
export async function rollUpWaiting(): Promise<number> {
  const waiting = await sql<{ id: number; questionnaireVersionId: number }[]>`
    select w.id, w.questionnaire_version_id from waves w
    left join result_rollup_marks m on m.wave_id = w.id and m.questionnaire_version_id = w.questionnaire_version_id
    where exists (
      select 1 from responses r where r.wave_id = w.id and r.questionnaire_version_id = w.questionnaire_version_id
        and r.status = 'complete' and r.completed_xid >= coalesce(m.upto, '0'::xid8))`;
  let done = 0;
  for (const w of waiting) {
    if (await rollUp(w.id, w.questionnaireVersionId, await versionCounting(w.questionnaireVersionId))) done += 1;
  }
  return done;
}
