// What a reader who holds the questionnaire knows from a question's visibleIf: those who saw the
// question are those whose answers to the questions its conditions read fall in certain
// combinations. The combinations are found by running the condition itself (survey-core) over every
// state of those answers, so "or", "!=", "notcontains", "anyof" and whatever else SurveyJS evaluates
// come out right without a list of operators. Each combination becomes an "atom" of respondents
// (counted by SQL as its own counter) whose counts add up to the published answers of each question
// read, and whose shown combinations add up to the conditional question's base.
import { ConditionRunner } from "survey-core";

/** What the atoms need of a question (a ReadSpec has it). */
interface ReadSpec {
  name: string;
  kind: string;
  options: { value: string; raw?: unknown }[];
}

/** One state of an answer a condition reads. */
export type AnswerState =
  | { empty: true }
  | { value: string }
  /** A multiple choice answered, with these of the options the condition names chosen (and the others not). */
  | { chosen: string[]; named: string[] }
  /** A free-text answer given. */
  | { answered: true };

export interface ConditionAtoms {
  variables: { name: string; states: AnswerState[] }[];
  /** Every combination of states (one index per variable) and whether it shows the question. */
  combos: { at: number[]; shows: boolean }[];
}

/** Why a condition cannot be put as atoms; the question is then not published. */
export type Unmodelled = { unmodelled: string };

const MAX_COMBOS = 64;
const MAX_NAMED = 5;
/** Combinations tried at most when looking for options a condition does not depend on. */
const MAX_TRIED = 4096;

function statesOf(spec: ReadSpec, condition: string, only?: string[]): AnswerState[] | undefined {
  switch (spec.kind) {
    case "single":
    case "rating":
      return [{ empty: true }, ...spec.options.map((o) => ({ value: o.value }))];
    case "text":
      return [{ empty: true }, { answered: true }];
    case "multi": {
      // The options the condition names (or all of them, for a short list): the others cannot change it
      // unless it looks at the whole answer (its length, equality), which the combos below would miss.
      const named = only
        ? spec.options.filter((o) => only.includes(o.value))
        : spec.options.length <= MAX_NAMED
          ? spec.options
          : spec.options.filter((o) => condition.includes(`'${o.value}'`) || condition.includes(`"${o.value}"`));
      if (named.length > MAX_NAMED) return undefined;
      const values = named.map((o) => o.value);
      const out: AnswerState[] = [{ empty: true }];
      const unnamed = spec.options.length > named.length;
      for (let mask = 0; mask < 1 << values.length; mask++) {
        const chosen = values.filter((_, i) => mask & (1 << i));
        if (chosen.length === 0 && !unnamed) continue; // answered means at least one option chosen
        out.push({ chosen, named: values });
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** The answer survey-core would hold in a state (a multiple choice with none named chosen holds an unnamed option). */
function valueOf(spec: ReadSpec, state: AnswerState): unknown {
  if ("empty" in state) return undefined;
  if ("answered" in state) return "x";
  if ("value" in state) return spec.options.find((o) => o.value === state.value)?.raw ?? state.value;
  const chosen = spec.options.filter((o) => state.chosen.includes(o.value)).map((o) => o.raw ?? o.value);
  if (chosen.length) return chosen;
  const other = spec.options.find((o) => !state.named.includes(o.value));
  return other ? [other.raw ?? other.value] : [];
}

/** The atoms of a question shown under conditions, or why they cannot be made. */
export function conditionAtoms(conditions: string[], specs: ReadSpec[]): ConditionAtoms | Unmodelled {
  const text = conditions.map((c) => `(${c})`).join(" and ");
  let runner: ConditionRunner;
  try {
    runner = new ConditionRunner(text);
  } catch {
    return { unmodelled: `its condition cannot be read (${text})` };
  }
  const names = [...new Set(runner.getVariables().map((v) => v.split(/[.[]/)[0] as string))];
  const read: ReadSpec[] = [];
  for (const name of names) {
    const spec = specs.find((s) => s.name === name);
    if (!spec) return { unmodelled: `its condition reads ${name}, which is not a counted question` };
    read.push(spec);
  }
  let variables: ConditionAtoms["variables"] = [];
  for (const spec of read) {
    const states = statesOf(spec, text);
    if (!states) return { unmodelled: `its condition reads ${spec.name} in a way the results cannot follow` };
    variables.push({ name: spec.name, states });
  }
  let total = variables.reduce((n, v) => n * v.states.length, 1);
  // Too many: a short multiple choice's options that never change the outcome (ticking or unticking one, every
  // other answer held) are left out of its states, which is exact (found by trying every combination). A
  // condition read after a complete trigger ({barriers} contains 'quality' and {score} >= 4) needs it.
  if (total > MAX_COMBOS && total <= MAX_TRIED) {
    const full = enumerate(variables, read, runner);
    if ("unmodelled" in full) return { unmodelled: `its condition fails on some answers (${text})` };
    variables = variables.map((v, j) => {
      const first = v.states.find((x) => "chosen" in x);
      if (!first || !("chosen" in first)) return v;
      const keep = first.named.filter((o) => matters(full, variables, j, o));
      return keep.length < first.named.length ? { name: v.name, states: statesOf(read[j]!, text, keep)! } : v;
    });
    total = variables.reduce((n, v) => n * v.states.length, 1);
  }
  if (total > MAX_COMBOS) return { unmodelled: `its condition reads too many answers at once (${total} combinations)` };
  const combos = enumerate(variables, read, runner);
  if ("unmodelled" in combos) return { unmodelled: `its condition fails on some answers (${text})` };
  return { variables, combos };
}

/** Every combination of states (one index per variable) and whether the condition holds in it. */
function enumerate(
  variables: ConditionAtoms["variables"],
  read: ReadSpec[],
  runner: ConditionRunner,
): ConditionAtoms["combos"] | Unmodelled {
  const total = variables.reduce((n, v) => n * v.states.length, 1);
  const combos: ConditionAtoms["combos"] = [];
  const at = variables.map(() => 0);
  for (let i = 0; i < total; i++) {
    let rest = i;
    for (let v = variables.length - 1; v >= 0; v--) {
      at[v] = rest % variables[v]!.states.length;
      rest = Math.floor(rest / variables[v]!.states.length);
    }
    const values: Record<string, unknown> = {};
    variables.forEach((v, j) => {
      const value = valueOf(read[j]!, v.states[at[j]!]!);
      if (value !== undefined) values[v.name] = value;
    });
    try {
      combos.push({ at: [...at], shows: runner.runValues(values) === true });
    } catch {
      return { unmodelled: "fails" };
    }
  }
  return combos;
}

/** Whether ticking option `o` of multiple choice `j` (every other answer held) ever changes the outcome. */
function matters(
  combos: ConditionAtoms["combos"],
  variables: ConditionAtoms["variables"],
  j: number,
  o: string,
): boolean {
  const states = variables[j]!.states;
  const chosenKey = (x: AnswerState) => ("chosen" in x ? [...x.chosen].sort().join("\u0000") : null);
  const byChosen = new Map(states.map((x, i) => [chosenKey(x), i] as const));
  const outcome = new Map(combos.map((c) => [c.at.join(","), c.shows]));
  for (const c of combos) {
    const state = states[c.at[j]!]!;
    if (!("chosen" in state) || state.chosen.includes(o)) continue;
    const other = byChosen.get([...state.chosen, o].sort().join("\u0000"));
    if (other === undefined) continue;
    const at = [...c.at];
    at[j] = other;
    if (outcome.get(at.join(",")) !== c.shows) return true;
  }
  return false;
}

/** Whether a question's condition needs atoms of its own (more than one answer read, or a multiple choice or text). */
export function needsAtoms(atoms: ConditionAtoms, specs: ReadSpec[]): boolean {
  if (atoms.variables.length !== 1) return true;
  const kind = specs.find((s) => s.name === atoms.variables[0]!.name)?.kind;
  return kind !== "single" && kind !== "rating";
}

/** Whether an answer (as stored) is in a state: the counting SQL's rule, for code that counts in memory. */
export function answerInState(state: AnswerState, value: unknown): boolean {
  const answered = value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && !value.length);
  if ("empty" in state) return !answered;
  if ("answered" in state) return answered;
  if ("value" in state) return answered && String(value) === state.value;
  if (!answered || !Array.isArray(value)) return false;
  const given = value.map(String);
  return state.named.every((o) => given.includes(o) === state.chosen.includes(o));
}
