import { describe, expect, it } from "vitest";
import { normalSegment, overlapZ } from "~/results/series";

describe("trends: the test and the segments", () => {
  it("an overlap with people who keep their answers narrows the test; with no overlap it is the unpooled two-proportion test", () => {
    const independent = overlapZ(30, 50, 40, 50)!;
    expect(independent).toBeCloseTo(0.2 / Math.sqrt(0.24 / 50 + 0.16 / 50), 6);
    const shared = overlapZ(30, 50, 40, 50, { n12: 50, x12: 25 })!;
    expect(shared).toBeCloseTo(0.2 / Math.sqrt(0.0072), 6);
    expect(shared).toBeGreaterThan(independent);
    // Too few expected answers either way: no verdict.
    expect(overlapZ(1, 50, 3, 50)).toBeNull();
  });
  it("segments compare by what they filter: empty lists are the whole panel", () => {
    expect(normalSegment({ region: [], country: [], attributes: {} })).toEqual({});
    expect(normalSegment({ region: ["South Asia", "East Asia & Pacific"] })).toEqual({
      region: ["East Asia & Pacific", "South Asia"],
    });
  });
});
