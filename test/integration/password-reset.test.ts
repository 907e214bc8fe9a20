import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { signIn } from "~/flows/admins.server";
import { loader as adminHome } from "~/routes/admin._index";
import { action as ask } from "~/routes/admin_.reset";
import { action as choose, loader as resetPage } from "~/routes/admin_.reset_.$token";
import { adminSession, outcomeOf, request } from "../helpers/admin";
import { deliverTo, linkIn } from "../helpers/mail";

const askFor = (email: string, ip: string) =>
  outcomeOf(ask({ request: request("/admin/reset", { form: { email } }), params: {}, context: { clientIp: ip } }));
const chooseWith = (token: string, password: string, confirm = password) =>
  outcomeOf(
    choose({
      request: request(`/admin/reset/${token}`, { form: { password, confirm } }),
      params: { token },
      context: {},
    }),
  );
const mailsTo = async (to: string) =>
  (await sql<{ n: number }[]>`select count(*)::int as n from emails where lower(to_address) = lower(${to})`)[0]?.n;

describe("password reset by email (issue 23, item 13)", () => {
  it("mails a single-use, short-lived link (never stored), sets the new password, and ends every session", async () => {
    const { admin, cookie } = await adminSession("editor");
    expect(
      (await outcomeOf(adminHome({ request: request("/admin", { cookie }), params: {}, context: {} }))).status,
    ).toBe(200);

    const asked = await askFor(admin.email.toUpperCase(), "198.51.100.7");
    const stranger = await askFor("nobody-here@example.org", "198.51.100.8");
    expect(asked.status).toBe(200);
    expect(stranger).toEqual(asked); // the same answer: who is an admin is not told
    expect(await mailsTo("nobody-here@example.org")).toBe(0);
    const [stored] = await sql<{ textBody: string; links: unknown[] }[]>`
      select text_body, links from emails where kind = 'admin-reset' and lower(to_address) = lower(${admin.email})`;
    expect(stored?.textBody).not.toMatch(/\/admin\/reset\/[A-Za-z0-9_-]{43}/); // no link at rest
    const [message] = await deliverTo(admin.email);
    const token = linkIn(message!.text, "/admin/reset");
    expect(message!.subject).toBe("Reset your Quorum password");
    // Stored only as its hash, for 30 minutes.
    const [row] = await sql<{ minutes: number }[]>`
      select round(extract(epoch from expires_at - created_at) / 60)::int as minutes from admin_password_resets where admin_id = ${admin.id}`;
    expect(row?.minutes).toBe(30);
    expect(JSON.stringify(await sql`select * from admin_password_resets`)).not.toContain(token);

    expect(
      await outcomeOf(resetPage({ request: request(`/admin/reset/${token}`), params: { token }, context: {} })),
    ).toMatchObject({
      body: { usable: true },
    });
    expect((await chooseWith(token, "short")).status).toBe(400);
    expect((await chooseWith(token, "a new long password", "another long password")).status).toBe(400);
    const saved = await chooseWith(token, "a new long password 2026");
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/admin/login?reset=1");

    // Sessions ended; the old password no longer works, the new one does.
    expect(await sql`select 1 from sessions where admin_id = ${admin.id}`).toHaveLength(0);
    expect(
      (await outcomeOf(adminHome({ request: request("/admin", { cookie }), params: {}, context: {} }))).status,
    ).toBe(302);
    expect((await signIn(admin.email, "a long enough password", null)).kind).toBe("wrong");
    expect((await signIn(admin.email, "a new long password 2026", null)).kind).toBe("ok");

    // Single use.
    const again = await chooseWith(token, "yet another long password");
    expect(again.status).toBe(410);
    expect(JSON.stringify(again.body)).toMatch(/used or has expired/);
    expect((await signIn(admin.email, "yet another long password", null)).kind).toBe("wrong");
  });

  it("refuses an expired link, a made-up one, and an older link once a newer one is sent; mails an address at most once an hour", async () => {
    const { admin } = await adminSession("viewer");
    await askFor(admin.email, "198.51.100.20");
    const first = linkIn((await deliverTo(admin.email))[0]!.text, "/admin/reset");
    await sql`update admin_password_resets set expires_at = now() - interval '1 second' where admin_id = ${admin.id}`;
    expect((await chooseWith(first, "a new long password 2026")).status).toBe(410);
    for (const made of ["x".repeat(43), "../../admin", "", "A".repeat(500)])
      expect((await chooseWith(made, "a new long password 2026")).status).toBe(410);

    // A second request within the hour sends nothing (one email an hour to an address, whoever asks)…
    const before = await mailsTo(admin.email);
    expect((await askFor(admin.email, "198.51.100.21")).status).toBe(200);
    expect(await mailsTo(admin.email)).toBe(before);
    // …and once the hour is over, a new link makes the older one useless.
    await sql`delete from rate_limits where key like 'mailToAddress:%'`;
    await sql`update admin_password_resets set expires_at = now() + interval '10 minutes' where admin_id = ${admin.id}`;
    await askFor(admin.email, "198.51.100.22");
    const second = linkIn((await deliverTo(admin.email))[0]!.text, "/admin/reset");
    expect((await chooseWith(first, "a new long password 2026")).status).toBe(410);
    expect((await chooseWith(second, "a new long password 2026")).status).toBe(302);
  });

  it("limits requests from one network", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await askFor(`someone-${i}@example.org`, "198.51.100.99")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
