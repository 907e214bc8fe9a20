import { beforeEach, describe, expect, it } from "vitest";
import { ensurePanel } from "~/models/panel.server";
import { upsertAdmin } from "~/flows/admins.server";
import { mailKey, resetRateLimits } from "~/http/rate-limit.server";
import { action as signInAction } from "~/routes/admin_.login";
import { action as joinAction } from "~/routes/join.$panelSlug";
import { action as meAction } from "~/routes/me._index";
import { loader as surveyLoader } from "~/routes/s.$token";
import { action as answersAction } from "~/routes/s.$token_.answers";
import { loader as unsubscribeLoader } from "~/routes/u.$token";
import { sql } from "~/db.server";
import { hashToken, unsubscribeToken } from "~/lib/security";
import { getServerSecret } from "~/secrets.server";
import { action as openAnswers } from "~/routes/o.$code_.answers";
import { answers2021, invitedPanelist } from "../helpers/fixtures";
import { outcomeOf, request } from "../helpers/admin";

const from = (ip: string) => ({ clientIp: ip });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (args: any) => Promise<unknown>;
const call = (fn: Handler, req: Request, params: Record<string, string>, context: object) =>
  outcomeOf(fn({ request: req, params, context }));

beforeEach(() => resetRateLimits());

async function statusOf(outcome: Promise<{ status: number }>) {
  return (await outcome).status;
}

describe("rate limits", () => {
  it("refuses an address's made-up links after 20, with Retry-After and a sentence, but never a link that exists (a campus behind one NAT)", async () => {
    const { token } = await invitedPanelist();
    const fake = "A".repeat(token.length);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1)
      statuses.push(await statusOf(call(surveyLoader, request(`/s/${fake}`), { token: fake }, from("198.51.100.7"))));
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses[20]).toBe(429);
    const refused = await call(surveyLoader, request(`/s/${fake}`), { token: fake }, from("198.51.100.7"));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(refused.body).toMatch(/Too many links that do not exist .* try again in 10 minutes/);
    const madeUpPost = await call(
      answersAction,
      new Request(`http://localhost/s/${fake}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ data: {}, complete: false }),
      }),
      { token: fake },
      from("198.51.100.7"),
    );
    expect(madeUpPost.status).toBe(429);
    expect((madeUpPost.body as { error: string }).error).toMatch(/try again/);
    expect(
      await statusOf(call(unsubscribeLoader, request("/u/nonsense"), { token: "nonsense" }, from("198.51.100.7"))),
    ).toBe(429);

    // A colleague behind the same address opens their real link, answers through it, and unsubscribes:
    // none of it is refused, and none of it counts.
    const page = await call(surveyLoader, request(`/s/${token}`), { token }, from("198.51.100.7"));
    expect(page.status).toBe(200);
    const post = await call(
      answersAction,
      new Request(`http://localhost/s/${token}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ data: {}, complete: false }),
      }),
      { token },
      from("198.51.100.7"),
    );
    expect(post.status).toBe(200);
    const [stored] = await sql<{ n: number }[]>`
      select count(*)::int as n from responses r join invitations i on i.id = r.invitation_id
      where i.token_hash = ${hashToken(token)}`;
    expect(stored?.n).toBe(1);
    const { panelistId } = (
      await sql<{ panelistId: number }[]>`select panelist_id from invitations where token_hash = ${hashToken(token)}`
    )[0]!;
    const unsubscribe = `${panelistId}.${unsubscribeToken(getServerSecret(), panelistId)}`;
    expect(
      await statusOf(
        call(unsubscribeLoader, request(`/u/${unsubscribe}`), { token: unsubscribe }, from("198.51.100.7")),
      ),
    ).toBe(200);
    // Another address is not affected.
    expect(await statusOf(call(surveyLoader, request(`/s/${token}`), { token }, from("198.51.100.8")))).toBe(200);
  });

  it("limits join requests from one address to 10 an hour", async () => {
    const panel = await ensurePanel({ slug: "limited-join", name: "Limited", consentText: "I agree." });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const form = {
        email: `joiner${i}@example.org`,
        name: "Joiner",
        country: "FR",
        consent: "yes",
        organisation: "Uni",
        organisationType: "public-university",
        roleCategory: "president",
        jobTitle: "President",
      };
      statuses.push(
        await statusOf(
          call(joinAction, request("/join/limited-join", { form }), { panelSlug: panel.slug }, from("192.0.2.1")),
        ),
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(
      await statusOf(
        call(
          joinAction,
          request("/join/limited-join", { form: { email: "x@example.org" } }),
          { panelSlug: panel.slug },
          from("192.0.2.2"),
        ),
      ),
    ).toBe(400);
  });

  it("takes at most 10 open-link answers an hour from one address, so nobody pads a group with answers that cannot be checked", async () => {
    const { wave } = await invitedPanelist();
    await sql`update waves set open_link_code = ${`pad${wave.id}x`} where id = ${wave.id}`;
    const code = `pad${wave.id}x`;
    // Each answer from a browser of its own: a cookie the server gave (signed), as a new browser gets on the page.
    const { browserKey } = await import("~/http/browser-key.server");
    const cookies: string[] = [];
    for (let i = 0; i < 13; i += 1)
      cookies.push(
        ((await browserKey(new Request("http://localhost/o/x"))).setCookie as string).split(";")[0] as string,
      );
    const answer = (i: number, ip: string) =>
      call(
        openAnswers,
        new Request(`http://localhost/o/${code}`, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            Cookie: cookies[i] as string,
          },
          body: JSON.stringify({ data: answers2021, complete: true }),
        }),
        { code },
        from(ip),
      );
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await answer(i, "198.51.100.7")).status);
    expect(statuses.slice(0, 10).every((st) => st !== 429)).toBe(true);
    const refused = await answer(11, "198.51.100.7");
    expect(refused.status).toBe(429);
    expect((refused.body as { error: string }).error).toMatch(
      /Too many answers to this survey were sent from your network/,
    );
    expect((await answer(12, "198.51.100.8")).status).not.toBe(429);
    const [stored] = await sql<
      { n: number }[]
    >`select count(*)::int as n from responses where wave_id = ${wave.id} and source = 'open-link'`;
    expect(stored!.n).toBeLessThanOrEqual(11);
  });

  it("sends at most 3 sign-in links an hour to one address, and 10 an hour from one network", async () => {
    const ask = (email: string, ip: string) =>
      call(meAction, request("/me", { form: { intent: "request-link", email } }), {}, from(ip));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push(await statusOf(ask("Target@Example.org", `203.0.113.${i}`)));
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await ask("target@example.org", "203.0.113.50");
    expect(JSON.stringify(refused.body)).toMatch(/already sent several sign-in links/);
    const network: number[] = [];
    for (let i = 0; i < 11; i += 1) network.push(await statusOf(ask(`person${i}@example.org`, "203.0.113.99")));
    expect(network.filter((s) => s === 429)).toHaveLength(1);
    expect(network[10]).toBe(429);
  });

  it("are counted in PostgreSQL, so another instance (or a restart) sees the same counts", async () => {
    for (let i = 0; i < 3; i += 1)
      await call(
        meAction,
        request("/me", { form: { intent: "request-link", email: "shared@example.org" } }),
        {},
        from("192.0.2.77"),
      );
    // Keyed by a digest of the address, never the address itself (issue 23, item 4).
    const key = `magicLinkEmail:${mailKey("shared@example.org")}`;
    const [row] = await sql<{ points: number }[]>`select points from rate_limits where key = ${key}`;
    expect(row?.points).toBe(3);
    expect(await sql`select 1 from rate_limits where key ilike ${"%shared@example.org%"}`).toHaveLength(0);
    // A fresh process's limiters (as another instance would have) read the same row.
    const { consume } = await import("~/http/rate-limit.server");
    await sql`update rate_limits set points = 3 where key = ${key}`;
    expect(await consume("magicLinkEmail", mailKey("shared@example.org"))).toMatchObject({
      message: /We already sent several sign-in links/,
    });
  });

  it("refuses a 31st sign-in attempt from one address within 15 minutes, across emails", async () => {
    await upsertAdmin("limited@example.org", "a long enough password", "viewer");
    let last = 0;
    for (let i = 0; i < 31; i += 1) {
      last = await statusOf(
        call(
          signInAction,
          request("/admin/login", { form: { email: `guess${i}@example.org`, password: "wrong" } }),
          {},
          from("203.0.113.200"),
        ),
      );
      if (i < 30) expect(last).toBe(401);
    }
    expect(last).toBe(429);
    expect(
      await statusOf(
        call(
          signInAction,
          request("/admin/login", { form: { email: "limited@example.org", password: "a long enough password" } }),
          {},
          from("203.0.113.201"),
        ),
      ),
    ).toBe(302);
  });
});
