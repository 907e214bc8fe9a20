import { describe, expect, it } from "vitest";
import { differenceFromRest, twoProportionZ } from "~/lib/format";

describe("the significance marks", () => {
  it("computes the textbook two-proportion z", () => {
    // 59% of 300 against 50% of 758: z = 2.64 (pooled p = 0.5256).
    expect(twoProportionZ(177, 300, 379, 758)).toBeCloseTo(2.64, 2);
    expect(twoProportionZ(50, 100, 50, 100)).toBe(0);
  });

  it("marks a real difference and not a chance one", () => {
    // North America 59% of 300 (177) against everyone 53% of 1,058 (561): the rest are 50.4% of 758.
    expect(differenceFromRest({ count: 177, base: 300 }, { count: 561, base: 1058 })).toBe("higher");
    // The same shares in a group of 40: not enough to tell.
    expect(differenceFromRest({ count: 24, base: 40 }, { count: 561, base: 1058 })).toBeNull();
    expect(differenceFromRest({ count: 30, base: 300 }, { count: 561, base: 1058 })).toBe("lower");
  });

  it("gives no verdict on withheld figures or on groups too small for the test", () => {
    expect(differenceFromRest({ count: null, base: 300 }, { count: 561, base: 1058 })).toBeNull();
    expect(differenceFromRest({ count: 2, base: 12 }, { count: 900, base: 1058 })).toBeNull();
    expect(differenceFromRest({ count: 300, base: 300 }, { count: 300, base: 300 })).toBeNull();
  });
});
