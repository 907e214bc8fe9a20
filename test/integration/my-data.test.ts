import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { submitAnswers } from "~/flows/respond.server";
import { unsubscribeUrl } from "~/flows/personal-links.server";
import { getSession, commitSession } from "~/http/session.server";
import { ensurePanel } from "~/models/panel.server";
import { getPanelistById, upsertPanelist } from "~/models/panelist.server";
import { loader as dataLoader } from "~/routes/me.data[.json]";
import { action as meAction, loader as meLoader } from "~/routes/me._index";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/u.$token";
import { answers2021, invitedPanelist } from "../helpers/fixtures";
import { outcomeOf, panelistSession, request } from "../helpers/admin";

/** A person on the fixture's panel and, with the same address in capitals, on a second panel. */
async function personOnTwoPanels(language?: string) {
  const fixture = await invitedPanelist({ profile: { name: "Dana Data", language } });
  const second = await ensurePanel({ slug: `second-${fixture.panel.slug}`, name: "Second Panel" });
  const twin = await upsertPanelist(second.id, {
    email: (fixture.panelist.email as string).toUpperCase(),
    name: "Dana D.",
    country: "PT",
  });
  return { ...fixture, second, twin };
}

const token = (panelistId: number) => unsubscribeUrl(panelistId).split("/u/")[1] as string;

describe("a panelist's own data (/me/data.json)", () => {
  it("holds their profile, consent, invitations, own answers and emails on every panel of their address, and nobody else's", async () => {
    const { panelist, wave, token: link, twin, panel } = await personOnTwoPanels();
    await submitAnswers(link, { data: answers2021, complete: true });
    // Someone else on the same wave answers too: their answers must not be in Dana's copy.
    const { ensureInvitation } = await import("~/models/invitation.server");
    const stranger = await upsertPanelist(panel.id, { email: "stranger-data@example.org", name: "Sam Stranger" });
    const theirs = await ensureInvitation(wave.id, stranger.id);
    await submitAnswers(theirs.token, {
      data: { ...answers2021, comment: "Stranger's own words" },
      complete: true,
    });
    await sql`insert into emails (kind, panelist_id, to_address, subject, text_body, html_body, status)
      values ('invitation', ${panelist.id}, ${panelist.email}, 'Your invitation: Data wave', 'text', '<p>html</p>', 'sent')`;

    const res = await outcomeOf(
      dataLoader({
        request: request("/me/data.json", { cookie: await panelistSession(panelist.id) }),
        params: {},
        context: {},
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toContain('attachment; filename="my-quorum-data.json"');
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const body = res.body as {
      about: string;
      memberships: {
        panel: string;
        profile: { name: string; email: string };
        consent: unknown;
        invitations: { questionnaire: string }[];
        answers: { status: string; data: Record<string, unknown> }[];
        emails: { subject: string }[];
      }[];
    };
    expect(body.about).toMatch(/^Everything Quorum holds about you/);
    expect(body.memberships.map((m) => m.panel)).toEqual(["Test panel", "Second Panel"]);
    const [mine, other] = body.memberships;
    expect(mine!.profile).toMatchObject({ name: "Dana Data", email: panelist.email });
    expect(mine!.invitations).toHaveLength(1);
    expect(mine!.invitations[0]!.questionnaire).toBe(wave.title);
    expect(mine!.answers).toHaveLength(1);
    expect(mine!.answers[0]).toMatchObject({ status: "complete", data: { comment: answers2021.comment } });
    expect(mine!.emails.map((e) => e.subject)).toEqual([
      `Thank you for answering ${wave.title}`,
      "Your invitation: Data wave",
    ]);
    expect(other!.profile).toMatchObject({ name: "Dana D.", email: twin.email });
    expect(other!.answers).toEqual([]);
    expect(JSON.stringify(body)).not.toContain("Stranger");
    const [audit] =
      await sql`select actor from audit_log where action = 'download-own-data' and entity_id = ${String(panelist.id)}`;
    expect(audit).toMatchObject({ actor: `panelist:${panelist.id}` });
  });

  it("is refused without a sign-in, and with a results-only sign-in", async () => {
    const { panelist } = await invitedPanelist();
    const none = await outcomeOf(dataLoader({ request: request("/me/data.json"), params: {}, context: {} }));
    expect(none.status).toBe(401);
    expect(none.body).toMatch(/^Sign in at \/me/);
    const session = await getSession(new Request("http://localhost/"));
    session.set("panelistId", panelist.id);
    session.set("scope", "results");
    const cookie = (await commitSession(session)).split(";")[0] as string;
    const resultsOnly = await outcomeOf(
      dataLoader({ request: request("/me/data.json", { cookie }), params: {}, context: {} }),
    );
    expect(resultsOnly.status).toBe(401);
  });

  it("is offered on /me in the person's language, with leaving this panel or every panel", async () => {
    const { panelist, twin } = await personOnTwoPanels("es");
    const cookie = await panelistSession(panelist.id);
    const page = (await meLoader({ request: request("/me", { cookie }), params: {}, context: {} })) as Awaited<
      ReturnType<typeof meLoader>
    >;
    expect(page.language).toBe("es");
    expect(page.text.dataButton).toBe("Descargar mis datos (JSON)");
    expect(page.otherPanels).toBe(1);
    const left = await outcomeOf(
      meAction({
        request: request("/me", { cookie, form: { intent: "leave", scope: "every" } }),
        params: {},
        context: {},
      }),
    );
    expect(left.headers.get("Location")).toBe("/me?left=every");
    expect((await getPanelistById(panelist.id))?.status).toBe("unsubscribed");
    expect((await getPanelistById(twin.id))?.status).toBe("unsubscribed");
  });
});

describe("unsubscribing from this panel or every panel (/u/:token)", () => {
  it("offers both in the person's language; the one-click default leaves this panel only", async () => {
    const { panelist, twin } = await personOnTwoPanels("fr");
    const page = await unsubscribeLoader({
      request: request(`/u/${token(panelist.id)}`),
      params: { token: token(panelist.id) },
      context: {},
    });
    expect(page).toMatchObject({ language: "fr", hasOthers: true, every: "Test panel et Second Panel" });
    expect(page.text.title).toBe("Se désabonner");
    // RFC 8058: the mail client posts List-Unsubscribe=One-Click, naming no scope.
    const oneClick = await unsubscribeAction({
      request: request(`/u/${token(panelist.id)}`, { form: { "List-Unsubscribe": "One-Click" } }),
      params: { token: token(panelist.id) },
      context: {},
    });
    expect(oneClick.sentence).toBe("Vous ne recevrez plus d’e-mails du Test panel.");
    expect(oneClick.stillOn).toBe("Vous figurez encore sur Second Panel, qui peuvent vous écrire.");
    expect((await getPanelistById(panelist.id))?.status).toBe("unsubscribed");
    expect((await getPanelistById(twin.id))?.status).toBe("active");
    const audits =
      await sql`select entity_id from audit_log where action = 'unsubscribe' and entity_id in (${String(panelist.id)}, ${String(twin.id)})`;
    expect(audits.map((a) => a.entityId)).toEqual([String(panelist.id)]);
  });

  it("leaves every panel with the address, audited once for each, and tells which", async () => {
    const { panelist, twin } = await personOnTwoPanels();
    const bodyless = new Request(`http://localhost/u/${token(panelist.id)}`, {
      method: "POST",
      headers: { Host: "localhost" },
    });
    const one = await unsubscribeAction({ request: bodyless, params: { token: token(panelist.id) }, context: {} });
    expect(one.sentence).toBe("You will receive no more emails from the Test panel.");
    const every = await unsubscribeAction({
      request: request(`/u/${token(panelist.id)}`, { form: { scope: "every" } }),
      params: { token: token(panelist.id) },
      context: {},
    });
    expect(every.sentence).toBe(
      "You will receive no more emails from any of these panels: Test panel and Second Panel.",
    );
    expect((await getPanelistById(twin.id))?.status).toBe("unsubscribed");
    const audits =
      await sql`select entity_id, changes from audit_log where action = 'unsubscribe' and entity_id in (${String(panelist.id)}, ${String(twin.id)}) order by id`;
    expect(audits.map((a) => a.entityId)).toEqual([String(panelist.id), String(twin.id)]);
    expect(audits[1]!.changes).toEqual({ everyPanel: true });
  });

  it("keeps a bounced address bounced", async () => {
    const { panelist } = await invitedPanelist();
    await sql`update panelists set status = 'bounced' where id = ${panelist.id}`;
    await unsubscribeAction({
      request: request(`/u/x`, { form: {} }),
      params: { token: token(panelist.id) },
      context: {},
    });
    expect((await getPanelistById(panelist.id))?.status).toBe("bounced");
  });
});

describe("confirming a new address (/me/email/:token)", () => {
  it("speaks the browser's language where the catalogue has it, else English", async () => {
    const { loader } = await import("~/routes/me.email.$token");
    const page = (language: string) =>
      loader({
        request: request("/me/email/x", { headers: { "Accept-Language": language } }),
        params: {},
        context: {},
      });
    expect(page("es-MX,es;q=0.9").text.title).toBe("Usar esta dirección para el panel");
    expect(page("pt-BR").text.confirm).toBe("Confirmar este endereço");
    expect(page("de").text.title).toBe("Use this address for the panel");
  });
});
