import { afterEach, describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { initEnv } from "~/env.server";
import { invite, remind, sendInvitations } from "~/flows/fieldwork.server";
import { createApiKey } from "~/models/api-key.server";
import { setContactExempt } from "~/models/contact.server";
import { getPanelById, getPanelBySlug } from "~/models/panel.server";
import { upsertPanelist } from "~/models/panelist.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { createWave, type Wave } from "~/models/wave.server";
import { action as patchPanel } from "~/routes/api.v1.panels.$slug";
import { action as apiInvitations } from "~/routes/api.v1.waves.$slug.invitations";
import { action as bounces } from "~/routes/api.v1.panels.$slug.bounces";
import { loader as panelistList } from "~/routes/admin.panels.$slug.panelists._index";
import { action as waveAction } from "~/routes/admin.waves.$slug";
import { action as panelistAction, loader as panelistPage } from "~/routes/admin.panels.$slug.panelists.$id";
import { adminSession, outcomeOf, request } from "../helpers/admin";
import { invitedPanelist } from "../helpers/fixtures";

const DAY = 86_400_000;
const actor = { label: "test" };
const t0 = new Date("2026-01-05T09:00:00Z");
const day = (n: number) => new Date(t0.getTime() + n * DAY);

let waveCount = 0;
async function waveOf(panelId: number, opensAt: Date): Promise<Wave> {
  const version = await getCurrentVersion("micro-credentials-2021");
  return createWave({
    slug: `contact-${++waveCount}-${Math.random().toString(36).slice(2, 8)}`,
    title: `Wave ${waveCount}`,
    panelId,
    questionnaireVersionId: version!.id,
    opensAt,
    closesAt: new Date(opensAt.getTime() + 30 * DAY),
    maxReminders: 2,
  });
}

/** Whose invitation emails a wave recorded in the outbox. */
async function emailedBy(wave: Wave): Promise<string[]> {
  const rows = await sql<{ to: string }[]>`
    select e.to_address as to from emails e join invitations i on e.dedupe_key = 'invitation:' || i.id
    where i.wave_id = ${wave.id} and e.kind = 'invitation' order by e.to_address`;
  return rows.map((r) => r.to);
}

async function field(panelId: number, at: Date) {
  const wave = await waveOf(panelId, at);
  const invited = await invite(wave, actor, undefined, at);
  await sendInvitations(wave, actor, at);
  return { wave, invited, emailed: await emailedBy(wave) };
}

/** The fixture's wave: the one invitation of the panelist that was never emailed. */
async function invitedWaveOf(panelistId: number) {
  const [row] = await sql<{ slug: string }[]>`
    select w.slug from invitations i join waves w on w.id = i.wave_id where i.panelist_id = ${panelistId} and i.sent_at is null`;
  return row?.slug;
}

afterEach(() => {
  initEnv({ ...process.env, QUORUM_CONTACT_ACROSS_PANELS: "0" });
});

describe("the contact rule (default: at most 3 invitations in any 90 days, none within 14 days of the last)", () => {
  it("across waves with dates moved: skips people asked too recently, says why, and reminders do not count", async () => {
    const { panel, panelist: ana } = await invitedPanelist({ profile: { email: "ana@contact.example" } });
    const bea = await upsertPanelist(panel.id, { email: "bea@contact.example", name: "Bea Exempt" });
    await sql`update panelists set status = 'active' where panel_id = ${panel.id}`;
    await setContactExempt(panel.id, bea.id, true);
    expect((await getPanelById(panel.id))?.contactLimit).toEqual({ invitations: 3, days: 90, gapDays: 14 });
    const both = ["ana@contact.example", "bea@contact.example"];

    const first = await field(panel.id, day(0));
    expect(first.emailed).toEqual(both);
    // Two reminders of the first wave (days 3 and 6): they are not invitations.
    expect((await remind(first.wave, actor, { now: day(3) })).queued).toBe(2);
    expect((await remind(first.wave, actor, { now: day(6) })).queued).toBe(2);

    // Day 10: within 14 days of the last invitation; the exempt person is asked anyway.
    const tooSoon = await field(panel.id, day(10));
    expect(tooSoon.emailed).toEqual(["bea@contact.example"]);
    expect(tooSoon.invited.resting).toEqual([
      { email: "ana@contact.example", reason: "gap", says: "invited less than 14 days ago" },
    ]);
    const [none] = await sql<{ n: number }[]>`
      select count(*) as n from invitations where wave_id = ${tooSoon.wave.id} and panelist_id = ${ana.id}`;
    expect(none?.n).toBe(0);

    // Days 20 and 40: the second and third invitations in 90 days.
    expect((await field(panel.id, day(20))).emailed).toEqual(both);
    expect((await field(panel.id, day(40))).emailed).toEqual(both);

    // Day 60: three in the last 90 days (days 0, 20, 40), more than 14 days after the last.
    const full = await field(panel.id, day(60));
    expect(full.emailed).toEqual(["bea@contact.example"]);
    expect(full.invited.resting).toEqual([
      { email: "ana@contact.example", reason: "limit", says: "already invited 3 times in the last 90 days" },
    ]);

    // Day 95: day 0 has left the window (days 20 and 40 remain): asked again.
    expect((await field(panel.id, day(95))).emailed).toEqual(both);

    // Ana was emailed four invitations and two reminders in all, never two invitations within 14 days.
    const sent = await sql<{ sentAt: Date }[]>`
      select sent_at from invitations where panelist_id = ${ana.id} and sent_at is not null order by sent_at`;
    expect(sent.map((s) => Math.round((s.sentAt.getTime() - t0.getTime()) / DAY))).toEqual([0, 20, 40, 95]);
  });

  it("is set per panel through the API, and the wave page says who will be skipped before sending", async () => {
    const { panel, panelist } = await invitedPanelist();
    await upsertPanelist(panel.id, { email: `fresh-${panel.slug}@example.org`, name: "Fresh" });
    await sql`update panelists set status = 'active' where panel_id = ${panel.id}`;
    const { key } = await createApiKey("contact", "editor", actor, panel.id);
    const patch = (body: unknown) =>
      outcomeOf(
        patchPanel({
          request: new Request(`http://localhost/api/v1/panels/${panel.slug}`, {
            method: "PATCH",
            headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
            body: JSON.stringify(body),
          }),
          params: { slug: panel.slug },
          context: {},
        }),
      );
    const bad = await patch({ contactLimit: { invitations: 0, days: 90, gapDays: 14 } });
    expect(bad.status).toBe(400);
    const ok = await patch({ contactLimit: { invitations: 2, days: 30, gapDays: 7 } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ contactLimit: { invitations: 2, days: 30, gapDays: 7 } });
    expect((await getPanelBySlug(panel.slug))?.contactLimit).toEqual({ invitations: 2, days: 30, gapDays: 7 });
    const [entry] = await sql<{ changes: unknown }[]>`
      select changes from audit_log where action = 'set-contact-limit' and entity_id = ${String(panel.id)}`;
    expect(entry?.changes).toEqual({
      before: { invitations: 3, days: 90, gapDays: 14 },
      after: { invitations: 2, days: 30, gapDays: 7 },
    });

    // The panelist was asked 3 days ago (by another wave); the new one is not.
    const earlier = await waveOf(panel.id, new Date(Date.now() - 10 * DAY));
    await sql`
      insert into invitations (wave_id, panelist_id, token_hash, sent_at)
      values (${earlier.id}, ${panelist.id}, '\\x00', now() - interval '3 days')`;
    const next = await waveOf(panel.id, new Date(Date.now() - 60_000));
    const { cookie } = await adminSession("editor", panel.id);
    const asked = await outcomeOf(
      waveAction({
        request: request(`/admin/waves/${next.slug}`, { cookie, form: { intent: "send" } }),
        params: { slug: next.slug },
        context: {},
      }),
    );
    expect(asked.body).toMatchObject({
      confirm: {
        question: "1 person will be invited: email 1 invitation now?",
        detail:
          "1 person was asked too recently (the panel's rule: at most 2 invitations in any 30 days, and none within 7 days of the last) and will not be invited.",
      },
    });
    expect(await emailedBy(next)).toEqual([]);

    // The invitations API invites the rest and returns who rests, with the reason.
    const api = await outcomeOf(
      apiInvitations({
        request: new Request(`http://localhost/api/v1/waves/${next.slug}/invitations`, {
          method: "POST",
          headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
          body: JSON.stringify({}),
        }),
        params: { slug: next.slug },
        context: {},
      }),
    );
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({
      invited: 1,
      emailsQueued: 1,
      resting: [{ email: panelist.email, reason: "gap", says: "invited less than 7 days ago" }],
    });
    expect(await emailedBy(next)).toEqual([`fresh-${panel.slug}@example.org`]);

    // The panelist's page: their recent invitations, whether they answered (never what), and the rule's verdict.
    const page = (await outcomeOf(
      panelistPage({
        request: request(`/admin/panels/${panel.slug}/panelists/${panelist.id}`, { cookie }),
        params: { slug: panel.slug, id: String(panelist.id) },
        context: {},
      }),
    )) as {
      body: { invitations: { waveSlug: string; answered: boolean }[]; contact: { rest: string; exempt: boolean } };
    };
    // The fixture's own wave (invited, not emailed) and the earlier one, newest first.
    expect(page.body.invitations.map((i) => [i.waveSlug, i.answered])).toEqual([
      [(await invitedWaveOf(panelist.id)) as string, false],
      [earlier.slug, false],
    ]);
    expect(page.body.contact).toMatchObject({ exempt: false, rest: "invited less than 7 days ago" });
    // The team exempts them (they opted in to more): audited, and the next wave asks them.
    await outcomeOf(
      panelistAction({
        request: request(`/admin/panels/${panel.slug}/panelists/${panelist.id}`, {
          cookie,
          form: { intent: "contact-exempt", exempt: "yes" },
        }),
        params: { slug: panel.slug, id: String(panelist.id) },
        context: {},
      }),
    );
    const [exempt] = await sql<
      { contactExempt: boolean }[]
    >`select contact_exempt from panelists where id = ${panelist.id}`;
    expect(exempt?.contactExempt).toBe(true);
    const [audited] = await sql<{ n: number }[]>`
      select count(*) as n from audit_log where action = 'exempt-from-contact-rule' and entity_id = ${String(panelist.id)}`;
    expect(audited?.n).toBe(1);
    const after = await waveOf(panel.id, new Date(Date.now() - 60_000));
    // (The person the API just invited rests; the exempt one does not.)
    expect((await invite(after, actor)).resting.map((r) => r.email)).toEqual([`fresh-${panel.slug}@example.org`]);
  });

  it("counts one address across every panel when the installation says so", async () => {
    const email = `both-${Date.now()}@example.org`;
    const one = await invitedPanelist({ profile: { email } });
    const two = await invitedPanelist({ profile: { email } });
    await sql`update panelists set status = 'active' where lower(email) = ${email}`;
    await field(one.panel.id, day(0));

    const separate = await field(two.panel.id, day(5));
    expect(separate.emailed).toEqual([email]);

    initEnv({ ...process.env, QUORUM_CONTACT_ACROSS_PANELS: "1" });
    const across = await field(two.panel.id, day(12));
    expect(across.emailed).toEqual([]);
    expect(across.invited.resting).toMatchObject([{ email, reason: "gap" }]);
    const third = await field(one.panel.id, day(13));
    expect(third.emailed).toEqual([]);
  });

  it("skips an address reported as bouncing through the API in later sends, and the admin shows it bounced", async () => {
    const { panel, panelist, wave } = await invitedPanelist();
    await sql`update panelists set status = 'active' where panel_id = ${panel.id}`;
    const { key } = await createApiKey("bounces", "editor", actor, panel.id);
    const reported = await outcomeOf(
      bounces({
        request: new Request(`http://localhost/api/v1/panels/${panel.slug}/bounces`, {
          method: "POST",
          headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
          body: JSON.stringify({ emails: [panelist.email!.toUpperCase(), "nobody@example.org"] }),
        }),
        params: { slug: panel.slug },
        context: {},
      }),
    );
    expect(reported.body).toEqual({ bounced: 1, notFound: ["nobody@example.org"] });
    const [row] = await sql<{ status: string }[]>`select status from panelists where id = ${panelist.id}`;
    expect(row?.status).toBe("bounced");
    await invite(wave, actor);
    expect((await sendInvitations(wave, actor)).queued).toBe(0);
    expect(await emailedBy(wave)).toEqual([]);
    const { cookie } = await adminSession("viewer", panel.id);
    const list = await outcomeOf(
      panelistList({
        request: request(`/admin/panels/${panel.slug}/panelists?status=bounced`, { cookie }),
        params: { slug: panel.slug },
        context: {},
      }),
    );
    expect(JSON.stringify(list.body)).toContain(panelist.email);
    expect((list.body as { counts: { byStatus: Record<string, number> } }).counts.byStatus.bounced).toBe(1);
  });
});
