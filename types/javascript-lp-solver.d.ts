// The part of javascript-lp-solver's API the disclosure audit uses (the package ships no types).
declare module "javascript-lp-solver" {
  interface Model {
    optimize: string;
    opType: "min" | "max";
    constraints: Record<string, { equal?: number; min?: number; max?: number }>;
    variables: Record<string, Record<string, number>>;
    ints?: Record<string, 1>;
    options?: { timeout?: number; tolerance?: number };
  }
  interface Solution {
    feasible: boolean;
    bounded?: boolean;
    result: number;
    [variable: string]: number | boolean | undefined;
  }
  const solver: { Solve(model: Model): Solution };
  export default solver;
}
