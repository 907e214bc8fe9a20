import { ConditionRunner, ConditionsParser, ExpressionRunner } from "survey-core";

/**
 * Conditions and expressions run by survey-core's own engine (ConditionRunner, ExpressionRunner) on
 * plain values, parsed once per text. survey-core treats a condition it cannot parse as absent (the
 * element shows, is enabled, is not required by it); the loader refuses such files, so here it only
 * has to agree.
 */
export interface Condition {
  text: string;
  run(values: Record<string, unknown>): boolean;
}

const conditions = new Map<string, Condition>();
const expressions = new Map<string, ExpressionRunner>();

export function condition(text: string | undefined): Condition | undefined {
  if (typeof text !== "string" || text.trim() === "") return undefined;
  let found = conditions.get(text);
  if (!found) {
    const runner = new ConditionRunner(text);
    const runnable = runner.canRun();
    found = { text, run: runnable ? (values) => runner.runValues(values) === true : () => true };
    conditions.set(text, found);
  }
  return found;
}

/** The value of an expression (calculated values, totals), or undefined when it does not parse. */
export function evaluate(text: string, values: Record<string, unknown>): unknown {
  let runner = expressions.get(text);
  if (!runner) {
    runner = new ExpressionRunner(text);
    expressions.set(text, runner);
  }
  return runner.canRun() ? runner.runValues(values) : undefined;
}

/** Why survey-core cannot parse an expression ("at character 6: expected …"), or undefined when it can. */
export function expressionProblem(text: string): string | undefined {
  const parser = new ConditionsParser();
  if (parser.parseExpression(text)) return undefined;
  const error = parser.error as { at?: number; code?: string } | undefined;
  const at = typeof error?.at === "number" ? `at character ${error.at + 1}` : "";
  const found = error?.code?.match(/but (.+) found\.?$/)?.[1];
  return [at, found ? `unexpected ${found}` : "it does not parse"].filter(Boolean).join(": ");
}
