// A reader who wants to single someone out: from published figures (constants) and the relations
// anyone can write between them (a table adds up to its base, groups add up to the whole, ...),
// find the exact range every hidden count can take, by integer programming (HiGHS). A hidden count
// whose range is a single value is worked out; one whose range is a count of 1 to k-1 people, or
// the whole of its group, singles people out.
import highsLoader from "highs";

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let solver: Promise<Highs> | undefined;

/** Σ coefficient·unknown + constant = 0, over named unknowns. */
export interface Relation {
  terms: [string, number][];
  constant: number;
}

export interface Bounds {
  min: number;
  max: number;
}

const safeName = (i: number) => `x${i}`;

/** The integer bounds of a linear combination of unknowns (each ≥ 0) under the relations. */
export class Reader {
  private readonly index = new Map<string, number>();
  readonly relations: Relation[] = [];

  unknown(name: string): void {
    if (!this.index.has(name)) this.index.set(name, this.index.size);
  }

  relate(terms: [string, number][], constant: number): void {
    for (const [n] of terms) this.unknown(n);
    this.relations.push({ terms, constant });
  }

  /** The relations that share unknowns, directly or through others, with these (the rest cannot bear on them). */
  private connected(names: string[]): Relation[] {
    const byName = new Map<string, Relation[]>();
    for (const r of this.relations) for (const [n] of r.terms) byName.set(n, [...(byName.get(n) ?? []), r]);
    const seen = new Set<string>(names);
    const out = new Set<Relation>();
    const queue = [...names];
    while (queue.length) {
      for (const r of byName.get(queue.pop() as string) ?? []) {
        if (out.has(r)) continue;
        out.add(r);
        for (const [n] of r.terms) {
          if (seen.has(n)) continue;
          seen.add(n);
          queue.push(n);
        }
      }
    }
    return [...out];
  }

  private lp(
    direction: "Maximize" | "Minimize",
    target: [string, number][],
    integer: boolean,
    relations: Relation[],
  ): string {
    const term = (n: string, c: number) =>
      `${c >= 0 ? "+" : "-"} ${Math.abs(c)} ${safeName(this.index.get(n) as number)}`;
    const rows = relations
      .filter((r) => r.terms.length)
      .map((r, i) => ` r${i}: ${r.terms.map(([n, c]) => term(n, c)).join(" ")} = ${-r.constant}`);
    const used = new Set<string>([...target.map(([n]) => n), ...relations.flatMap((r) => r.terms.map(([n]) => n))]);
    const vars = [...used].map((n) => safeName(this.index.get(n) as number));
    return [
      direction,
      ` obj: ${target.map(([n, c]) => term(n, c)).join(" ")}`,
      "Subject To",
      ...(rows.length ? rows : [" r0: 0 x0 = 0"]),
      "Bounds",
      ...vars.map((v) => ` 0 <= ${v} <= 1000000`),
      ...(integer ? ["General", ` ${vars.join(" ")}`] : []),
      "End",
    ].join("\n");
  }

  /**
   * The smallest and largest value the combination can take over integer counts; null when the
   * relations contradict each other. The continuous relaxation comes first (its range holds the
   * integer one); only a range of three integers or fewer, where integrality could pin the value,
   * is solved again as an integer program.
   */
  async bounds(target: [string, number][]): Promise<Bounds | null> {
    for (const [n] of target) this.unknown(n);
    solver ??= highsLoader();
    const highs = await solver;
    const relations = this.connected(target.map(([n]) => n));
    const solve = (d: "Maximize" | "Minimize", integer: boolean) => {
      const out = highs.solve(this.lp(d, target, integer, relations), { presolve: "on", output_flag: false } as never);
      return out.Status === "Optimal" ? out.ObjectiveValue : null;
    };
    const lo = solve("Minimize", false);
    const hi = solve("Maximize", false);
    if (lo === null || hi === null) return null;
    const min = Math.ceil(lo - 1e-6);
    const max = Math.floor(hi + 1e-6);
    if (max - min > 2) return { min, max };
    const imin = solve("Minimize", true);
    const imax = solve("Maximize", true);
    return imin === null || imax === null ? null : { min: Math.round(imin), max: Math.round(imax) };
  }
}
