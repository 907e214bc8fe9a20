import { describe, expect, it } from "vitest";
import { readForm } from "~/http/forms.server";

async function refusal(request: Request): Promise<{ status: number; text: string }> {
  try {
    await readForm(request);
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, text: await thrown.text() };
    throw thrown;
  }
  throw new Error("the form was accepted");
}

const url = "http://localhost/join/panel";

describe("readForm", () => {
  it("reads a urlencoded or multipart form", async () => {
    const form = await readForm(
      new Request(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "email=a%40b.example&name=%F0%9F%91%8D",
      }),
    );
    expect(form.get("email")).toBe("a@b.example");
    expect(form.get("name")).toBe("👍");
    const multipart = new FormData();
    multipart.set("file", new Blob(["a,b\n"]), "people.csv");
    expect((await readForm(new Request(url, { method: "POST", body: multipart }))).get("file")).toBeInstanceOf(Blob);
  });

  it("answers 405, 415 or 400 with a sentence instead of throwing a TypeError", async () => {
    expect(await refusal(new Request(url, { method: "PUT", body: "a=1" }))).toMatchObject({ status: 405 });
    expect(
      await refusal(new Request(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })),
    ).toMatchObject({ status: 415, text: /urlencoded or multipart/ });
    expect(
      await refusal(
        new Request(url, {
          method: "POST",
          headers: { "Content-Type": "multipart/form-data; boundary=zz" },
          body: "not multipart",
        }),
      ),
    ).toMatchObject({ status: 400, text: /could not be read/ });
    expect(
      await refusal(
        new Request(url, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: "name=a%00b",
        }),
      ),
    ).toMatchObject({ status: 400, text: /"name" contains a NUL/ });
  });

  it("refuses a body over its limit with a 413 and a sentence, however it is sent, without reading the rest", async () => {
    const big = "name=" + "x".repeat(2 * 1024 * 1024);
    const declared = new Request(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(big.length) },
      body: big,
    });
    expect(await refusal(declared)).toMatchObject({ status: 413, text: /larger than 1 MB/ });
    // Chunked: no length to trust; counted as it arrives, and the stream is left after the limit.
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 1000) return controller.close();
        controller.enqueue(new TextEncoder().encode("x".repeat(64 * 1024)));
      },
    });
    const chunked = new Request(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(await refusal(chunked)).toMatchObject({ status: 413 });
    expect(pulled).toBeLessThan(20); // 1 MB read at most, not 64 MB
    expect(
      (
        await readForm(
          new Request(url, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: big,
          }),
          4 * 1024 * 1024,
        )
      ).get("name"),
    ).toHaveLength(2 * 1024 * 1024);
  });
});
