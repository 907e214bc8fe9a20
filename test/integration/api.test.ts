import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { createApiKey } from "~/models/api-key.server";
import { ensurePanel } from "~/models/panel.server";
import { getPanelistByEmail, upsertPanelist } from "~/models/panelist.server";
import * as panels from "~/routes/api.v1.panels";
import * as panelists from "~/routes/api.v1.panels.$slug.panelists";
import * as unsubscribes from "~/routes/api.v1.panels.$slug.unsubscribes";
import { runHandler } from "../helpers/admin";

const keys = {
  viewer: (await createApiKey("test viewer", "viewer", { label: "test" })).key,
  editor: (await createApiKey("test editor", "editor", { label: "test" })).key,
};

function call(path: string, init: { key?: string; body?: unknown; method?: string } = {}) {
  const headers = new Headers();
  if (init.key) headers.set("Authorization", `Bearer ${init.key}`);
  if (init.body !== undefined) headers.set("Content-Type", "application/json");
  return new Request(`http://localhost${path}`, {
    method: init.method ?? (init.body !== undefined ? "POST" : "GET"),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

const run = runHandler;

describe("API authentication", () => {
  it("answers 401 without a key or with a wrong or revoked one, 403 when the role is too low", async () => {
    expect((await run(panels.loader, call("/api/v1/panels"))).status).toBe(401);
    expect((await run(panels.loader, call("/api/v1/panels", { key: "qk_" + "x".repeat(43) }))).status).toBe(401);
    expect((await run(panels.loader, call("/api/v1/panels", { key: "not-a-key" }))).status).toBe(401);
    expect((await run(panels.loader, call("/api/v1/panels", { key: keys.viewer }))).status).toBe(200);
    const denied = await run(
      panels.action,
      call("/api/v1/panels", { key: keys.viewer, body: { slug: "x-panel", name: "X" } }),
    );
    expect(denied.status).toBe(403);
    expect((await denied.json()).error).toMatch(/viewer role/);
    const [row] = await sql<{ hash: Buffer }[]>`select key_hash as hash from api_keys where name = 'test viewer'`;
    expect(row?.hash.toString("hex")).not.toContain(keys.viewer);
  });
});

describe("POST /api/v1/panels", () => {
  it("creates a panel (201), refuses a taken slug (409) and a bad one (400)", async () => {
    const created = await run(
      panels.action,
      call("/api/v1/panels", {
        key: keys.editor,
        body: { slug: "api-panel", name: "API panel", consentText: "I agree." },
      }),
    );
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ slug: "api-panel", name: "API panel", consentText: "I agree." });
    expect(
      (
        await run(
          panels.action,
          call("/api/v1/panels", { key: keys.editor, body: { slug: "api-panel", name: "Again" } }),
        )
      ).status,
    ).toBe(409);
    expect(
      (await run(panels.action, call("/api/v1/panels", { key: keys.editor, body: { slug: "Bad Slug", name: "X" } })))
        .status,
    ).toBe(400);
    const [audit] = await sql<
      { actor: string }[]
    >`select actor from audit_log where entity = 'panel' and changes->>'slug' = 'api-panel'`;
    expect(audit?.actor).toBe("api-key:test editor");
  });
});

describe("POST /api/v1/panels/:slug/panelists", () => {
  it("upserts by email with the import's rules and reports rejected entries by index", async () => {
    const panel = await ensurePanel({ slug: "api-upsert", name: "Upsert" });
    const existing = await upsertPanelist(panel.id, { email: "kept@example.org", name: "Kept", country: "US" });
    await sql`update panelists set status = 'unsubscribed', consent_version = 3, consented_at = '2024-01-01' where id = ${existing.id}`;
    const res = await run(
      panelists.action,
      call("/api/v1/panels/api-upsert/panelists", {
        key: keys.editor,
        body: [
          {
            email: "new@example.org",
            name: "New Person",
            country: "Chile",
            organisationType: "Private university",
            roleCategory: "provost",
            attributes: { cohort: "2024" },
          },
          { email: "KEPT@example.org", name: "Kept Renamed", country: "CA" },
          { email: "broken", name: "Broken", country: "US" },
          { email: "far@example.org", name: "Far", country: "Atlantis" },
          { email: "new@example.org", name: "Twice", country: "CL" },
          { name: "No email", country: "US" },
        ],
      }),
      { slug: "api-upsert" },
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.created).toBe(1);
    expect(body.updated).toBe(1);
    expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([2, 3, 4, 5]);
    expect(body.rejected[0].errors).toEqual(["email: Email is not a valid address."]);

    const fresh = await getPanelistByEmail(panel.id, "new@example.org");
    expect(fresh).toMatchObject({
      country: "CL",
      region: "Latin America & Caribbean",
      organisationType: "private-university",
      roleCategory: "provost",
      status: "active",
      attributes: { cohort: "2024" },
    });
    const kept = await getPanelistByEmail(panel.id, "kept@example.org");
    expect(kept).toMatchObject({ name: "Kept Renamed", country: "CA", status: "unsubscribed", consentVersion: 3 });
  });

  it("lists panelists, filtered by region name and status, paginated", async () => {
    const panel = await ensurePanel({ slug: "api-list", name: "List" });
    await upsertPanelist(panel.id, { email: "a@example.org", name: "A", country: "US" });
    await upsertPanelist(panel.id, { email: "b@example.org", name: "B", country: "IN" });
    const res = await run(
      panelists.loader,
      call("/api/v1/panels/api-list/panelists?region=South%20Asia&status=active&page=1", { key: keys.viewer }),
      { slug: "api-list" },
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(1);
    expect(body.panelists.map((p: { email: string }) => p.email)).toEqual(["b@example.org"]);
    const bad = await run(
      panelists.loader,
      call("/api/v1/panels/api-list/panelists?region=Atlantis", { key: keys.viewer }),
      { slug: "api-list" },
    );
    expect(bad.status).toBe(400);
    expect(
      (await run(panelists.loader, call("/api/v1/panels/nope/panelists", { key: keys.viewer }), { slug: "nope" }))
        .status,
    ).toBe(404);
  });

  it("answers 413 with a sentence to a body over 10 MB, and stores nothing", async () => {
    const panel = await ensurePanel({ slug: "api-big", name: "Big" });
    const people = Array.from({ length: 60_000 }, (_, i) => ({
      email: `p${i}@big.example`,
      name: "x".repeat(160),
      country: "FR",
    }));
    const res = await run(
      panelists.action,
      call("/api/v1/panels/api-big/panelists", { key: keys.editor, body: people }),
      { slug: "api-big" },
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/larger than 10 MB/);
    expect(await sql`select 1 from panelists where panel_id = ${panel.id}`).toHaveLength(0);
  });

  it("answers 400 to a body that is not a JSON array", async () => {
    await ensurePanel({ slug: "api-bad", name: "Bad" });
    expect(
      (
        await run(
          panelists.action,
          call("/api/v1/panels/api-bad/panelists", { key: keys.editor, body: { email: "x" } }),
          { slug: "api-bad" },
        )
      ).status,
    ).toBe(400);
  });
});

describe("POST /api/v1/panels/:slug/unsubscribes", () => {
  it("marks the given people unsubscribed and says which emails it did not know", async () => {
    const panel = await ensurePanel({ slug: "api-unsub", name: "Unsub" });
    await upsertPanelist(panel.id, { email: "leaving@example.org", name: "Leaving", country: "US" });
    const res = await run(
      unsubscribes.action,
      call("/api/v1/panels/api-unsub/unsubscribes", {
        key: keys.editor,
        body: { emails: ["Leaving@example.org", "ghost@example.org"] },
      }),
      { slug: "api-unsub" },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ unsubscribed: 1, notFound: ["ghost@example.org"] });
    expect((await getPanelistByEmail(panel.id, "leaving@example.org"))?.status).toBe("unsubscribed");
  });
});
