import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/http/safe-redirect";
import { disguisedTargets } from "../helpers/redirect-family";

/** Where a browser on the sign-in page goes when it follows this Location. */
const followed = (location: string) => new URL(location, "http://localhost:3000/admin/login?redirectTo=x");

describe("safeRedirect", () => {
  it("keeps every disguised target on this site", () => {
    const targets = disguisedTargets();
    expect(targets.length).toBeGreaterThan(700);
    let leaving = 0;
    for (const target of targets) {
      const location = safeRedirect(target);
      const url = followed(location);
      if (url.host !== "localhost:3000") leaving += 1;
      expect(url.host, `${JSON.stringify(target)} → ${location}`).toBe("localhost:3000");
      // No host-looking start survives either: a second reading of the answer is the same path.
      expect(location.startsWith("//") || location.startsWith("/\\"), JSON.stringify(target)).toBe(false);
    }
    expect(leaving).toBe(0);
  });

  it("sends the issue's five examples to /admin", () => {
    for (const t of [
      "/.//evil.example",
      "/..//evil.example",
      "/a/..//evil.example",
      "/%2e//evil.example",
      "/./\\evil.example",
    ])
      expect(safeRedirect(t), t).toBe("/admin");
  });

  it("keeps ordinary paths, normalised", () => {
    expect(safeRedirect("/admin/waves?x=1#y")).toBe("/admin/waves?x=1#y");
    expect(safeRedirect("/admin/./waves/../panels")).toBe("/admin/panels");
    expect(safeRedirect("/admin/outbox/%2F%2Fevil")).toBe("/admin/outbox/%2F%2Fevil");
    expect(safeRedirect("/results?segment=a//b")).toBe("/results?segment=a//b");
    expect(safeRedirect(null)).toBe("/admin");
  });
});
