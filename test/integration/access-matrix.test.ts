import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/lib/web";
import { createApiKey } from "~/models/api-key.server";
import { ensurePanel } from "~/models/panel.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { createWave } from "~/models/wave.server";
import { adminSession } from "../helpers/admin";

type Need = Role | "public";
interface Rule {
  loader?: Need;
  action?: Need;
  /**
   * What the route touches: one panel (`:slug` is a panel), one wave (`:slug` is a wave), or
   * something only an admin or key of every panel may do (create a panel). Lists and forms that
   * name a panel in their body are attacked in panel-isolation.test.ts.
   */
  scope?: "panel" | "wave" | "every-panel";
}

/**
 * Who may call each route's loader and action. Every route file must be listed: a new route
 * fails this test until its access rule is written down here.
 */
const MATRIX: Record<string, Rule> = {
  "_index.tsx": { loader: "public" },
  "healthz.ts": { loader: "public" },
  "s.$token.tsx": { loader: "public" },
  "s.$token_.answers.ts": { loader: "public", action: "public" },
  "s.$token_.thanks.tsx": { loader: "public" },
  "o.$code.tsx": { loader: "public" },
  "o.$code_.answers.ts": { loader: "public", action: "public" },
  "o.$code_.thanks.tsx": {},
  "join.$panelSlug.tsx": { loader: "public", action: "public" },
  "join.confirm.$token.tsx": { loader: "public", action: "public" },
  "me._index.tsx": { loader: "public", action: "public" },
  "me.link.$token.tsx": { loader: "public", action: "public" },
  "me.data[.json].ts": { loader: "public" }, // the signed-in panelist only: 401 otherwise (my-data.test.ts)
  "me.email.$token.tsx": { loader: "public", action: "public" },
  "u.$token.tsx": { loader: "public", action: "public" },
  "admin_.login.tsx": { loader: "public", action: "public" },
  // Password reset by email (issue 23, item 13): asked for and used without a session.
  "admin_.reset.tsx": { action: "public" },
  "admin_.reset_.$token.tsx": { loader: "public", action: "public" },
  "admin_.logout.ts": { loader: "public", action: "public" },
  // The second factor after a right password (a signed pending cookie, no session yet; issue 23, item 13).
  "admin_.login_.code.tsx": { loader: "public", action: "public" },
  "admin_.login_.enrol.tsx": { loader: "public", action: "public" },
  "admin.account.tsx": { loader: "viewer", action: "viewer" }, // requiring it of every admin: owner (second-factor.test.ts)
  "admin.tsx": { loader: "viewer" },
  "admin._index.tsx": { loader: "viewer" },
  "admin.audit.tsx": { loader: "viewer" },
  "admin.outbox._index.tsx": { loader: "viewer" },
  "admin.outbox.$id.tsx": { loader: "viewer", action: "viewer" }, // a copy of the message to oneself
  "admin.api-keys.tsx": { loader: "owner", action: "owner" },
  "admin.panels.new.tsx": { loader: "editor", action: "editor", scope: "every-panel" },
  "admin.panels.$slug.panelists._index.tsx": { loader: "viewer", scope: "panel" },
  "admin.panels.$slug.panelists.new.tsx": { loader: "editor", action: "editor", scope: "panel" },
  "admin.panels.$slug.panelists.$id.tsx": { loader: "viewer", action: "editor", scope: "panel" },
  "admin.panels.$slug.import.tsx": { loader: "editor", action: "editor", scope: "panel" },
  "admin.panels.$slug.import.$id.rejected[.csv].ts": { loader: "editor", scope: "panel" },
  "admin.panels.$slug.export[.csv].ts": { loader: "viewer", scope: "panel" },
  "admin.panels.$slug.contact.tsx": { loader: "viewer", action: "editor", scope: "panel" },
  "admin.panels.$slug.logo.tsx": { loader: "viewer", action: "editor", scope: "panel" },
  "panels.$slug.logo.ts": { loader: "public" },
  "admin.waves._index.tsx": { loader: "viewer" },
  "admin.waves.new.tsx": { loader: "editor", action: "editor" },
  "admin.waves.preview.ts": { loader: "editor" },
  "admin.waves.$slug.tsx": { loader: "viewer", action: "editor", scope: "wave" },
  "admin.waves.$slug.invitations[.csv].ts": { loader: "viewer", scope: "wave" },
  "admin.waves.$slug_.results.tsx": { loader: "viewer", action: "editor", scope: "wave" },
  "admin.waves.$slug_.quotes.tsx": { loader: "viewer", action: "editor", scope: "wave" },
  "admin.waves.$slug.responses[.csv].ts": { loader: "editor", scope: "wave" },
  "admin.waves.$slug.responses[.xlsx].ts": { loader: "editor", scope: "wave" },
  "admin.waves.$slug.responses[.json].ts": { loader: "editor", scope: "wave" },
  "results._index.tsx": { loader: "public" },
  "results.$waveSlug.tsx": { loader: "public" },
  "results.$waveSlug_.json.ts": { loader: "public" },
  "results.$waveSlug_.csv.ts": { loader: "public" },
  "results.series.$slug.tsx": { loader: "public" },
  "results.series.$slug_.json.ts": { loader: "public" },
  "results.series.$slug_.csv.ts": { loader: "public" },
  "api.v1.waves.ts": { loader: "viewer", action: "editor" },
  "api.v1.waves.$slug.invitations.ts": { action: "editor", scope: "wave" },
  "api.v1.waves.$slug.reminders.ts": { action: "editor", scope: "wave" },
  "api.v1.waves.$slug.status.ts": { loader: "viewer", scope: "wave" },
  "api.v1.waves.$slug.results.ts": { loader: "viewer", scope: "wave" },
  "api.v1.waves.$slug.publications.ts": { action: "editor", scope: "wave" },
  "api.v1.panels.ts": { loader: "viewer", action: "editor" },
  "api.v1.series.ts": { loader: "viewer", action: "editor" },
  "api.v1.series.$slug.ts": { loader: "viewer", action: "editor" },
  "api.v1.panels.$slug.ts": { loader: "viewer", action: "editor", scope: "panel" },
  "api.v1.panels.$slug.panelists.ts": { loader: "viewer", action: "editor", scope: "panel" },
  "api.v1.panels.$slug.bounces.ts": { action: "editor", scope: "panel" },
  "api.v1.panels.$slug.unsubscribes.ts": { action: "editor", scope: "panel" },
};

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
const modules = import.meta.glob<{ loader?: Handler; action?: Handler }>("../../app/routes/*.{ts,tsx}", {
  eager: true,
});
const routes = Object.fromEntries(Object.entries(modules).map(([file, mod]) => [path.basename(file), mod]));

const ROLES: Role[] = ["viewer", "editor", "owner"];
const panelParams = { slug: "matrix-panel", panelSlug: "matrix-panel", id: "999999", token: "x" };
const waveParams = { ...panelParams, slug: "matrix-wave" };
const cookies: Partial<Record<Role, string>> = {};
const keys: Partial<Record<Role, string>> = {};
/** People and keys with a role on the matrix's panel only, and on another panel only. */
const own: Partial<Record<Role, { cookie: string; key: string }>> = {};
const other: Partial<Record<Role, { cookie: string; key: string }>> = {};

beforeAll(async () => {
  const panel = await ensurePanel({ slug: "matrix-panel", name: "Matrix" });
  const elsewhere = await ensurePanel({ slug: "other-panel", name: "Another team's panel" });
  await syncQuestionnaires("survey-definitions");
  const version = await getCurrentVersion("micro-credentials-2021");
  await createWave({
    slug: "matrix-wave",
    title: "Matrix wave",
    panelId: panel.id,
    questionnaireVersionId: version!.id,
    opensAt: new Date(Date.now() - 60_000),
    closesAt: new Date(Date.now() + 86_400_000),
  });
  for (const role of ROLES) {
    cookies[role] = (await adminSession(role)).cookie;
    keys[role] = (await createApiKey(`matrix ${role}`, role, { label: "test" })).key;
    if (role === "owner") continue;
    own[role] = {
      cookie: (await adminSession(role, panel.id)).cookie,
      key: (await createApiKey(`own ${role}`, role, { label: "test" }, panel.id)).key,
    };
    other[role] = {
      cookie: (await adminSession(role, elsewhere.id)).cookie,
      key: (await createApiKey(`other ${role}`, role, { label: "test" }, elsewhere.id)).key,
    };
  }
});

async function statusOf(
  handler: Handler,
  method: string,
  auth: { cookie?: string; key?: string },
  params: Record<string, string>,
): Promise<number> {
  const headers = new Headers({ Host: "localhost" });
  if (auth.cookie) headers.set("Cookie", auth.cookie);
  if (auth.key) headers.set("Authorization", `Bearer ${auth.key}`);
  if (method === "POST") headers.set("Content-Type", "application/x-www-form-urlencoded");
  const request = new Request("http://localhost/matrix", { method, headers, body: method === "POST" ? "" : undefined });
  try {
    const result = await handler({ request, params, context: {} });
    if (result instanceof Response) return result.status;
    return (result as { init?: { status?: number } } | null)?.init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    return 500;
  }
}

const below = (role: Role) => ROLES.slice(0, ROLES.indexOf(role));

describe("access matrix", () => {
  it("lists every route file", () => {
    expect(Object.keys(routes).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [file, rule] of Object.entries(MATRIX)) {
    for (const kind of ["loader", "action"] as const) {
      const need = rule[kind];
      it(`${file} ${kind}: ${need ?? "none"}`, async () => {
        const handler = routes[file]?.[kind];
        if (!need) {
          expect(handler).toBeUndefined();
          return;
        }
        expect(handler).toBeTypeOf("function");
        if (need === "public") return;
        const method = kind === "loader" ? "GET" : "POST";
        const api = file.startsWith("api.");
        const params = rule.scope === "wave" ? waveParams : panelParams;
        // Anonymous: the API answers 401; the admin sends people to sign in.
        expect(await statusOf(handler as Handler, method, {}, params)).toBe(api ? 401 : 302);
        for (const role of below(need)) {
          expect(
            await statusOf(handler as Handler, method, api ? { key: keys[role] } : { cookie: cookies[role] }, params),
            `${role} must be refused`,
          ).toBe(403);
        }
        const allowed = await statusOf(
          handler as Handler,
          method,
          api ? { key: keys[need] } : { cookie: cookies[need] },
          params,
        );
        expect([401, 403, 500], `${need} must be let in (got ${allowed})`).not.toContain(allowed);
        const pick = (who: { cookie: string; key: string } | undefined) =>
          api ? { key: who?.key } : { cookie: who?.cookie };
        if (rule.scope === "panel" || rule.scope === "wave") {
          // Scoped to this panel at the role needed: let in; scoped to another panel at any role: refused.
          if (need !== "owner") {
            const scoped = await statusOf(handler as Handler, method, pick(own[need]), params);
            expect([401, 403, 500], `${need} of this panel must be let in (got ${scoped})`).not.toContain(scoped);
            for (const role of below(need)) {
              expect(await statusOf(handler as Handler, method, pick(own[role]), params), `${role} of this panel`).toBe(
                403,
              );
            }
          }
          for (const role of ["viewer", "editor"] as const) {
            expect(
              await statusOf(handler as Handler, method, pick(other[role]), params),
              `${role} of another panel must be refused`,
            ).toBe(403);
          }
        }
        if (rule.scope === "every-panel") {
          for (const role of ["viewer", "editor"] as const) {
            expect(await statusOf(handler as Handler, method, pick(own[role]), params), `${role} of one panel`).toBe(
              403,
            );
          }
        }
      });
    }
  }
});

describe("the outbox, as every admin role", () => {
  it("shows every personal link as [personal link], and no token is stored to show", async () => {
    const { invitedPanelist } = await import("../helpers/fixtures");
    const { invite, sendInvitations } = await import("~/flows/fieldwork.server");
    const { requestSignIn } = await import("~/flows/membership.server");
    const { sql } = await import("~/db.server");
    const { loader: message } = await import("~/routes/admin.outbox.$id");
    const { wave, panelist, token } = await invitedPanelist();
    await sql`update panelists set status = 'active' where id = ${panelist.id}`;
    await invite(wave, { label: "test" });
    await sendInvitations(wave, { label: "test" });
    await requestSignIn(panelist.email as string);
    const ids = await sql<
      { id: number; kind: string }[]
    >`select id, kind from emails where panelist_id = ${panelist.id} order by id`;
    expect(ids.map((m) => m.kind)).toEqual(["invitation", "sign-in"]);
    const stored = JSON.stringify(await sql`select * from emails where panelist_id = ${panelist.id}`);
    expect(stored).not.toContain(token);
    expect(stored).not.toMatch(/\/(s|me\/link|u)\/[A-Za-z0-9_.-]{43}/);
    for (const role of ROLES) {
      for (const { id } of ids) {
        const page = (await message({
          request: new Request(`http://localhost/admin/outbox/${id}`, {
            headers: { Host: "localhost", Cookie: cookies[role]! },
          }),
          params: { id: String(id) },
          context: {},
        })) as { email: { textBody: string; headers: Record<string, string> } };
        const shown = JSON.stringify(page.email);
        expect(shown, role).toContain("[personal link]");
        expect(shown, role).not.toMatch(/https?:\/\/[^\s"]*\/(s|me\/link|u)\//);
        expect(shown, role).not.toContain("personal-link.invalid");
      }
    }
  });
});
