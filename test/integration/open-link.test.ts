import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { loadOpenPage, submitOpenAnswers } from "~/flows/respond-open-link.server";
import { ensurePanel } from "~/models/panel.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { launchWave } from "~/flows/launch-wave.server";
import { action } from "~/routes/o.$code_.answers";
import { loader } from "~/routes/o.$code";
import { answers2021 } from "../helpers/fixtures";

await syncQuestionnaires("survey-definitions");
await ensurePanel({ slug: "open-panel", name: "Open" });
const launched = await launchWave(
  {
    questionnaire: "micro-credentials-2021",
    panel: "open-panel",
    slug: "open-wave",
    openLink: true,
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  },
  { label: "test" },
);
if (!launched.ok) throw new Error(JSON.stringify(launched.errors));
const code = launched.wave.openLinkCode as string;

describe("open links", () => {
  it("take one completed response per browser, tagged as open-link, with the region of the answered country", async () => {
    const browserA = randomUUID();
    expect(await loadOpenPage(code, browserA)).toMatchObject({
      kind: "open",
      title: "Micro-Credentials: Global Panel 2021",
    });
    const submission = randomUUID();
    const first = await submitOpenAnswers(code, browserA, {
      data: answers2021,
      complete: true,
      submissionId: submission,
    });
    expect(first).toMatchObject({ kind: "saved", status: "complete" });
    expect(
      await submitOpenAnswers(code, browserA, { data: answers2021, complete: true, submissionId: submission }),
    ).toEqual(first);
    expect(
      await submitOpenAnswers(code, browserA, { data: answers2021, complete: true, submissionId: randomUUID() }),
    ).toMatchObject({ kind: "already-answered" });
    expect(await loadOpenPage(code, browserA)).toMatchObject({ kind: "answered" });
    expect(await submitOpenAnswers(code, randomUUID(), { data: answers2021, complete: true })).toMatchObject({
      kind: "saved",
    });
    const rows = await sql<{ source: string; region: string; invitationId: number | null }[]>`
      select source, region, invitation_id from responses where wave_id = ${launched.wave.id}`;
    expect(rows).toEqual([
      { source: "open-link", region: "Latin America & Caribbean", invitationId: null },
      { source: "open-link", region: "Latin America & Caribbean", invitationId: null },
    ]);
  });

  it("refuses bad input, unknown codes and browsers without the cookie, storing nothing", async () => {
    const before = (
      await sql<{ n: number }[]>`select count(*)::int as n from responses where wave_id = ${launched.wave.id}`
    )[0]?.n;
    expect(await submitOpenAnswers("nosuchcode", randomUUID(), { data: answers2021, complete: true })).toEqual({
      kind: "not-found",
    });
    expect((await submitOpenAnswers(code, undefined, { data: answers2021, complete: true })).kind).toBe("bad-request");
    expect((await submitOpenAnswers(code, randomUUID(), { data: answers2021, complete: false })).kind).toBe(
      "bad-request",
    );
    expect(
      (
        await submitOpenAnswers(code, randomUUID(), {
          data: { ...answers2021, strategicImportance: 9 },
          complete: true,
        })
      ).kind,
    ).toBe("invalid");
    const after = (
      await sql<{ n: number }[]>`select count(*)::int as n from responses where wave_id = ${launched.wave.id}`
    )[0]?.n;
    expect(after).toBe(before);
  });

  it("gives a new browser its cookie on the page and uses it when answering", async () => {
    const page = (await loader({
      request: new Request(`http://localhost/o/${code}`),
      params: { code },
      context: {},
    })) as unknown as { init: { headers: Record<string, string> } };
    const setCookie = page.init.headers["Set-Cookie"] as string;
    expect(setCookie).toMatch(/^quorum_browser=.*HttpOnly/);
    const cookie = setCookie.split(";")[0] as string;
    const post = (body: unknown) =>
      action({
        request: new Request(`http://localhost/o/${code}/answers`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Cookie: cookie },
          body: JSON.stringify(body),
        }),
        params: { code },
        context: {},
      });
    expect((await post({ data: answers2021, complete: true })).status).toBe(200);
    expect((await post({ data: answers2021, complete: true })).status).toBe(409);
  });

  it("refuses a browser cookie it did not sign: made-up, altered or re-signed keys answer nothing (issue 23, item 10)", async () => {
    const before = (
      await sql<
        { n: number }[]
      >`select count(*)::int as n from responses where wave_id = (select id from waves where open_link_code = ${code})`
    )[0]?.n;
    const page = (await loader({
      request: new Request(`http://localhost/o/${code}`),
      params: { code },
      context: {},
    })) as unknown as {
      init: { headers: Record<string, string> };
    };
    const real = (page.init.headers["Set-Cookie"] as string).split(";")[0] as string;
    const value = decodeURIComponent(real.slice("quorum_browser=".length));
    const forged = [
      `quorum_browser=${encodeURIComponent(JSON.stringify(randomUUID()))}`, // what a client could make up before
      `quorum_browser=${btoa(JSON.stringify(randomUUID()))}`, // encoded as Remix encodes, unsigned
      `quorum_browser=${encodeURIComponent(value.replace(/^[^.]+/, btoa(JSON.stringify(randomUUID()))))}`, // another key, the old signature
      `quorum_browser=${encodeURIComponent(value.slice(0, -2) + (value.endsWith("A") ? "BB" : "AA"))}`, // the signature altered
      "quorum_browser=",
    ];
    for (const cookie of forged) {
      const res = await action({
        request: new Request(`http://localhost/o/${code}/answers`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Cookie: cookie },
          body: JSON.stringify({ data: answers2021, complete: true }),
        }),
        params: { code },
        context: {},
      });
      expect(res.status, cookie).toBe(400);
      expect(await res.json()).toMatchObject({ error: expect.stringMatching(/did not keep the survey's cookie/) });
    }
    const after = (
      await sql<
        { n: number }[]
      >`select count(*)::int as n from responses where wave_id = (select id from waves where open_link_code = ${code})`
    )[0]?.n;
    expect(after).toBe(before);
  });
});

describe("open links with the email check", () => {
  it("require an email and take one response per address, from any browser", async () => {
    const checked = await launchWave(
      {
        questionnaire: "micro-credentials-2021",
        panel: "open-panel",
        slug: "open-checked",
        openLink: true,
        openLinkEmailCheck: true,
      },
      { label: "test" },
    );
    if (!checked.ok) throw new Error("not created");
    const c = checked.wave.openLinkCode as string;
    expect(await loadOpenPage(c, randomUUID())).toMatchObject({ kind: "open", askEmail: true });
    const missing = await submitOpenAnswers(c, randomUUID(), { data: answers2021, complete: true });
    expect(missing).toMatchObject({ kind: "invalid", errors: [{ question: "email" }] });
    expect(
      await submitOpenAnswers(c, randomUUID(), { data: answers2021, complete: true, email: "Reader@Example.org" }),
    ).toMatchObject({ kind: "saved" });
    expect(
      await submitOpenAnswers(c, randomUUID(), { data: answers2021, complete: true, email: "reader@example.org" }),
    ).toMatchObject({ kind: "already-answered" });
  });
});
