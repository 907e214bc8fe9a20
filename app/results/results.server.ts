import { sql } from "~/db.server";
import { getEnv } from "~/env.server";
import { addInto, type ProfileDimension } from "./counters";
import { questionSpecs, uncountedQuestions } from "./questions";
import { countByAnswer, countingFor, countWaveCells, rollUp, type CountedWave, type Counting } from "./rollup.server";
import type { FigureInput, PrivateRecord, ResultFigures, Vectors } from "./figures";
import { computeFigures } from "./figures-pool.server";

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
    specs = sql<{ definition: object }[]>`select definition from questionnaire_versions where id = ${id}`.then(
      ([row]) => {
        if (!row) throw new Error(`questionnaire version ${id} is missing`);
        const definition = row.definition;
        const seen = new Set<string>();
        return {
          ...countingFor(
            questionSpecs(definition).filter((q) => {
              if (q.name === "consentToQuote" || seen.has(q.name)) return false;
              seen.add(q.name);
              return true;
            }),
          ),
          uncounted: uncountedQuestions(definition),
        };
      },
    );
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

/** A breakdown of the live view: a profile field, or the answer to a single-choice question (`answer:<name>`, a cross-tab). */
export type Dimension = ProfileDimension | `answer:${string}`;

const PROFILE_FAMILIES: ProfileDimension[] = ["region", "organisationType", "roleCategory"];

/** The whole wave's counters and, per profile field, each value's (all respondents, and verified ones). */
function vectorsOf(counts: WaveCounts, dimensions: ProfileDimension[]) {
  const size = counts.counting.query.layout.length;
  const zero = (): Vectors => ({ all: new Array<number>(size).fill(0), verified: new Array<number>(size).fill(0) });
  const whole = zero();
  const families = dimensions.map((key) => ({ key, groups: new Map<string, Vectors>() }));
  // Only verified answers (personal invitations) count towards k; a wave with none (every answer through an open
  // link) has nothing to check them against, and counts them all (the methodology says so).
  const noneVerified = !counts.counted.cells.some((c) => c.verified);
  for (const c of counts.counted.cells) {
    const cell = noneVerified ? { ...c, verified: true } : c;
    addInto(whole.all, cell.counters);
    if (cell.verified) addInto(whole.verified, cell.counters);
    for (const f of families) {
      const name = cell[f.key as ProfileDimension] || "Unknown";
      const v = f.groups.get(name) ?? zero();
      addInto(v.all, cell.counters);
      if (cell.verified) addInto(v.verified, cell.counters);
      f.groups.set(name, v);
    }
  }
  return { whole, families };
}

function figureInput(
  counts: WaveCounts,
  families: FigureInput["families"],
  whole: Vectors,
  k: number,
  protect: boolean,
  earlier: PrivateRecord[] = [],
): FigureInput {
  return {
    specs: counts.counting.specs,
    layout: counts.counting.query.layout,
    whole,
    families,
    headline: {
      organisations: counts.counted.organisations,
      countries: counts.counted.countries,
      invited: counts.invited,
    },
    k,
    protect,
    earlier,
  };
}

/**
 * The results readers may see: every breakdown merged and every cell suppressed at the wave's k,
 * checked against the earlier publications' records; and the record this publication keeps.
 * Computed by a figure thread (figures-pool.server), never on the event loop.
 */
export function publishedFigures(
  counts: WaveCounts,
  earlier: PrivateRecord[] = [],
  compute: { timeoutMs?: number } = {},
): Promise<{ figures: ResultFigures; record: PrivateRecord }> {
  const { whole, families } = vectorsOf(counts, PROFILE_FAMILIES);
  const uncounted = counts.counting.uncounted ?? [];
  return computeFigures(
    {
      ...figureInput(counts, families, whole, counts.wave.minGroupSize, true, earlier),
      primaryOnly: getEnv().QUORUM_TEST_SUPPRESSION === "primary-only",
    },
    compute,
  ).then((r) => (uncounted.length ? { ...r, figures: { ...r.figures, notSummarised: uncounted } } : r));
}

/** Every figure, however small, by one profile field (and by region, for the headline), from counts already read (the panel team's view). */
export async function liveFigures(counts: WaveCounts, dimension: ProfileDimension = "region"): Promise<ResultFigures> {
  const { whole, families } = vectorsOf(counts, dimension === "region" ? ["region"] : [dimension, "region"]);
  return (await computeFigures(figureInput(counts, families, whole, 1, false))).figures;
}

/** The panel team's live view: every figure, however small, by a profile field or by the answer to one question (a cross-tab). */
export async function computeResults(wave: CountedWaveRef, dimension: Dimension = "region"): Promise<ResultFigures> {
  const counts = await countResults(wave);
  if (!dimension.startsWith("answer:")) return liveFigures(counts, dimension as ProfileDimension);
  const { query } = counts.counting;
  const byAnswer = await countByAnswer(wave.id, wave.questionnaireVersionId, query, dimension.slice(7));
  const groups = new Map([...byAnswer].map(([answer, v]) => [answer || "Unknown", v] as const));
  const whole = vectorsOf(counts, []).whole;
  return (await computeFigures(figureInput(counts, [{ key: dimension, groups }], whole, 1, false))).figures;
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
