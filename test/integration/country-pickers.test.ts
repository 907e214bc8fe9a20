import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { ensurePanel } from "~/models/panel.server";
import { upsertPanelist } from "~/models/panelist.server";
import { loader as newWave } from "~/routes/admin.waves.new";
import { loader as panelists } from "~/routes/admin.panels.$slug.panelists._index";
import { adminSession, request } from "../helpers/admin";

/** A panel with 3 active members in Kenya, 2 in Chile (one more who left), 1 in Brazil. */
async function panelWithCountries(slug: string) {
  const panel = await ensurePanel({ slug, name: `Countries ${slug}` });
  const people: [string, string][] = [
    ["KE", "a"],
    ["KE", "b"],
    ["KE", "c"],
    ["CL", "d"],
    ["CL", "e"],
    ["CL", "f"],
    ["BR", "g"],
  ];
  for (const [country, who] of people)
    await upsertPanelist(panel.id, { email: `${who}-${slug}@example.org`, name: who, country });
  await sql`update panelists set status = 'unsubscribed' where panel_id = ${panel.id} and email like 'f-%'`;
  return panel;
}

describe("country pickers: this panel's countries, largest first", () => {
  it("orders the launch form's countries per panel by active members, then every other country by name", async () => {
    const a = await panelWithCountries("countries-a");
    const b = await ensurePanel({ slug: "countries-b", name: "Countries B" });
    await upsertPanelist(b.id, { email: "z-countries-b@example.org", name: "z", country: "FR" });
    const { cookie } = await adminSession("editor");
    const data = await newWave({ request: request("/admin/waves/new", { cookie }), params: {}, context: {} });
    const ofA = data.countries[a.slug]!;
    expect(ofA.slice(0, 4).map((c) => `${c.name} ${c.count}`)).toEqual([
      "Kenya 3",
      "Chile 2",
      "Brazil 1",
      "Afghanistan 0",
    ]);
    expect(ofA.length).toBeGreaterThan(240); // every country can still be chosen
    expect(data.countries[b.slug]!.slice(0, 2).map((c) => `${c.name} ${c.count}`)).toEqual([
      "France 1",
      "Afghanistan 0",
    ]);
  });

  it("gives only the panels an admin may launch in, and the panelist filter of one panel the same order", async () => {
    const a = await panelWithCountries("countries-c");
    const { cookie } = await adminSession("editor", a.id);
    const data = await newWave({ request: request("/admin/waves/new", { cookie }), params: {}, context: {} });
    expect(Object.keys(data.countries)).toEqual([a.slug]);
    const list = await panelists({
      request: request(`/admin/panels/${a.slug}/panelists`, { cookie }),
      params: { slug: a.slug },
      context: {},
    });
    expect(list.countries.slice(0, 3).map((c) => `${c.code} ${c.count}`)).toEqual(["KE 3", "CL 2", "BR 1"]);
  });
});
