import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { ensurePanel } from "~/models/panel.server";
import { getPanelistByEmail, upsertPanelist } from "~/models/panelist.server";
import { createImport, previewImport, runImport } from "~/flows/import-panelists.server";
import { getImport } from "~/models/panelist-import.server";

describe("importing into a panel", () => {
  it("creates new people, updates existing ones without touching consent or status, and keeps the rejected rows", async () => {
    const panel = await ensurePanel({ slug: "import-panel", name: "Import" });
    const existing = await upsertPanelist(panel.id, { email: "known@x.org", name: "Known", country: "US" });
    await sql`update panelists set status = 'bounced', consent_version = 2, consented_at = '2025-05-05' where id = ${existing.id}`;
    const content =
      "email,name,country,organisation\nnew@x.org,New,Chile,Uni\nKNOWN@x.org,Known Again,Canada,Org\nbad,Bad,CL,\n";
    const created = await createImport(panel.id, null, "people.csv", content);
    if (!created.ok) throw new Error(created.error);
    const imp = await getImport(panel.id, created.id);
    await runImport(
      imp!,
      {
        email: 0,
        name: 1,
        country: 2,
        organisation: 3,
        jobTitle: null,
        roleCategory: null,
        organisationType: null,
        language: null,
        attributes: [],
      },
      { label: "test" },
    );
    const done = await getImport(panel.id, created.id);
    expect(done).toMatchObject({ createdCount: 1, updatedCount: 1, rejectedCount: 1 });
    expect(done?.rejected?.[0]).toMatchObject({ line: 4, reasons: ["Email is not a valid address."] });
    expect(await getPanelistByEmail(panel.id, "known@x.org")).toMatchObject({
      name: "Known Again",
      country: "CA",
      status: "bounced",
      consentVersion: 2,
    });
    expect(await getPanelistByEmail(panel.id, "new@x.org")).toMatchObject({
      status: "active",
      region: "Latin America & Caribbean",
    });
  });

  it("stores the language column mapped in the preview (guessed from its header), and rejects a language Quorum does not speak", async () => {
    const panel = await ensurePanel({ slug: "import-language", name: "Languages" });
    const content =
      "email,name,country,language\nes@x.org,Eva,ES,Spanish\nfr@x.org,Fleur,FR,fr\nxx@x.org,Xu,CN,Klingon\n";
    const created = await createImport(panel.id, null, "people.csv", content);
    if (!created.ok) throw new Error(created.error);
    const imp = await getImport(panel.id, created.id);
    const preview = previewImport(imp!);
    expect(preview.mapping.language).toBe(3);
    await runImport(imp!, preview.mapping, { label: "test" });
    expect(await getImport(panel.id, created.id)).toMatchObject({ createdCount: 2, rejectedCount: 1 });
    const rows = await sql<{ email: string; language: string | null }[]>`
      select email, language from panelists where panel_id = ${panel.id} order by email`;
    expect(rows).toEqual([
      { email: "es@x.org", language: "es" },
      { email: "fr@x.org", language: "fr" },
    ]);
  });

  it("refuses a file with no data rows", async () => {
    const panel = await ensurePanel({ slug: "import-empty", name: "Empty" });
    expect(await createImport(panel.id, null, "empty.csv", "email,name\n")).toEqual({
      ok: false,
      error: "The file has no rows under its header line.",
    });
  });

  it("refuses a file wider than an import could mean, with the limit, before parsing it, through the upload form", async () => {
    const panel = await ensurePanel({ slug: "import-wide", name: "Wide" });
    const { adminSession } = await import("../helpers/admin");
    const { action } = await import("~/routes/admin.panels.$slug.import");
    const { cookie } = await adminSession("editor");
    const upload = async (text: string) => {
      const body = new FormData();
      body.set("intent", "upload");
      body.set("file", new File([text], "wide.csv", { type: "text/csv" }));
      const res = (await action({
        request: new Request("http://localhost/admin/panels/import-wide/import", {
          method: "POST",
          headers: { Cookie: cookie, Host: "localhost" },
          body,
        }),
        params: { slug: panel.slug },
        context: {},
      })) as { init?: { status?: number }; data?: { error?: string }; status?: number };
      return { status: res.init?.status ?? res.status, error: res.data?.error ?? "" };
    };
    // The file: 100,000 columns in 868 KB; then wide data rows under a narrow header, with each delimiter.
    const wide = (n: number, d = ",") => Array.from({ length: n }, (_, i) => `c${i}`).join(d);
    for (const [text, line] of [
      [`${wide(100_000)}\n${wide(100_000)}\n`, "more than 2000 columns"],
      [`${wide(201, ";")}\na;b\n`, "201 columns"],
      [`email,name\n${wide(5_000)}\n`, "more than 2000 columns on line 2"],
      [`email\tname\nx@y.org\tX\n${wide(300, "\t")}\n`, "300 columns on line 3"],
    ] as const) {
      const refused = await upload(text);
      expect(refused.status).toBe(400);
      expect(refused.error).toContain(`This file has ${line}`);
      expect(refused.error).toContain("a panel import reads at most 200");
    }
    expect((await sql`select 1 from panelist_imports where panel_id = ${panel.id}`).length).toBe(0);
    // As wide as allowed is accepted.
    expect((await upload(`email,name,${wide(198)}\na@wide.org,A\n`)).status).toBe(302);
  });
});
