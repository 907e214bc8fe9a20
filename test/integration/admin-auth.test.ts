import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { signIn, upsertAdmin } from "~/flows/admins.server";
import { removeAdmin } from "~/models/admin.server";
import { action as logoutAction } from "~/routes/admin_.logout";
import { action as loginAction } from "~/routes/admin_.login";
import { loader as adminLayout } from "~/routes/admin";
import { action as newPanelistAction } from "~/routes/admin.panels.$slug.panelists.new";
import { loader as apiKeysLoader } from "~/routes/admin.api-keys";
import { ensurePanel } from "~/models/panel.server";
import { adminSession, request } from "../helpers/admin";

const args = (req: Request, params: Record<string, string> = {}) => ({ request: req, params, context: {} });

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    const result = await promise;
    if (result instanceof Response) return result.status;
    if (result && typeof result === "object" && "init" in result)
      return (result as { init?: { status?: number } }).init?.status ?? 200;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("admin sign-in", () => {
  it("stores an argon2id hash, never the password", async () => {
    const admin = await upsertAdmin("hash-check@example.org", "correct horse battery", "viewer");
    const [row] = await sql<{ passwordHash: string }[]>`select password_hash from admins where id = ${admin.id}`;
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain("correct horse");
  });

  it("signs in with the right password, case-insensitive email, and refuses a wrong one", async () => {
    await upsertAdmin("Someone@Example.org", "correct horse battery", "editor");
    expect((await signIn("someone@example.org", "correct horse battery", null)).kind).toBe("ok");
    expect((await signIn("someone@example.org", "wrong", null)).kind).toBe("wrong");
    expect((await signIn("nobody@example.org", "whatever", null)).kind).toBe("wrong");
  });

  it("slows repeated failures from one address with growing waits, while the owner signs in from elsewhere", async () => {
    await upsertAdmin("owner-throttle@example.org", "correct horse battery", "owner");
    const attempt = (password: string, ip: string, headers: Record<string, string> = {}) =>
      loginAction({
        ...args(request("/admin/login", { form: { email: "owner-throttle@example.org", password }, headers })),
        context: { clientIp: ip },
      });
    for (let i = 0; i < 5; i++) expect(await status(attempt(`wrong-${i}`, "198.51.100.66"))).toBe(401);
    const slowed = await attempt("correct horse battery", "198.51.100.66");
    expect(await status(Promise.resolve(slowed))).toBe(429);
    expect(JSON.stringify(slowed)).toMatch(
      /Too many attempts for this email from your network: try again in (2\d|30) seconds\./,
    );
    // The attacker's address is slowed; the owner, elsewhere, is not locked out.
    expect(await status(attempt("correct horse battery", "203.0.113.1"))).toBe(302);
    // The wait grows: after it passes, one more failure doubles it.
    await sql`update sign_in_attempts set at = at - interval '31 seconds' where lower(email) = 'owner-throttle@example.org' and ip = '198.51.100.66'`;
    expect(await status(attempt("still-wrong", "198.51.100.66"))).toBe(401);
    expect(JSON.stringify(await attempt("again-wrong", "198.51.100.66"))).toMatch(/try again in ([5-6]\d) seconds/);
  });

  it("makes unknown devices wait once an account fails from everywhere, but never a device it signed in from", async () => {
    await upsertAdmin("sprayed@example.org", "correct horse battery", "owner");
    const attempt = (password: string, ip: string, cookie?: string) =>
      loginAction({
        ...args(request("/admin/login", { form: { email: "sprayed@example.org", password }, cookie })),
        context: { clientIp: ip },
      });
    const first = (await attempt("correct horse battery", "192.0.2.10")) as Response;
    const device = first.headers
      .getSetCookie()
      .find((c) => c.startsWith("quorum_device="))!
      .split(";")[0]!;
    await sql`insert into sign_in_attempts (email, ip, succeeded) select 'sprayed@example.org', ('10.9.' || (g / 250) || '.' || (g % 250))::inet, false from generate_series(1, 60) as g`;
    expect(await status(attempt("correct horse battery", "192.0.2.99"))).toBe(429); // a new device
    expect(await status(attempt("correct horse battery", "192.0.2.99", device))).toBe(302); // the owner's browser
  });

  it("never slows a browser the account signed in from for others' failures from its address, only for its own (issue 23, item 5)", async () => {
    await upsertAdmin("shared-nat@example.org", "correct horse battery", "owner");
    const attempt = (password: string, ip: string, cookie?: string) =>
      loginAction({
        ...args(request("/admin/login", { form: { email: "shared-nat@example.org", password }, cookie })),
        context: { clientIp: ip },
      });
    const first = (await attempt("correct horse battery", "203.0.113.50")) as Response;
    const device = first.headers
      .getSetCookie()
      .find((c) => c.startsWith("quorum_device="))!
      .split(";")[0]!;
    // Someone on the same network (one address) tries passwords, many times.
    for (let i = 0; i < 12; i++) await attempt(`guess-${i}`, "203.0.113.50");
    expect(await status(attempt("correct horse battery", "203.0.113.50"))).toBe(429); // a browser never used here
    expect(await status(attempt("correct horse battery", "203.0.113.50", device))).toBe(302); // the owner's browser
    // The owner's browser is slowed by its own failures, wherever it is.
    for (let i = 0; i < 5; i++) expect(await status(attempt(`typo-${i}`, `198.18.0.${i + 1}`, device))).toBe(401);
    const slowed = await attempt("correct horse battery", "198.18.0.9", device);
    expect(await status(Promise.resolve(slowed))).toBe(429);
    expect(JSON.stringify(slowed)).toMatch(/Too many wrong passwords from this browser: try again in (2\d|30) seconds/);
  });

  it("redirects a signed-in admin with a session cookie, and refuses a cross-site form", async () => {
    await upsertAdmin("cookie@example.org", "correct horse battery", "viewer");
    const res = await loginAction(
      args(
        request("/admin/login", {
          form: { email: "cookie@example.org", password: "correct horse battery", redirectTo: "/admin/audit" },
        }),
      ),
    );
    expect(res).toBeInstanceOf(Response);
    const response = res as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin/audit");
    expect(response.headers.get("Set-Cookie")).toMatch(/__quorum=.*HttpOnly.*SameSite=Lax/i);
    const offsite = await loginAction(
      args(
        request("/admin/login", {
          form: { email: "cookie@example.org", password: "correct horse battery", redirectTo: "//evil.example" },
        }),
      ),
    );
    expect((offsite as Response).headers.get("Location")).toBe("/admin");
    const cross = request("/admin/login", {
      form: { email: "cookie@example.org", password: "x" },
      headers: { Origin: "https://evil.example" },
    });
    expect(await status(loginAction(args(cross)))).toBe(403);
    // Fetch Metadata decides when the browser sends it: cross-site and same-site are refused,
    // while same-origin passes even with the "null" Origin of a no-referrer page.
    for (const site of ["cross-site", "same-site"]) {
      const metadata = request("/admin/login", {
        form: { email: "cookie@example.org", password: "x" },
        headers: { "Sec-Fetch-Site": site },
      });
      expect(await status(loginAction(args(metadata)))).toBe(403);
    }
    const tokenPage = request("/admin/login", {
      form: { email: "cookie@example.org", password: "correct horse battery" },
      headers: { "Sec-Fetch-Site": "same-origin", Origin: "null" },
    });
    expect(await status(loginAction(args(tokenPage)))).toBe(302);
    const nullOrigin = request("/admin/login", {
      form: { email: "cookie@example.org", password: "x" },
      headers: { Origin: "null" },
    });
    // "null" without Fetch Metadata saying same-origin is refused with a sentence, not a 500.
    expect(await status(loginAction(args(nullOrigin)))).toBe(403);
    const garbled = request("/admin/login", {
      form: { email: "cookie@example.org", password: "x" },
      headers: { Origin: "not a url" },
    });
    expect(await status(loginAction(args(garbled)))).toBe(400);
  });
});

describe("roles", () => {
  it("sends an anonymous visitor to the sign-in page", async () => {
    try {
      await adminLayout(args(request("/admin/outbox")));
      expect.unreachable();
    } catch (thrown) {
      expect((thrown as Response).status).toBe(302);
      expect((thrown as Response).headers.get("Location")).toBe("/admin/login?redirectTo=%2Fadmin%2Foutbox");
    }
  });

  it("lets a viewer read, but not change panelists or manage API keys; an owner may", async () => {
    const panel = await ensurePanel({ slug: "roles-panel", name: "Roles" });
    const viewer = await adminSession("viewer");
    const editor = await adminSession("editor");
    const owner = await adminSession("owner");
    const form = { name: "Ana", email: "ana-roles@example.org", country: "CL" };
    expect(await status(adminLayout(args(request("/admin", { cookie: viewer.cookie }))))).toBe(200);
    expect(
      await status(
        newPanelistAction(
          args(request("/admin/panels/roles-panel/panelists/new", { cookie: viewer.cookie, form }), {
            slug: panel.slug,
          }),
        ),
      ),
    ).toBe(403);
    expect(
      await status(
        newPanelistAction(
          args(request("/admin/panels/roles-panel/panelists/new", { cookie: editor.cookie, form }), {
            slug: panel.slug,
          }),
        ),
      ),
    ).toBe(302);
    expect(await status(apiKeysLoader(args(request("/admin/api-keys", { cookie: editor.cookie }))))).toBe(403);
    expect(await status(apiKeysLoader(args(request("/admin/api-keys", { cookie: owner.cookie }))))).toBe(200);
    const [audit] = await sql<{ actor: string; action: string; entity: string }[]>`
      select actor, action, entity from audit_log where actor = ${editor.admin.email}`;
    expect(audit).toEqual({ actor: editor.admin.email, action: "create", entity: "panelist" });
  });

  it("answers field-level errors with a 400 and stores nothing", async () => {
    const panel = await ensurePanel({ slug: "errors-panel", name: "Errors" });
    const editor = await adminSession("editor");
    const res = await newPanelistAction(
      args(
        request("/admin/panels/errors-panel/panelists/new", {
          cookie: editor.cookie,
          form: { name: "", email: "nope", country: "Atlantis" },
        }),
        { slug: panel.slug },
      ),
    );
    expect(await status(Promise.resolve(res))).toBe(400);
    const body = JSON.stringify(res);
    expect(body).toContain("Name is required.");
    expect(body).toContain("Email is not a valid address.");
    expect(body).toContain('Country \\"Atlantis\\" is unknown');
    const [count] = await sql<{ n: number }[]>`select count(*) as n from panelists where panel_id = ${panel.id}`;
    expect(count?.n).toBe(0);
  });
});

describe("admin sessions", () => {
  const signIn = async (email: string, cookie?: string) =>
    (await loginAction(
      args(request("/admin/login", { form: { email, password: "correct horse battery" }, cookie })),
    )) as Response;
  const sessionCookie = (res: Response) =>
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith("__quorum="))!
      .split(";")[0]!;
  const admitted = async (cookie: string) => (await status(adminLayout(args(request("/admin", { cookie }))))) === 200;

  it("are stored on the server: a cookie replayed after sign-out or a password change opens nothing", async () => {
    await upsertAdmin("replay@example.org", "correct horse battery", "editor");
    const cookie = sessionCookie(await signIn("replay@example.org"));
    expect(await admitted(cookie)).toBe(true);
    const out = (await logoutAction(args(request("/admin/logout", { cookie, form: {} })))) as Response;
    expect(out.headers.get("Set-Cookie")).toMatch(/__quorum=;|Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await admitted(cookie)).toBe(false); // replayed after sign-out

    const again = sessionCookie(await signIn("replay@example.org"));
    expect(again).not.toBe(cookie); // a new session at each sign-in
    await upsertAdmin("replay@example.org", "a brand new password 2026", "editor");
    expect(await admitted(again)).toBe(false); // the password changed
  });

  it("end when the role changes or the admin is removed, rotate at sign-in, and expire", async () => {
    const admin = await upsertAdmin("rotate@example.org", "correct horse battery", "editor");
    const before = sessionCookie(await signIn("rotate@example.org"));
    // Signing in with a session already there ends it and starts another (no fixation).
    const after = sessionCookie(await signIn("rotate@example.org", before));
    expect(after).not.toBe(before);
    expect(await admitted(before)).toBe(false);
    await upsertAdmin("rotate@example.org", "correct horse battery", "viewer");
    expect(await admitted(after)).toBe(false);

    const idle = sessionCookie(await signIn("rotate@example.org"));
    await sql`update sessions set last_seen_at = now() - interval '3 hours' where admin_id = ${admin.id}`;
    expect(await admitted(idle)).toBe(false); // idle too long
    const old = sessionCookie(await signIn("rotate@example.org"));
    await sql`update sessions set expires_at = now() - interval '1 second' where admin_id = ${admin.id}`;
    expect(await admitted(old)).toBe(false); // past its absolute end

    const last = sessionCookie(await signIn("rotate@example.org"));
    expect(await removeAdmin("rotate@example.org")).toBe(true);
    expect(await admitted(last)).toBe(false);
  });

  it("go back only to a path on this site after sign-in, however the target is disguised", async () => {
    await upsertAdmin("redirect@example.org", "correct horse battery", "viewer");
    const to = async (redirectTo: string) =>
      (
        (await loginAction(
          args(
            request("/admin/login", {
              form: { email: "redirect@example.org", password: "correct horse battery", redirectTo },
            }),
          ),
        )) as Response
      ).headers.get("Location");
    expect(await to("/admin/waves?x=1#y")).toBe("/admin/waves?x=1#y");
    for (const evil of [
      "/\t/evil.example/phish",
      "/\u0009/evil.example",
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/",
      "/\n/evil.example",
      "javascript:alert(1)",
      // Issue 23: dot segments and their encodings normalise to two slashes.
      "/.//evil.example",
      "/..//evil.example",
      "/a/..//evil.example",
      "/%2e//evil.example",
      "/./\\evil.example",
      "/%2E%2E/%2e//evil.example/phish",
    ]) {
      expect(await to(evil), evil).toBe("/admin");
    }
  });
});
