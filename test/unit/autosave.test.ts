import { describe, expect, it } from "vitest";
import { isTransient, newestCopy, parseLocalCopy, retryDelayMs } from "~/lib/respondent";

describe("autosave helpers", () => {
  it("resumes from the more recent of the server's and the browser's copies", () => {
    const server = { data: { a: 1 }, page: 2, savedAt: "2026-11-23T10:00:00.000Z" };
    const older = { data: { a: 0 }, page: 1, savedAt: "2026-11-23T09:00:00.000Z" };
    const newer = { data: { a: 2 }, page: 3, savedAt: "2026-11-23T11:00:00.000Z" };
    expect(newestCopy(server, older)).toBe(server);
    expect(newestCopy(server, newer)).toBe(newer);
    expect(newestCopy(null, newer)).toBe(newer);
    expect(newestCopy(server, undefined)).toBe(server);
    expect(newestCopy(undefined, undefined)).toBeUndefined();
  });

  it("reads only well-formed copies", () => {
    expect(parseLocalCopy(null)).toBeUndefined();
    expect(parseLocalCopy("{not json")).toBeUndefined();
    expect(parseLocalCopy(JSON.stringify({ data: [], savedAt: "2026-11-23T10:00:00Z" }))).toBeUndefined();
    expect(parseLocalCopy(JSON.stringify({ data: { a: 1 }, savedAt: "yesterday" }))).toBeUndefined();
    expect(
      parseLocalCopy(
        JSON.stringify({
          data: { a: 1 },
          page: -4,
          savedAt: "2026-11-23T10:00:00Z",
          pendingComplete: true,
          submissionId: "x",
        }),
      ),
    ).toEqual({
      data: { a: 1 },
      page: 0,
      savedAt: "2026-11-23T10:00:00Z",
      pendingComplete: true,
      submissionId: "x",
    });
  });

  it("waits as the server asks, else backs off to at most 30 seconds, and retries only transient failures", () => {
    expect(retryDelayMs(0, "5")).toBe(5000);
    expect(retryDelayMs(0, null)).toBe(1000);
    expect(retryDelayMs(3, null)).toBe(8000);
    expect(retryDelayMs(10, null)).toBe(30_000);
    expect(retryDelayMs(0, "3600")).toBe(30_000);
    expect([0, 408, 429, 500, 503].every(isTransient)).toBe(true);
    expect([400, 404, 409, 410, 413, 422].some(isTransient)).toBe(false);
  });
});
