import { describe, expect, it } from "vitest";
import { ensurePanel } from "~/models/panel.server";
import { adminSession, outcomeOf, request } from "../helpers/admin";
import { BAD_IDS } from "../helpers/bad-ids";

// Issue 23, item 8: every route that takes a record's id answers 404 with its sentence, never a 500.
describe("ids that are not numbers", () => {
  it("are 'no such record' on every id-bearing admin route", async () => {
    const panel = await ensurePanel({ slug: "ids-panel", name: "Ids" });
    const { cookie } = await adminSession("owner");
    const routes: { name: string; run: (id: string) => Promise<unknown>; sentence: RegExp }[] = [
      {
        name: "/admin/outbox/:id",
        run: async (id) =>
          (await import("~/routes/admin.outbox.$id")).loader({
            request: request(`/admin/outbox/${encodeURIComponent(id)}`, { cookie }),
            params: { id },
            context: {},
          }),
        sentence: /There is no such message/,
      },
      {
        name: "/admin/panels/:slug/import/:id/rejected.csv",
        run: async (id) =>
          (await import("~/routes/admin.panels.$slug.import.$id.rejected[.csv]")).loader({
            request: request(`/admin/panels/ids-panel/import/${encodeURIComponent(id)}/rejected.csv`, { cookie }),
            params: { slug: panel.slug, id },
            context: {},
          }),
        sentence: /There is no finished import here/,
      },
      {
        name: "/admin/panels/:slug/panelists/:id",
        run: async (id) =>
          (await import("~/routes/admin.panels.$slug.panelists.$id")).loader({
            request: request(`/admin/panels/ids-panel/panelists/${encodeURIComponent(id)}`, { cookie }),
            params: { slug: panel.slug, id },
            context: {},
          }),
        sentence: /There is no such panelist/,
      },
      {
        name: "POST /admin/api-keys (revoke)",
        run: async (id) =>
          (await import("~/routes/admin.api-keys")).action({
            request: request(`/admin/api-keys`, { cookie, form: { intent: "revoke", id } }),
            params: {},
            context: {},
          }),
        sentence: /There is no such API key/,
      },
    ];
    let tried = 0;
    for (const route of routes)
      for (const id of BAD_IDS) {
        const outcome = await outcomeOf(route.run(id));
        tried += 1;
        expect(outcome.status, `${route.name} with ${JSON.stringify(id)}`).toBe(404);
        expect(String(outcome.body), route.name).toMatch(route.sentence);
      }
    expect(tried).toBe(routes.length * BAD_IDS.length);
  });

  it("leave the import page at its first step, and a page number that is not one at page 1", async () => {
    await ensurePanel({ slug: "ids-panel-2", name: "Ids 2" });
    const { cookie } = await adminSession("owner");
    const { loader: importPage } = await import("~/routes/admin.panels.$slug.import");
    const { loader: outbox } = await import("~/routes/admin.outbox._index");
    const { loader: audit } = await import("~/routes/admin.audit");
    for (const id of BAD_IDS) {
      const page = await outcomeOf(
        importPage({
          request: request(`/admin/panels/ids-panel-2/import?import=${encodeURIComponent(id)}`, { cookie }),
          params: { slug: "ids-panel-2" },
          context: {},
        }),
      );
      expect(page.status, id).toBe(200);
      expect((page.body as { step: string }).step).toBe("upload");
      for (const [name, loader] of [
        ["outbox", outbox],
        ["audit", audit],
      ] as const) {
        const listed = await outcomeOf(
          loader({
            request: request(`/admin/${name}?page=${encodeURIComponent(id)}`, { cookie }),
            params: {},
            context: {},
          }),
        );
        expect(listed.status, `${name} ?page=${id}`).toBe(200);
      }
    }
  });
});
