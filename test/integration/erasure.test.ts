import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { getEnv } from "~/env.server";
import { confirmJoin, requestJoin, signInRequestsDone } from "~/flows/membership.server";
import { createImport, runImport } from "~/flows/import-panelists.server";
import { profileSchema, type Mapping } from "~/lib/panel";
import { mailKey } from "~/lib/security";
import { createTransport } from "~/mailer.server";
import { deliverEmail } from "~/flows/mail.server";
import { makeLinks } from "~/flows/personal-links.server";
import { ensurePanel } from "~/models/panel.server";
import { getImport } from "~/models/panelist-import.server";
import { getPanelistByEmail } from "~/models/panelist.server";
import { action as loginAction } from "~/routes/admin_.login";
import { loader as outboxMessage } from "~/routes/admin.outbox.$id";
import { loader as rejectedCsv } from "~/routes/admin.panels.$slug.import.$id.rejected[.csv]";
import { action as meAction } from "~/routes/me._index";
import { adminSession, outcomeOf, panelistSession, request } from "../helpers/admin";
import { deliverTo, linkIn } from "../helpers/mail";

const OLD = "quentin.erasable@example.org";
const NEW = "q.zyx-new@example.net";
const NAME = "Quentin Zyxwvutsr";

/** Every row of every table (all schemas: the app's and the job queue's) that holds one of these strings, as "schema.table". */
async function tablesHolding(needles: string[]): Promise<string[]> {
  const tables = await sql<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`;
  const patterns = needles.map((n) => `%${n}%`);
  const found: string[] = [];
  for (const t of tables) {
    // The whole row as text: every column of every type at once.
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from ${sql(t.schema)}.${sql(t.name)} as r where r::text ilike any(${patterns})`;
    if (row && row.n > 0) found.push(`${t.schema}.${t.name}`);
  }
  return found.sort();
}

/** Every file under the data folder that holds one of these strings. */
async function filesHolding(needles: string[]): Promise<string[]> {
  const root = getEnv().dataDir;
  const found: string[] = [];
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    const text = (await fs.readFile(file).catch(() => Buffer.alloc(0))).toString("utf8").toLowerCase();
    if (needles.some((n) => text.includes(n.toLowerCase()))) found.push(file);
  }
  return found;
}

const post = (path: string, form: Record<string, string>, cookie?: string) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: {
      Host: "localhost",
      "Content-Type": "application/x-www-form-urlencoded",
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(form),
  });

describe("erasure reaches every table and file that can hold a person's values (issue 23, item 4)", () => {
  it("leaves no address, name or digest of an address anywhere: outbox rows and files, stored imports, rate limits, sign-in attempts, audit", async () => {
    const panel = await ensurePanel({ slug: "erase-all", name: "Erase All Panel", consentText: "I agree." });
    // Joins and confirms; the confirmation is delivered to the outbox folder as a file.
    await requestJoin(
      panel,
      profileSchema.parse({ email: OLD, name: NAME, country: "KE", organisationType: "public-university" }),
    );
    const confirm = linkIn((await deliverTo(OLD)).at(-1)!.text, "/join/confirm");
    await confirmJoin(confirm);
    const person = (await getPanelistByEmail(panel.id, OLD))!;
    expect(person.status).toBe("active");
    // Asks for a sign-in link by email (a counter keyed by the address), and asks to move to a new address
    // (a link whose payload holds it, a message to it, a notice to the old one).
    await meAction({
      request: post("/me", { intent: "request-link", email: OLD }),
      params: {},
      context: { clientIp: "203.0.113.9" },
    });
    await signInRequestsDone(); // the link is mailed after the answer
    const cookie = await panelistSession(person.id);
    await meAction({
      request: post("/me", { intent: "update", email: NEW, name: NAME, country: "KE" }, cookie),
      params: {},
      context: {},
    });
    // Older counters were keyed by the address itself.
    await sql`insert into rate_limits (key, points, expire) values (${"magicLinkEmail:" + OLD}, 1, ${Date.now() + 3_600_000}) on conflict do nothing`;
    // Someone types the address into the admin sign-in.
    await loginAction({
      request: post("/admin/login", { email: OLD, password: "not the password at all" }),
      params: {},
      context: { clientIp: "203.0.113.10" },
    });
    // Every message is written to the outbox folder; one of them failed once, and its error quotes the address.
    const transport = createTransport();
    for (const { id } of await sql<
      { id: number }[]
    >`select id from emails where status = 'queued' and panelist_id = ${person.id}`)
      await deliverEmail(id, transport, makeLinks);
    await sql`update emails set error = ${`550 5.1.1 <${NEW}>: mailbox unavailable`} where lower(to_address) = ${NEW}`;
    // Two CSV uploads: one imported (the person's row updates them; a second row with their name and a broken
    // address is rejected), one still waiting for its mapping.
    const csv = `email,name,country\r\n${OLD},${NAME},KE\r\nnot-an-address,${NAME},KE\r\nother.person@example.org,Other Person,FR\r\n`;
    const done = await createImport(panel.id, null, "people.csv", csv);
    const waiting = await createImport(panel.id, null, "more.csv", csv);
    if (!done.ok || !waiting.ok) throw new Error("upload refused");
    const mapping = { email: 0, name: 1, country: 2, attributes: [] } as unknown as Mapping;
    for (const field of ["jobTitle", "roleCategory", "organisation", "organisationType", "language"])
      (mapping as unknown as Record<string, number | null>)[field] ??= null;
    await runImport((await getImport(panel.id, done.id))!, mapping, { label: "admin" });
    expect((await getImport(panel.id, done.id))?.rejected?.map((r) => r.cells[0])).toEqual(["not-an-address"]);

    const needles = [OLD, NEW, NAME, mailKey(OLD), mailKey(NEW)];
    // Before: the person is in all these places (so the check below can fail).
    expect(await tablesHolding(needles)).toEqual(
      expect.arrayContaining([
        "public.emails",
        "public.panelist_imports",
        "public.panelist_links",
        "public.panelists",
        "public.rate_limits",
        "public.sign_in_attempts",
      ]),
    );
    expect((await filesHolding([OLD, NEW])).length).toBeGreaterThanOrEqual(3);
    const [changeMail] = await sql<{ id: number }[]>`select id from emails where kind = 'email-change'
      and panelist_id = ${person.id}`;

    const erased = await meAction({
      request: post("/me", { intent: "erase", confirm: "yes" }, cookie),
      params: {},
      context: {},
    });
    expect((erased as Response).headers.get("Location")).toBe("/me?erased=1");

    expect(await tablesHolding(needles)).toEqual([]);
    expect(await filesHolding([OLD, NEW, NAME])).toEqual([]);
    // What a viewer reads: the address-change message and the rejected rows.
    const { cookie: viewer } = await adminSession("viewer");
    const page = await outcomeOf(
      outboxMessage({
        request: request(`/admin/outbox/${changeMail!.id}`, { cookie: viewer }),
        params: { id: String(changeMail!.id) },
        context: {},
      }),
    );
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).not.toContain(NEW);
    const { cookie: editor } = await adminSession("editor");
    const rejected = await outcomeOf(
      rejectedCsv({
        request: request(`/admin/panels/erase-all/import/${done.id}/rejected.csv`, { cookie: editor }),
        params: { slug: "erase-all", id: String(done.id) },
        context: {},
      }),
    );
    expect(rejected.status).toBe(200);
    expect(String(rejected.body)).not.toContain(NAME);
    // The other person's row stays in the upload that waits for its mapping; only the person's went.
    const left = (await getImport(panel.id, waiting.id))!.content;
    expect(left).toContain("other.person@example.org");
    expect(left.toLowerCase()).not.toContain(OLD);
  });

  it("keeps only the header line of an upload once it is imported (the rejected rows are kept apart)", async () => {
    const panel = await ensurePanel({ slug: "erase-header", name: "Header Panel" });
    const created = await createImport(
      panel.id,
      null,
      "x.csv",
      "email,name,country\nkeep.me@example.org,Kee Pme,FR\nbad,Bad Row,FR\n",
    );
    if (!created.ok) throw new Error(created.error);
    const mapping = {
      email: 0,
      name: 1,
      country: 2,
      jobTitle: null,
      roleCategory: null,
      organisation: null,
      organisationType: null,
      language: null,
      attributes: [],
    } as unknown as Mapping;
    await runImport((await getImport(panel.id, created.id))!, mapping, { label: "admin" });
    const imp = (await getImport(panel.id, created.id))!;
    expect(imp.content.trim()).toBe("email,name,country");
    expect(imp.rejected?.[0]?.cells).toEqual(["bad", "Bad Row", "FR"]);
  });
});
