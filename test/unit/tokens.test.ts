import { describe, expect, it } from "vitest";
import { invitationToken, looksLikeToken, safeEqual } from "~/lib/security";

describe("tokens", () => {
  it("compares secrets exactly, whatever their lengths", () => {
    const token = invitationToken("s".repeat(32), 1, 2);
    expect(looksLikeToken(token)).toBe(true);
    expect(safeEqual(token, token)).toBe(true);
    expect(safeEqual(token, `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toBe(false);
    expect(safeEqual(token, token.slice(0, 10))).toBe(false);
    expect(safeEqual("", "")).toBe(true);
    expect(invitationToken("s".repeat(32), 1, 3)).not.toBe(token);
  });
});
