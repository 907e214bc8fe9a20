import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { signIn, upsertAdmin } from "~/models/admin.server";
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
    if (result && typeof result === "object" && "init" in result) return (result as { init?: { status?: number } }).init?.status ?? 200;
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

  it("locks an email after 5 failures in 15 minutes, with a 429 and a sentence, even for the right password", async () => {
    await upsertAdmin("locked@example.org", "correct horse battery", "editor");
    for (let i = 0; i < 5; i++) {
      const res = await loginAction(args(request("/admin/login", { form: { email: "locked@example.org", password: `wrong-${i}` } })));
      expect(await status(Promise.resolve(res))).toBe(401);
    }
    const locked = await loginAction(args(request("/admin/login", { form: { email: "locked@example.org", password: "correct horse battery" } })));
    expect(await status(Promise.resolve(locked))).toBe(429);
    expect(JSON.stringify(locked)).toMatch(/Too many attempts for this email: try again in 1[45] minutes\./);
    // Another email is not affected.
    await upsertAdmin("free@example.org", "correct horse battery", "viewer");
    expect((await signIn("free@example.org", "correct horse battery", null)).kind).toBe("ok");
  });

  it("redirects a signed-in admin with a session cookie, and refuses a cross-site form", async () => {
    await upsertAdmin("cookie@example.org", "correct horse battery", "viewer");
    const res = await loginAction(args(request("/admin/login", { form: { email: "cookie@example.org", password: "correct horse battery", redirectTo: "/admin/audit" } })));
    expect(res).toBeInstanceOf(Response);
    const response = res as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin/audit");
    expect(response.headers.get("Set-Cookie")).toMatch(/__quorum=.*HttpOnly.*SameSite=Lax/i);
    const offsite = await loginAction(args(request("/admin/login", { form: { email: "cookie@example.org", password: "correct horse battery", redirectTo: "//evil.example" } })));
    expect((offsite as Response).headers.get("Location")).toBe("/admin");
    const cross = request("/admin/login", { form: { email: "cookie@example.org", password: "x" }, headers: { Origin: "https://evil.example" } });
    expect(await status(loginAction(args(cross)))).toBe(403);
    // Fetch Metadata decides when the browser sends it: cross-site and same-site are refused,
    // while same-origin passes even with the "null" Origin of a no-referrer page.
    for (const site of ["cross-site", "same-site"]) {
      const metadata = request("/admin/login", { form: { email: "cookie@example.org", password: "x" }, headers: { "Sec-Fetch-Site": site } });
      expect(await status(loginAction(args(metadata)))).toBe(403);
    }
    const tokenPage = request("/admin/login", { form: { email: "cookie@example.org", password: "correct horse battery" }, headers: { "Sec-Fetch-Site": "same-origin", Origin: "null" } });
    expect(await status(loginAction(args(tokenPage)))).toBe(302);
    const nullOrigin = request("/admin/login", { form: { email: "cookie@example.org", password: "x" }, headers: { Origin: "null" } });
    // "null" without Fetch Metadata is let through, as Remix does: the password check answers.
    expect(await status(loginAction(args(nullOrigin)))).toBe(401);
    const garbled = request("/admin/login", { form: { email: "cookie@example.org", password: "x" }, headers: { Origin: "not a url" } });
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
    expect(await status(newPanelistAction(args(request("/admin/panels/roles-panel/panelists/new", { cookie: viewer.cookie, form }), { slug: panel.slug })))).toBe(403);
    expect(await status(newPanelistAction(args(request("/admin/panels/roles-panel/panelists/new", { cookie: editor.cookie, form }), { slug: panel.slug })))).toBe(302);
    expect(await status(apiKeysLoader(args(request("/admin/api-keys", { cookie: editor.cookie }))))).toBe(403);
    expect(await status(apiKeysLoader(args(request("/admin/api-keys", { cookie: owner.cookie }))))).toBe(200);
    const [audit] = await sql<{ actor: string; action: string; entity: string }[]>`
      select actor, action, entity from audit_log where actor = ${editor.admin.email}`;
    expect(audit).toEqual({ actor: editor.admin.email, action: "create", entity: "panelist" });
  });

  it("answers field-level errors with a 400 and stores nothing", async () => {
    const panel = await ensurePanel({ slug: "errors-panel", name: "Errors" });
    const editor = await adminSession("editor");
    const res = await newPanelistAction(args(request("/admin/panels/errors-panel/panelists/new", { cookie: editor.cookie, form: { name: "", email: "nope", country: "Atlantis" } }), { slug: panel.slug }));
    expect(await status(Promise.resolve(res))).toBe(400);
    const body = JSON.stringify(res);
    expect(body).toContain("Name is required.");
    expect(body).toContain("Email is not a valid address.");
    expect(body).toContain('Country \\"Atlantis\\" is unknown');
    const [count] = await sql<{ n: number }[]>`select count(*) as n from panelists where panel_id = ${panel.id}`;
    expect(count?.n).toBe(0);
  });
});
