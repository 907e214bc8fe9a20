import { describe, expect, it } from "vitest";
import { readAtMost } from "~/http/body.server";

/** A request whose body is `chunks` chunks of 64 KB, counting how many the server pulled. */
function streamed(chunks: number, declare: boolean) {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(120);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled += 1;
      controller.enqueue(chunk);
    },
  });
  const headers: Record<string, string> = declare ? { "Content-Length": String(chunks * chunk.byteLength) } : {};
  const request = new Request("http://localhost/me", { method: "POST", headers, body, duplex: "half" } as RequestInit);
  return { request, pulled: () => pulled };
}

describe("a body over the limit", () => {
  it("is refused, and read to its end when its length is declared, so the client can read the refusal", async () => {
    const big = streamed(40, true); // 2.5 MB against a 1 MB limit
    expect(await readAtMost(big.request, 1024 * 1024)).toBeUndefined();
    expect(big.pulled()).toBe(40);
  });

  it("within the limit, is read whole", async () => {
    const small = streamed(4, true);
    expect((await readAtMost(small.request, 1024 * 1024))?.byteLength).toBe(4 * 64 * 1024);
  });
});
