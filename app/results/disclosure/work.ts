// How much work a protection may do, counted in units that do not depend on the machine or its load:
// HiGHS simplex iterations, and one more for each linear program solved. The same wave gives the same
// publication on a quiet laptop and on a server under load (issue 21, round 3: with wall-clock limits,
// a loaded machine published the demo with every figure withheld). The wall clock is left only to the
// figure thread's own timeout, a fault guard far above what any publication needs.

/** A budget of work units, drawn from its parent's too (a system's within its publication's). */
export class Work {
  private spent = 0;

  constructor(
    readonly limit: number,
    private readonly parent?: Work,
  ) {}

  /** Units left here (and in every budget above). */
  get left(): number {
    return Math.min(this.limit - this.spent, this.parent ? this.parent.left : Infinity);
  }

  get exhausted(): boolean {
    return this.left <= 0;
  }

  get used(): number {
    return this.spent;
  }

  spend(units: number): void {
    this.spent += units;
    this.parent?.spend(units);
  }
}

/** One system's audit rounds (linked tables, answer partitions: usually one question and its conditions). */
export const SYSTEM_WORK = 2_000_000;
/** One publication's. */
export const PUBLICATION_WORK = 6_000_000;
