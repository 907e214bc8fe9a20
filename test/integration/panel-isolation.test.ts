import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { invite, sendInvitations } from "~/flows/fieldwork.server";
import { createImport } from "~/flows/import-panelists.server";
import { publish } from "~/flows/publish.server";
import { approveTextQuote } from "~/flows/quotes.server";
import { submitAnswers } from "~/flows/respond.server";
import { ensureInvitation } from "~/models/invitation.server";
import { createApiKey } from "~/models/api-key.server";
import { upsertPanelist } from "~/models/panelist.server";
import { getWave } from "~/models/wave.server";
import { adminSession, outcomeOf } from "../helpers/admin";
import { answers2021, invitedPanelist } from "../helpers/fixtures";

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
const modules = import.meta.glob<{ loader?: Handler; action?: Handler }>("../../app/routes/*.{ts,tsx}", {
  eager: true,
});
const routes = Object.fromEntries(Object.entries(modules).map(([file, mod]) => [path.basename(file), mod]));

/** Team B's objects, which team A's admin and key try every id of. */
let b: {
  panelSlug: string;
  panelName: string;
  waveSlug: string;
  waveTitle: string;
  panelistIds: number[];
  email: string;
  importId: number;
  emailIds: number[];
  quoteId: number;
  panelId: number;
  waveId: number;
};
let a: { panelSlug: string; waveSlug: string; cookie: string; key: string };

/** Everything of team B that a change could touch, as one comparable value. */
async function teamBRows() {
  return sql`
    select
      (select json_agg(p order by p.id) from panelists p where p.panel_id = ${b.panelId}) as panelists,
      (select json_agg(i.id order by i.id) from invitations i where i.wave_id = ${b.waveId}) as invitations,
      (select json_agg(q order by q.id) from quotes q where q.wave_id = ${b.waveId}) as quotes,
      (select json_agg(w) from waves w where w.id = ${b.waveId}) as wave,
      (select json_agg(x.id) from publications x where x.wave_id = ${b.waveId}) as publications,
      (select json_agg(e.id order by e.id) from emails e join panelists p on p.id = e.panelist_id where p.panel_id = ${b.panelId}) as emails,
      (select count(*) from audit_log where changes::text like ${`%${b.panelSlug}%`} or entity_id = ${String(b.waveId)}) as audit`;
}

beforeAll(async () => {
  // Team B: a panel with people, a wave with invitations sent, an answer quoted, results published, an import.
  const teamB = await invitedPanelist();
  const second = await upsertPanelist(teamB.panel.id, { email: "second@b-team.example", name: "Bea Second" });
  const fourth = await upsertPanelist(teamB.panel.id, { email: "fourth@b-team.example", name: "Bo Fourth" });
  await sql`update panelists set status = 'active' where panel_id = ${teamB.panel.id}`;
  await invite(teamB.wave, { label: "team b" });
  await sendInvitations(teamB.wave, { label: "team b" });
  // Three answers, so the wave reaches its k of 3 (the floor, migration 0017): one quoted, all published.
  await sql`update waves set min_group_size = 3 where id = ${teamB.wave.id}`;
  for (const panelistId of [teamB.panelist.id, second.id, fourth.id]) {
    const { token } = await ensureInvitation(teamB.wave.id, panelistId);
    const saved = await submitAnswers(token, { data: answers2021, complete: true });
    if (saved.kind !== "saved") throw new Error(`team B's answers were not saved: ${saved.kind}`);
  }
  const wave = (await getWave(teamB.wave.id))!;
  const [response] = await sql<
    { id: string }[]
  >`select id from responses where wave_id = ${wave.id} and invitation_id = ${teamB.invitation.id}`;
  await approveTextQuote(wave, response!.id, "comment", "Team B's quoted words.", { label: "team b" });
  const published = await publish((await getWave(wave.id))!, { label: "team b" });
  if (!published.ok) throw new Error(published.message);
  if (published.publication.snapshot.quotes.length !== 1) throw new Error("team B's quote was not published");
  const imp = await createImport(teamB.panel.id, null, "b.csv", "email,name\nthird@b-team.example,Third\n");
  if (!imp.ok) throw new Error(imp.error);
  const [quote] = await sql<{ id: number }[]>`select id from quotes where wave_id = ${wave.id}`;
  const emailIds = await sql<{ id: number }[]>`
    select e.id from emails e join panelists p on p.id = e.panelist_id where p.panel_id = ${teamB.panel.id}`;
  b = {
    panelSlug: teamB.panel.slug,
    panelName: "Team B panel",
    waveSlug: wave.slug,
    waveTitle: "Team B wave",
    panelistIds: [teamB.panelist.id, second.id, fourth.id],
    email: teamB.panelist.email as string,
    importId: imp.id,
    emailIds: emailIds.map((e) => e.id),
    quoteId: quote!.id,
    panelId: teamB.panel.id,
    waveId: wave.id,
  };
  await sql`update panels set name = ${b.panelName} where id = ${b.panelId}`;
  await sql`update waves set title = ${b.waveTitle} where id = ${b.waveId}`;

  // Team A: an editor of its own panel only, and a key for it.
  const teamA = await invitedPanelist();
  a = {
    panelSlug: teamA.panel.slug,
    waveSlug: teamA.wave.slug,
    cookie: (await adminSession("editor", teamA.panel.id)).cookie,
    key: (await createApiKey("team a", "editor", { label: "test" }, teamA.panel.id)).key,
  };
});

function call(
  handler: Handler,
  url: string,
  params: Record<string, string>,
  auth: { cookie?: string; key?: string },
  body?: { form?: Record<string, string>; json?: unknown },
) {
  const headers = new Headers({ Host: "localhost" });
  if (auth.cookie) headers.set("Cookie", auth.cookie);
  if (auth.key) headers.set("Authorization", `Bearer ${auth.key}`);
  let payload: string | undefined;
  if (body?.form) {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    payload = new URLSearchParams(body.form).toString();
  } else if (body?.json !== undefined) {
    headers.set("Content-Type", "application/json");
    payload = JSON.stringify(body.json);
  }
  const request = new Request(`http://localhost${url}`, {
    method: body ? "POST" : "GET",
    headers,
    body: payload,
  });
  return outcomeOf(handler({ request, params, context: {} }));
}

describe("one team's admin and key against every id of another team's objects", () => {
  it("refuse every page, export, action and API call about team B, change nothing of it, and list nothing of it", async () => {
    const before = await teamBRows();
    let tried = 0;
    const through: string[] = [];
    const attempt = async (label: string, outcome: Promise<{ status: number; body: unknown }>, allowed: number[]) => {
      tried++;
      const { status, body } = await outcome;
      if (!allowed.includes(status)) through.push(`${label}: ${status}`);
      const text = JSON.stringify(body) ?? "";
      for (const secret of [b.email, "Team B's quoted words", b.waveTitle, b.panelName])
        if (text.includes(secret)) through.push(`${label} shows ${secret}`);
    };

    // Every route about one panel or wave, with team B's slug and every id of team B in :id.
    const ids = [...b.panelistIds, b.importId, ...b.emailIds, b.quoteId].map(String);
    const forms: Record<string, string>[] = [
      {},
      { intent: "withdraw", quoteId: String(b.quoteId) },
      { intent: "send", confirmed: "yes" },
      { intent: "close", confirmed: "yes" },
      { intent: "publish", confirmed: "yes" },
      { intent: "test" },
      { name: "Renamed", email: b.email, status: "unsubscribed" },
    ];
    for (const [file, mod] of Object.entries(routes)) {
      const about = /^(admin|api\.v1)\.(panels|waves)\.\$slug/.exec(file);
      if (!about) continue;
      const slug = about[2] === "panels" ? b.panelSlug : b.waveSlug;
      const api = about[1] === "api.v1";
      const auth = api ? { key: a.key } : { cookie: a.cookie };
      for (const id of file.includes("$id") ? ids : ["0"]) {
        const params = { slug, id };
        if (mod.loader) await attempt(`GET ${file} ${id}`, call(mod.loader, `/x/${slug}/${id}`, params, auth), [403]);
        if (mod.action) {
          for (const form of api ? [{}] : forms) {
            await attempt(
              `POST ${file} ${id} ${JSON.stringify(form)}`,
              call(mod.action, `/x/${slug}/${id}`, params, auth, api ? { json: {} } : { form }),
              [403],
            );
          }
        }
      }
    }

    // Team B's ids under team A's own slugs: found nowhere (404), or refused, never shown or changed.
    const ownPanel = { slug: a.panelSlug };
    for (const id of b.panelistIds) {
      const p = { ...ownPanel, id: String(id) };
      const panelist = routes["admin.panels.$slug.panelists.$id.tsx"]!;
      await attempt(`GET own panel, B's panelist ${id}`, call(panelist.loader!, "/x", p, { cookie: a.cookie }), [404]);
      await attempt(
        `POST own panel, B's panelist ${id}`,
        call(panelist.action!, "/x", p, { cookie: a.cookie }, { form: { name: "Taken over", email: b.email } }),
        [404],
      );
    }
    const rejected = routes["admin.panels.$slug.import.$id.rejected[.csv].ts"]!;
    await attempt(
      "B's import under A's panel",
      call(rejected.loader!, "/x", { ...ownPanel, id: String(b.importId) }, { cookie: a.cookie }),
      [404],
    );
    const importPage = routes["admin.panels.$slug.import.tsx"]!;
    await attempt(
      "B's import mapped under A's panel",
      call(importPage.loader!, `/x?import=${b.importId}`, ownPanel, { cookie: a.cookie }),
      [200, 404],
    );
    await attempt(
      "B's import run under A's panel",
      call(importPage.action!, "/x", ownPanel, { cookie: a.cookie }, { form: { importId: String(b.importId) } }),
      [400, 404],
    );
    const quotes = routes["admin.waves.$slug_.quotes.tsx"]!;
    await attempt(
      "withdraw B's quote through A's wave",
      call(
        quotes.action!,
        "/x",
        { slug: a.waveSlug },
        { cookie: a.cookie },
        { form: { intent: "withdraw", quoteId: String(b.quoteId) } },
      ),
      [200],
    );
    for (const id of b.emailIds) {
      await attempt(
        `B's message ${id} in the outbox`,
        call(routes["admin.outbox.$id.tsx"]!.loader!, `/admin/outbox/${id}`, { id: String(id) }, { cookie: a.cookie }),
        [404],
      );
      await attempt(
        `copy of B's message ${id} to oneself`,
        call(
          routes["admin.outbox.$id.tsx"]!.action!,
          `/admin/outbox/${id}`,
          { id: String(id) },
          { cookie: a.cookie },
          { form: {} },
        ),
        [404],
      );
    }

    // Forms and API calls that name team B's panel in their body.
    await attempt(
      "launch a wave in B's panel",
      call(
        routes["admin.waves.new.tsx"]!.action!,
        "/admin/waves/new",
        {},
        { cookie: a.cookie },
        { form: { panel: b.panelSlug, questionnaire: "micro-credentials-2021", slug: "stolen-wave" } },
      ),
      [403],
    );
    await attempt(
      "preview B's segment",
      call(
        routes["admin.waves.preview.ts"]!.loader!,
        `/admin/waves/preview?panel=${b.panelSlug}`,
        {},
        { cookie: a.cookie },
      ),
      [403],
    );
    await attempt(
      "create a wave in B's panel through the API",
      call(
        routes["api.v1.waves.ts"]!.action!,
        "/api/v1/waves",
        {},
        { key: a.key },
        { json: { panel: b.panelSlug, questionnaire: "micro-credentials-2021", slug: "stolen-api-wave" } },
      ),
      [403],
    );
    await attempt(
      "create a panel with a key for one panel",
      call(
        routes["api.v1.panels.ts"]!.action!,
        "/api/v1/panels",
        {},
        { key: a.key },
        { json: { slug: "stolen-panel", name: "Stolen" } },
      ),
      [403],
    );
    await attempt(
      "create a panel as an editor of one panel",
      call(
        routes["admin.panels.new.tsx"]!.action!,
        "/admin/panels/new",
        {},
        { cookie: a.cookie },
        { form: { slug: "stolen-panel", name: "Stolen" } },
      ),
      [403],
    );

    // Lists show only team A's: none of B's names, slugs or addresses.
    const lists: [string, Handler, string, { cookie?: string; key?: string }][] = [
      ["panels", routes["admin._index.tsx"]!.loader!, "/admin", { cookie: a.cookie }],
      ["waves", routes["admin.waves._index.tsx"]!.loader!, "/admin/waves", { cookie: a.cookie }],
      ["outbox", routes["admin.outbox._index.tsx"]!.loader!, "/admin/outbox", { cookie: a.cookie }],
      ["audit", routes["admin.audit.tsx"]!.loader!, "/admin/audit", { cookie: a.cookie }],
      ["launch form", routes["admin.waves.new.tsx"]!.loader!, "/admin/waves/new", { cookie: a.cookie }],
      ["API panels", routes["api.v1.panels.ts"]!.loader!, "/api/v1/panels", { key: a.key }],
      ["API waves", routes["api.v1.waves.ts"]!.loader!, "/api/v1/waves", { key: a.key }],
    ];
    for (const [label, handler, url, auth] of lists) {
      tried++;
      const { status, body } = await call(handler, url, {}, auth);
      const text = JSON.stringify(body);
      if (status !== 200) through.push(`${label}: ${status}`);
      for (const secret of [b.panelSlug, b.waveSlug, b.email, b.panelName, b.waveTitle])
        if (text.includes(secret)) through.push(`${label} lists ${secret}`);
      expect(text, `${label} lists team A's own`).toMatch(new RegExp(`${a.panelSlug}|${a.waveSlug}|entries|emails`));
    }

    // Team B's published results are for its respondents: team A's admin is nobody there.
    await attempt(
      "B's published results",
      call(
        routes["results.$waveSlug.tsx"]!.loader!,
        `/results/${b.waveSlug}`,
        { waveSlug: b.waveSlug },
        { cookie: a.cookie },
      ),
      [403],
    );

    console.log(`panel isolation: ${tried} attacks tried, ${through.length} got through`);
    expect(through).toEqual([]);
    expect(await teamBRows()).toEqual(before);
    expect(tried).toBeGreaterThanOrEqual(140);
  });
});
