import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getEnv } from "~/env.server";
import { approveTextQuote } from "~/flows/quotes.server";
import { publish } from "~/flows/publish.server";
import { currentPublication } from "~/models/publication.server";
import { getWave } from "~/models/wave.server";
import { ensureInvitation } from "~/models/invitation.server";
import { submitAnswers } from "~/flows/respond.server";
import { sql } from "~/db.server";
import {
  confirmEmailChange,
  confirmJoin,
  erasePanelist,
  redeemSignInLink,
  requestJoin,
  requestSignIn,
  signInRequestsDone,
} from "~/flows/membership.server";
import { action as meAction } from "~/routes/me._index";
import { panelistSession } from "../helpers/admin";
import { panelistFromUnsubscribe, unsubscribeUrl } from "~/flows/personal-links.server";
import { unsubscribe } from "~/models/membership.server";
import { ensurePanel, getPanelBySlug } from "~/models/panel.server";
import { getPanelistByEmail, getPanelistById, updatePanelist, upsertPanelist } from "~/models/panelist.server";
import { profileSchema } from "~/lib/panel";
import { action as joinAction } from "~/routes/join.$panelSlug";
import { answers2021, invitedPanelist } from "../helpers/fixtures";
import { deliverTo, linkIn } from "../helpers/mail";
import { action as submit } from "~/routes/s.$token_.answers";

const profile = (email: string) =>
  profileSchema.parse({
    email,
    name: "Joiner Person",
    country: "KE",
    organisationType: "public-university",
    roleCategory: "dean",
  });

async function lastEmail(to: string) {
  const [row] = await sql<{ kind: string; subject: string; textBody: string; status: string }[]>`
    select kind, subject, text_body, status from emails where lower(to_address) = lower(${to}) order by id desc limit 1`;
  return row;
}

/** The link of the last message to an address, as delivered (no link is stored). */
const deliveredLink = async (to: string, page: string) => linkIn((await deliverTo(to)).at(-1)!.text, page);

describe("joining a panel", () => {
  it("adds a pending person with consent, mails a confirmation link, and the link makes them active once", async () => {
    const panel = await ensurePanel({ slug: "join-panel", name: "Join Panel", consentText: "I agree to be asked." });
    await requestJoin(panel, profile("joiner@example.org"));
    const pending = await getPanelistByEmail(panel.id, "joiner@example.org");
    expect(pending).toMatchObject({ status: "pending", region: "Sub-Saharan Africa", consentVersion: 1 });
    expect(pending?.consentedAt).toBeInstanceOf(Date);
    const mail = await lastEmail("joiner@example.org");
    expect(mail).toMatchObject({ kind: "confirm", subject: "Confirm that you want to join the Join Panel" });
    expect(mail!.textBody).not.toMatch(/\/join\/confirm\/[A-Za-z0-9_-]{43}/); // stored without its link
    const token = await deliveredLink("joiner@example.org", "/join/confirm");
    expect(token).toBeTruthy();
    expect(await confirmJoin(token)).toMatchObject({ panelName: "Join Panel" });
    expect((await getPanelistByEmail(panel.id, "joiner@example.org"))?.status).toBe("active");
    expect(await confirmJoin(token)).toBeUndefined();
  });

  it("answers an address already on the panel exactly like a new one, and mails the member instead", async () => {
    const panel = await ensurePanel({ slug: "join-twice", name: "Join Twice", consentText: "I agree." });
    await requestJoin(panel, profile("member@example.org"));
    await sql`update panelists set status = 'active' where lower(email) = 'member@example.org'`;
    const form = (email: string) =>
      new Request("http://localhost/join/join-twice", {
        method: "POST",
        headers: { Host: "localhost" },
        body: new URLSearchParams({ email, name: "Someone", country: "KE", consent: "yes" }),
      });
    const known = await joinAction({
      request: form("member@example.org"),
      params: { panelSlug: "join-twice" },
      context: {},
    });
    const unknown = await joinAction({
      request: form("stranger@example.org"),
      params: { panelSlug: "join-twice" },
      context: {},
    });
    expect(known).toEqual(unknown);
    expect(known).toMatchObject({ done: true });
    const [count] = await sql<
      { n: number }[]
    >`select count(*) as n from panelists where panel_id = ${panel.id} and lower(email) = 'member@example.org'`;
    expect(count?.n).toBe(1);
    expect((await lastEmail("member@example.org"))?.kind).toBe("already-member");
  });

  it("speaks the browser's language on the join page, and mails the confirmation in the language chosen", async () => {
    const panel = await ensurePanel({ slug: "join-es", name: "Panel Global", consentText: "Acepto." });
    const { loader: joinLoader } = await import("~/routes/join.$panelSlug");
    const page = await joinLoader({
      request: new Request("http://localhost/join/join-es", {
        headers: { "Accept-Language": "es-MX,es;q=0.9,en;q=0.5" },
      }),
      params: { panelSlug: "join-es" },
      context: {},
    });
    expect(page).toMatchObject({
      language: "es",
      text: { heading: "Únase al Panel Global", submit: "Unirme al panel" },
    });
    expect(page.roles.provost).toBe("Vicerrector académico");
    expect(page.countries.find(([code]) => code === "DE")?.[1]).toBe("Alemania");
    // The form's errors say what to do, in the page's language.
    const refused = await joinAction({
      request: new Request("http://localhost/join/join-es", {
        method: "POST",
        headers: { Host: "localhost" },
        body: new URLSearchParams({ email: "no es una dirección", name: "Ana", country: "MX", pageLanguage: "es" }),
      }),
      params: { panelSlug: "join-es" },
      context: {},
    });
    expect(JSON.stringify(refused)).toContain("Escriba su dirección de correo");
    expect(JSON.stringify(refused)).toContain("Marque la casilla para aceptar");
    // Chose French on a Spanish page: the email is in French.
    await requestJoin(panel, { ...profile("francoise@example.org"), language: "fr" }, "es");
    expect(await lastEmail("francoise@example.org")).toMatchObject({
      subject: "Confirmez que vous souhaitez rejoindre le Panel Global",
    });
    // Chose nothing: the language the page was read in.
    await requestJoin(panel, { ...profile("ana@example.org"), language: null }, "es");
    expect((await lastEmail("ana@example.org"))?.textBody).toContain("Gracias por pedir unirse al Panel Global.");
  });

  it("mails a member or someone who left in their language, and the confirmation page opens in the email's", async () => {
    const panel = await ensurePanel({ slug: "join-languages", name: "Panel Global", consentText: "I agree." });
    const member = await upsertPanelist(panel.id, { email: "miembro@example.org", name: "Ana", country: "MX" });
    await sql`update panelists set status = 'active', language = 'es' where id = ${member.id}`;
    await requestJoin(panel, { ...profile("miembro@example.org"), language: null }, "en");
    expect(await lastEmail("miembro@example.org")).toMatchObject({
      kind: "already-member",
      subject: "Ya forma parte del Panel Global",
    });
    expect((await lastEmail("miembro@example.org"))?.textBody).toContain(
      "Alguien (probablemente usted) pidió unirse al Panel Global con esta dirección, que ya es miembro.",
    );
    const left = await upsertPanelist(panel.id, { email: "parti@example.org", name: "Léa", country: "FR" });
    await sql`update panelists set status = 'unsubscribed', language = 'pt' where id = ${left.id}`;
    // Chose French on the form this time: French wins over the Portuguese on record.
    await requestJoin(panel, { ...profile("parti@example.org"), language: "fr" }, "en");
    const rejoin = await lastEmail("parti@example.org");
    expect(rejoin).toMatchObject({ kind: "rejoin", subject: "Rejoindre à nouveau le Panel Global ?" });
    expect(rejoin?.textBody).toContain("Vous avez quitté le panel auparavant : rien n’a donc encore changé.");
    const delivered = (await deliverTo("parti@example.org")).at(-1)!.text;
    const url = new URL(/https?:\/\/\S+\/join\/confirm\/[A-Za-z0-9_-]{43}\?lang=fr/.exec(delivered)![0]);

    const { loader: confirmLoader } = await import("~/routes/join.confirm.$token");
    const page = await confirmLoader({
      request: new Request(url, { headers: { "Accept-Language": "en" } }),
      params: { token: url.pathname.split("/").pop() },
      context: {},
    });
    expect(page).toMatchObject({
      language: "fr",
      link: { kind: "ask" },
      text: { confirmTitle: "Confirmez votre adhésion", confirmAction: "Confirmer et rejoindre" },
    });
    // Without ?lang=, the browser's language; one our catalogue lacks in full falls back to English.
    const byBrowser = (accept: string) =>
      confirmLoader({
        request: new Request("http://localhost/join/confirm/x", { headers: { "Accept-Language": accept } }),
        params: { token: "x" },
        context: {},
      });
    expect(await byBrowser("pt-BR,pt;q=0.9")).toMatchObject({ language: "pt", link: { kind: "gone" } });
    expect((await byBrowser("pt-BR")).text.goneTitle).toBe("Este link já não funciona");
    expect(await byBrowser("ar")).toMatchObject({ language: "en", text: { goneTitle: "This link no longer works" } });
  });

  it("requires the consent box and valid fields", async () => {
    await ensurePanel({ slug: "join-consent", name: "Consent", consentText: "I agree." });
    const res = await joinAction({
      request: new Request("http://localhost/join/join-consent", {
        method: "POST",
        headers: { Host: "localhost" },
        body: new URLSearchParams({ email: "x@example.org", name: "X", country: "KE" }),
      }),
      params: { panelSlug: "join-consent" },
      context: {},
    });
    expect(JSON.stringify(res)).toContain("Tick the box to agree");
    const panel = await getPanelBySlug("join-consent");
    expect(await getPanelistByEmail(panel!.id, "x@example.org")).toBeUndefined();
  });
});

describe("the join form and people already on the panel", () => {
  it("changes nothing about someone who left: only their own click on the rejoin link brings them back, audited", async () => {
    const panel = await ensurePanel({ slug: "rejoin-panel", name: "Rejoin Panel", consentText: "I agree." });
    const person = await upsertPanelist(panel.id, { email: "left@example.org", name: "Lee Left", country: "FR" });
    await sql`update panelists set status = 'unsubscribed', consent_version = null, consented_at = null where id = ${person.id}`;
    await requestJoin(panel, profile("LEFT@example.org"));
    expect(await getPanelistById(person.id)).toMatchObject({
      status: "unsubscribed",
      consentVersion: null,
      consentedAt: null,
      name: "Lee Left",
    });
    expect((await lastEmail("left@example.org"))?.kind).toBe("rejoin");
    // An editor cannot bring them back either.
    const byEditor = await updatePanelist(
      panel.id,
      person.id,
      {
        email: "left@example.org",
        name: "Lee Left",
        jobTitle: null,
        roleCategory: null,
        organisation: null,
        organisationType: null,
        country: "FR",
        language: null,
        attributes: {},
      },
      { label: "editor" },
      "active",
    );
    expect(byEditor).toEqual({ ok: false, reason: "left" });
    const token = await deliveredLink("left@example.org", "/join/confirm");
    expect(await confirmJoin(token)).toMatchObject({ panelName: "Rejoin Panel", already: false });
    expect(await getPanelistById(person.id)).toMatchObject({ status: "active", consentVersion: 1 });
    const [entry] = await sql<
      { action: string; actor: string }[]
    >`select action, actor from audit_log where entity = 'panelist' and entity_id = ${String(person.id)} order by id desc limit 1`;
    expect(entry).toEqual({ action: "rejoin", actor: `panelist:${person.id}` });
  });

  it("leaves a pending person as they are and sends the confirmation again; a used link says they are already in", async () => {
    const panel = await ensurePanel({ slug: "pending-panel", name: "Pending Panel", consentText: "I agree." });
    await requestJoin(panel, profile("pending@example.org"));
    const before = await getPanelistByEmail(panel.id, "pending@example.org");
    await requestJoin(panel, { ...profile("pending@example.org"), name: "Someone Else", country: "US" });
    expect(await getPanelistByEmail(panel.id, "pending@example.org")).toMatchObject({
      name: before!.name,
      country: before!.country,
      status: "pending",
    });
    const [first, second] = await deliverTo("pending@example.org");
    expect(await confirmJoin(linkIn(second!.text, "/join/confirm"))).toMatchObject({ already: false });
    expect(await confirmJoin(linkIn(first!.text, "/join/confirm"))).toMatchObject({ already: true });
  });
});

describe("changing one's own address at /me", () => {
  it("takes effect only once confirmed from the new address, tells the old one, and says nothing of who else is on the panel", async () => {
    const panel = await ensurePanel({ slug: "move-panel", name: "Move Panel" });
    const person = await upsertPanelist(panel.id, { email: "old@example.org", name: "Mo Mover", country: "FR" });
    await upsertPanelist(panel.id, { email: "taken@example.org", name: "Tay Taken", country: "FR" });
    const cookie = await panelistSession(person.id);
    const save = (email: string) =>
      meAction({
        request: new Request("http://localhost/me", {
          method: "POST",
          headers: { Host: "localhost", Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "update", email, name: "Mo Mover", country: "FR" }),
        }),
        params: {},
        context: {},
      });
    const free = (await save("new@example.org")) as Response;
    const taken = (await save("taken@example.org")) as Response;
    expect(free.headers.get("Location")).toBe(taken.headers.get("Location")); // the same answer either way
    expect((await getPanelistById(person.id))?.email).toBe("old@example.org");
    const notice = (await deliverTo("old@example.org")).map((m) => m.subject);
    expect(notice).toEqual([
      "Your address for the Move Panel is being changed",
      "Your address for the Move Panel is being changed",
    ]);
    expect(await confirmEmailChange(linkIn((await deliverTo("taken@example.org")).at(-1)!.text, "/me/email"))).toBe(
      "taken",
    );
    expect(await confirmEmailChange(linkIn((await deliverTo("new@example.org")).at(-1)!.text, "/me/email"))).toBe(
      "changed",
    );
    expect((await getPanelistById(person.id))?.email).toBe("new@example.org");
    // The sessions of the old address end with it.
    expect(await sql`select 1 from sessions where panelist_id = ${person.id}`).toHaveLength(0);
  });
});

describe("signing in to /me, leaving and erasing", () => {
  it("mails a single-use sign-in link that expires", async () => {
    const panel = await ensurePanel({ slug: "me-panel", name: "Me Panel" });
    await requestJoin(panel, profile("me@example.org"));
    await sql`update panelists set status = 'active' where lower(email) = 'me@example.org'`;
    await requestSignIn("ME@example.org");
    const mail = await lastEmail("me@example.org");
    expect(mail?.kind).toBe("sign-in");
    const token = await deliveredLink("me@example.org", "/me/link");
    const signedIn = await redeemSignInLink(token);
    expect(signedIn?.scope).toBe("full");
    expect((await getPanelistById(signedIn!.panelistId))?.email).toBe("me@example.org");
    expect(await redeemSignInLink(token)).toBeUndefined();

    await requestSignIn("me@example.org");
    const second = await deliveredLink("me@example.org", "/me/link");
    await sql`update panelist_links set expires_at = now() - interval '1 second' where used_at is null`;
    expect(await redeemSignInLink(second)).toBeUndefined();
  });

  it("answers 'email me a link' before looking the address up, the same for a member and a stranger (issue 23, also seen)", async () => {
    const panel = await ensurePanel({ slug: "me-timing", name: "Timing Panel" });
    await requestJoin(panel, profile("timing@example.org"));
    await sql`update panelists set status = 'active' where lower(email) = 'timing@example.org'`;
    const ask = async (email: string, ip: string) => {
      const request = new Request("http://localhost/me", {
        method: "POST",
        headers: { Host: "localhost", "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "request-link", email }),
      });
      return meAction({ request, params: {}, context: { clientIp: ip } });
    };
    const signInMails = async (to: string) =>
      (
        await sql<{ n: number }[]>`
          select count(*)::int as n from emails where kind = 'sign-in' and lower(to_address) = ${to}`
      )[0]?.n;
    const member = await ask("timing@example.org", "198.51.100.61");
    const stranger = await ask("nobody-timing@example.org", "198.51.100.62");
    // The same answer, given before any work that depends on who the address is.
    expect(member).toEqual(stranger);
    expect(member).toMatchObject({ sent: true });
    expect(await signInMails("timing@example.org")).toBe(0);
    await signInRequestsDone();
    expect(await signInMails("timing@example.org")).toBe(1);
    expect(await signInMails("nobody-timing@example.org")).toBe(0);
  });

  it("unsubscribes with a signed one-click link, and a forged one does nothing", async () => {
    const panel = await ensurePanel({ slug: "unsub-panel", name: "Unsub Panel" });
    await requestJoin(panel, profile("unsub@example.org"));
    const p = await getPanelistByEmail(panel.id, "unsub@example.org");
    const value = unsubscribeUrl(p!.id).split("/u/")[1] as string;
    expect(panelistFromUnsubscribe(value)).toBe(p!.id);
    expect(panelistFromUnsubscribe(`${p!.id + 1}.${value.split(".")[1]}`)).toBeUndefined();
    expect(panelistFromUnsubscribe("1.short")).toBeUndefined();
    await unsubscribe(p!.id);
    expect((await getPanelistById(p!.id))?.status).toBe("unsubscribed");
  });

  it("erases the profile, the responses, the quote (also from a publication that carried it), the outbox files and every personal value in the audit log", async () => {
    const { token, panelist, wave, invitation } = await invitedPanelist({ profile: { name: "Erin Erasable" } });
    await submit({
      request: new Request("http://localhost/", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ data: answers2021, complete: true }),
      }),
      params: { token },
      context: {},
    });
    const email = panelist.email as string;
    // Before: an admin changed their profile (an entry from the old days kept the address itself),
    // their thank-you email was written to the outbox, and their quote was published.
    await updatePanelist(
      wave.panelId,
      panelist.id,
      {
        email,
        name: "Erin E.",
        jobTitle: null,
        roleCategory: null,
        organisation: null,
        organisationType: null,
        country: "CL",
        language: null,
        attributes: {},
      },
      { label: "admin" },
    );
    await sql`insert into audit_log (actor, action, entity, changes) values ('admin', 'unsubscribe', 'panelists', ${sql.json({ emails: [email] })})`;
    const outbox = path.join(getEnv().dataDir, "outbox", `erase-test-${panelist.id}.eml`);
    await fs.mkdir(path.dirname(outbox), { recursive: true });
    await fs.writeFile(outbox, `To: ${email}`);
    await sql`update emails set outbox_file = ${outbox} where panelist_id = ${panelist.id}`;
    // Two more people answer, so the wave reaches its k of 3 (the floor, migration 0017) and its quote is published.
    for (const other of ["erin-peer-1@example.org", "erin-peer-2@example.org"]) {
      const peer = await upsertPanelist(wave.panelId, { email: other, name: "A Peer", country: "CL" });
      const { token: peerToken } = await ensureInvitation(wave.id, peer.id);
      expect(await submitAnswers(peerToken, { data: answers2021, complete: true })).toMatchObject({
        kind: "saved",
        status: "complete",
      });
    }
    await sql`update waves set min_group_size = 3 where id = ${wave.id}`;
    const [response] = await sql<
      { id: string }[]
    >`select id from responses where wave_id = ${wave.id} and invitation_id = ${invitation.id}`;
    expect(await sql`select 1 from responses where wave_id = ${wave.id}`).toHaveLength(3);
    expect(
      await approveTextQuote((await getWave(wave.id))!, response!.id, "comment", "A mosaic of credentials.", {
        label: "admin",
      }),
    ).toEqual({ approved: true });
    const published = await publish((await getWave(wave.id))!, { label: "admin" });
    if (!published.ok) throw new Error(published.message);
    expect(published.publication.snapshot.quotes).toHaveLength(1);

    await erasePanelist(panelist.id, "test");

    expect(await getPanelistById(panelist.id)).toMatchObject({
      status: "erased",
      email: null,
      name: null,
      organisation: null,
      country: null,
      jobTitle: null,
    });
    expect(await sql`select 1 from responses where id = ${response!.id}`).toHaveLength(0); // Erin's answers are gone
    expect(await sql`select 1 from responses where wave_id = ${wave.id}`).toHaveLength(2); // the peers' stay
    expect(await sql`select 1 from quotes where wave_id = ${wave.id}`).toHaveLength(0);
    expect(await sql`select 1 from invitations where panelist_id = ${panelist.id}`).toHaveLength(0);
    expect((await currentPublication(wave.id))?.snapshot.quotes).toEqual([]); // struck from what readers see now
    const [stored] = await sql<
      { snapshot: { quotes: unknown[] } }[]
    >`select snapshot from publications where id = ${published.publication.id}`;
    expect(stored?.snapshot.quotes).toEqual([]);
    await expect(fs.access(outbox)).rejects.toThrow();
    const audit = JSON.stringify(await sql`select actor, changes from audit_log`);
    expect(audit).not.toContain(email);
    expect(audit).not.toContain("Erin");
  });
});

describe("mail to one address, whoever asks (issue 23, item 3)", () => {
  it("sends at most one join or address-change email an hour to an address, and answers every request the same", async () => {
    const panel = await ensurePanel({ slug: "flood-panel", name: "Flood Panel", consentText: "I agree." });
    await upsertPanelist(panel.id, { email: "member-flood@example.org", name: "Mem Ber", country: "KE" });
    await sql`update panelists set status = 'active' where lower(email) = 'member-flood@example.org'`;
    const left = await upsertPanelist(panel.id, { email: "left-flood@example.org", name: "Lef T", country: "KE" });
    await unsubscribe(left.id);
    const join = (email: string, i: number) =>
      joinAction({
        request: new Request("http://localhost/join/flood-panel", {
          method: "POST",
          headers: { Host: "localhost" },
          body: new URLSearchParams({ email, name: "Someone", country: "KE", consent: "yes" }),
        }),
        params: { panelSlug: "flood-panel" },
        // From a new network address each time: the per-client limit does not stop this.
        context: { clientIp: `198.51.100.${i + 1}` },
      });
    const mailsTo = async (address: string) =>
      (await sql<{ n: number }[]>`select count(*)::int as n from emails where lower(to_address) = ${address}`)[0]?.n;
    for (const address of ["member-flood@example.org", "left-flood@example.org", "new-flood@example.org"]) {
      const answers = [];
      for (let i = 0; i < 8; i++) answers.push(await join(address, i));
      for (const a of answers) expect(a).toEqual({ done: true, errors: {}, values: {} });
      expect(await mailsTo(address), address).toBe(1);
    }
    // An address change mails the new address once an hour, however often it is asked, and a join to it counts too.
    const mover = await upsertPanelist(panel.id, { email: "mover-flood@example.org", name: "Mo Ver", country: "KE" });
    const cookie = await panelistSession(mover.id);
    for (let i = 0; i < 6; i++)
      await meAction({
        request: new Request("http://localhost/me", {
          method: "POST",
          headers: { Host: "localhost", Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            intent: "update",
            email: "target-flood@example.org",
            name: "Mo Ver",
            country: "KE",
          }),
        }),
        params: {},
        context: {},
      });
    expect(await mailsTo("target-flood@example.org")).toBe(1);
    await join("target-flood@example.org", 50);
    expect(await mailsTo("target-flood@example.org")).toBe(1);
    // The counters hold no address.
    const keys = await sql<{ key: string }[]>`select key from rate_limits`;
    expect(JSON.stringify(keys)).not.toMatch(/flood@example\.org/);
  });
});
