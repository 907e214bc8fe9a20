import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { createApiKey } from "~/models/api-key.server";
import { ensurePanel } from "~/models/panel.server";
import { upsertPanelist } from "~/models/panelist.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { loadRespondentPage, submitAnswers } from "~/flows/respond.server";
import { getWaveBySlug, setCloseDate } from "~/models/wave.server";
import * as waves from "~/routes/api.v1.waves";
import * as invitations from "~/routes/api.v1.waves.$slug.invitations";
import * as reminders from "~/routes/api.v1.waves.$slug.reminders";
import * as status from "~/routes/api.v1.waves.$slug.status";
import * as publications from "~/routes/api.v1.waves.$slug.publications";
import * as liveResults from "~/routes/api.v1.waves.$slug.results";
import { answers2021 } from "../helpers/fixtures";
import { runHandler } from "../helpers/admin";

await syncQuestionnaires("survey-definitions");
const editor = (await createApiKey("waves editor", "editor", { label: "test" })).key;
const panel = await ensurePanel({ slug: "waves-api", name: "Waves API" });
for (const [email, country] of [
  ["a@w.org", "US"],
  ["b@w.org", "US"],
  ["c@w.org", "IN"],
] as const) {
  await upsertPanelist(panel.id, { email, name: email, country });
}

function call(path: string, body?: unknown) {
  const headers = new Headers({ Authorization: `Bearer ${editor}` });
  if (body !== undefined) headers.set("Content-Type", "application/json");
  return new Request(`http://localhost${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const run = runHandler;

describe("the waves API", () => {
  it("creates a wave (201), refuses a taken slug (409), an unknown questionnaire (404) and bad input (400)", async () => {
    const body = {
      questionnaire: "micro-credentials-2021",
      panel: "waves-api",
      slug: "api-wave",
      title: "API wave",
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      minGroupSize: 5,
      audience: "panel",
      segment: { region: ["North America"] },
    };
    const created = await run(waves.action, call("/api/v1/waves", body));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      slug: "api-wave",
      audience: "panel",
      segment: { region: ["North America"] },
    });
    expect((await run(waves.action, call("/api/v1/waves", body))).status).toBe(409);
    expect(
      (await run(waves.action, call("/api/v1/waves", { ...body, slug: "other", questionnaire: "nope" }))).status,
    ).toBe(404);
    const bad = await run(
      waves.action,
      call("/api/v1/waves", {
        ...body,
        slug: "Bad Slug",
        closesAt: "2000-01-01T00:00:00Z",
        segment: { region: ["Atlantis"] },
      }),
    );
    expect(bad.status).toBe(400);
    const fields = (await bad.json()).fields;
    expect(Object.keys(fields).sort()).toEqual(["closesAt", "segment", "slug"]);
  });

  it("invites the segment, returns links for another tool, never invites twice, and reports status", async () => {
    const first = await run(
      invitations.action,
      call("/api/v1/waves/api-wave/invitations", { send: false, links: true }),
      { slug: "api-wave" },
    );
    const body = await first.json();
    expect(body).toMatchObject({ invited: 2, alreadyInvited: 0, emailsQueued: 0 });
    expect(body.links.map((l: { email: string }) => l.email).sort()).toEqual(["a@w.org", "b@w.org"]);
    expect(body.links[0].url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
    const again = await (
      await run(
        invitations.action,
        call("/api/v1/waves/api-wave/invitations", { emails: ["a@w.org", "c@w.org"], send: true }),
        { slug: "api-wave" },
      )
    ).json();
    expect(again).toMatchObject({ invited: 1, alreadyInvited: 1, notEligible: [], emailsQueued: 3 });

    const token = new URL(body.links[0].url).pathname.split("/").pop() as string;
    expect((await submitAnswers(token, { data: answers2021, complete: true })).kind).toBe("saved");
    const s = await (await run(status.loader, call("/api/v1/waves/api-wave/status"), { slug: "api-wave" })).json();
    expect(s).toMatchObject({ wave: "api-wave", state: "open", invited: 3, emailed: 3, completed: 1 });
    const r = await run(reminders.action, call("/api/v1/waves/api-wave/reminders", {}), { slug: "api-wave" });
    expect(await r.json()).toEqual({ queued: 0 }); // everyone was mailed less than 48 hours ago
    expect((await run(status.loader, call("/api/v1/waves/nope/status"), { slug: "nope" })).status).toBe(404);
  });

  it("closing a wave early turns answers into 410, and extending reopens it", async () => {
    const wave = await getWaveBySlug("api-wave");
    const [inv] = await sql<
      { panelistId: number }[]
    >`select panelist_id from invitations where wave_id = ${wave!.id} and used_at is null limit 1`;
    const { tokenFor } = await import("~/models/invitation.server");
    const token = tokenFor(wave!.id, inv!.panelistId);
    await setCloseDate(wave!, new Date(Date.now() - 1000), { label: "test" }, true);
    const closed = await submitAnswers(token, { data: answers2021, complete: true });
    expect(closed).toMatchObject({ kind: "closed", message: expect.stringMatching(/^This survey closed on /) });
    expect(await loadRespondentPage(token)).toMatchObject({
      kind: "closed",
      dateText: expect.stringMatching(/^\d+ \w+ \d{4}$/),
    });
    await setCloseDate((await getWaveBySlug("api-wave"))!, new Date(Date.now() + 86_400_000), { label: "test" }, false);
    expect((await submitAnswers(token, { data: answers2021, complete: true })).kind).toBe("saved");
  });
});

describe("publishing through the API", () => {
  it("publishes a snapshot (201), emails the audience (here the panel) their results link, and serves an anonymous wave's live results only suppressed", async () => {
    const wave = await getWaveBySlug("api-wave");
    expect(wave?.audience).toBe("panel");
    const [members] = await sql<
      { n: number }[]
    >`select count(*)::int as n from panelists where panel_id = ${wave!.panelId} and status = 'active'`;
    const [completed] = await sql<
      { n: number }[]
    >`select count(*)::int as n from invitations where wave_id = ${wave!.id} and used_at is not null`;
    const res = await run(
      publications.action,
      call("/api/v1/waves/api-wave/publications", { announce: true, keyFindings: "Small test." }),
      { slug: "api-wave" },
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ url: "/results/api-wave", announced: members!.n });
    expect(body.snapshot.suppressed).toBe(true); // fewer than k = 5 respondents
    const mails = await sql<
      { textBody: string }[]
    >`select text_body from emails where kind = 'results' and dedupe_key like ${`results:${body.id}:%`}`;
    expect(mails).toHaveLength(members!.n);
    for (const m of mails) expect(m.textBody).toContain("/results/api-wave");
    // Results for the panel: every member gets a one-time link that signs them in (made at delivery,
    // like every personal link), since the page is closed to anyone not signed in; those who answered
    // read them as themselves. No link carries a survey token.
    const [{ n: signInLinks } = { n: 0 }] = await sql<
      { n: number }[]
    >`select count(*)::int as n from emails where kind = 'results' and dedupe_key like ${`results:${body.id}:%`} and links::text like '%"results"%'`;
    expect(signInLinks).toBe(members!.n);
    expect(completed!.n).toBeLessThan(members!.n);
    for (const m of mails) expect(m.textBody).not.toMatch(/\?t=|\/me\/link\/[A-Za-z0-9_-]{43}/);
    const live = await (
      await run(liveResults.loader, call("/api/v1/waves/api-wave/results"), { slug: "api-wave" })
    ).json();
    // The wave is anonymous: even an owner's key gets live results as publishing now would show them,
    // here nothing, with fewer than k respondents.
    expect(live).toMatchObject({ live: true, unsuppressed: false, suppressed: true });
    expect(live.respondents ?? null).toBeNull();
  });
});
