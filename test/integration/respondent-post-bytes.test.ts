// The server answers a completion to a personal link from its bytes (answerPersonalLink, no web
// Request or Response); other callers go through the route's action. Both must give the same reply —
// status, headers and body — for every kind of request, and store the same.
import { beforeEach, describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { action } from "~/routes/s.$token_.answers";
import { answerPersonalLink } from "~/http/respondent.server";
import { resetRateLimits } from "~/http/rate-limit.server";
import { cachedDefinition } from "~/models/questionnaire.server";
import { answers2021, invitedPanelist } from "../helpers/fixtures";

type Reply = { status: number; headers: Record<string, string>; body: unknown };

async function viaAction(token: string, contentType: string, bytes: Uint8Array, ip: string): Promise<Reply> {
  const request = new Request(`http://localhost/s/${token}`, {
    method: "POST",
    headers: { "Content-Type": contentType, "Content-Length": String(bytes.byteLength) },
    body: bytes as unknown as BodyInit,
  });
  const response = await action({ request, params: { token }, context: { clientIp: ip } }).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.json() };
}

async function viaBytes(token: string, contentType: string, bytes: Uint8Array, ip: string): Promise<Reply> {
  try {
    const reply = await answerPersonalLink(token, contentType, bytes, () => ip);
    const headers = Object.fromEntries(Object.entries(reply.headers).map(([k, v]) => [k.toLowerCase(), v]));
    return { status: reply.status, headers, body: JSON.parse(reply.body) };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, headers: Object.fromEntries(thrown.headers), body: await thrown.json() };
  }
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
/** A response id differs between two links: compare everything else. */
const comparable = (r: Reply) => ({ ...r, body: { ...(r.body as object), responseId: undefined } });

beforeEach(async () => {
  await resetRateLimits();
});

describe("a completion answered from its bytes", () => {
  it("gets the route action's reply for every kind of request, and stores the same", async () => {
    const cases: [string, string, (version: number) => Uint8Array][] = [
      ["not JSON", "text/plain", () => json({ data: answers2021, complete: true })],
      ["bad UTF-8", "application/json", () => new Uint8Array([0x7b, 0xff, 0x7d])],
      ["bad JSON", "application/json", () => new TextEncoder().encode("{")],
      ["a NUL", "application/json", () => json({ data: { comment: "a\u0000b" }, complete: true })],
      ["no data", "application/json", () => json({ complete: true })],
      [
        "invalid answers",
        "application/json; charset=utf-8",
        () => json({ data: { strategicImportance: 9 }, complete: true }),
      ],
      ["progress", "application/json", () => json({ data: { country: "CL" }, complete: false, page: 1 })],
      [
        "a page's completion",
        "application/json",
        (v) => json({ data: answers2021, complete: true, language: "en", version: v }),
      ],
      [
        "the same link again",
        "application/json",
        (v) => json({ data: answers2021, complete: true, language: "en", version: v }),
      ],
    ];
    const a = await invitedPanelist();
    const b = await invitedPanelist();
    await cachedDefinition(a.version.id);
    for (const [what, type, body] of cases) {
      const fromAction = await viaAction(a.token, type, body(a.version.id), "203.0.113.1");
      const fromBytes = await viaBytes(b.token, type, body(b.version.id), "203.0.113.2");
      expect(comparable(fromBytes), what).toEqual(comparable(fromAction));
    }
    const stored = (waveId: number) =>
      sql`select status, data, country, language from responses where wave_id = ${waveId}`;
    expect(await stored(b.wave.id)).toEqual(await stored(a.wave.id));
    expect(await stored(b.wave.id)).toHaveLength(1);
  });

  it("counts a made-up link against the address and answers 429 past its allowance, as the action does", async () => {
    const made = "K".repeat(43);
    const body = json({ data: answers2021, complete: true });
    for (let i = 0; i < 20; i += 1)
      expect((await viaBytes(made, "application/json", body, "203.0.113.9")).status).toBe(404);
    const over = await viaBytes(made, "application/json", body, "203.0.113.9");
    const overAction = await viaAction(made, "application/json", body, "203.0.113.9");
    expect(over.status).toBe(429);
    expect(overAction.status).toBe(429);
    expect(over.body).toEqual(overAction.body);
    // Another address is not limited.
    expect((await viaBytes(made, "application/json", body, "203.0.113.10")).status).toBe(404);
  });
});
