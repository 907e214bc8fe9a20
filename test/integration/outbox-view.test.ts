import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { invite, sendInvitations } from "~/flows/fieldwork.server";
import { ensurePanel } from "~/models/panel.server";
import { action as copyAction, loader as messageLoader } from "~/routes/admin.outbox.$id";
import { loader as outboxLoader } from "~/routes/admin.outbox._index";
import { invitedPanelist } from "../helpers/fixtures";
import { adminSession, outcomeOf, request } from "../helpers/admin";

describe("an outbox message as the recipient sees it, and a copy to oneself", () => {
  it("shows the HTML part with personal links hidden, and mails the team member a [Test] copy without any link", async () => {
    const { panel, wave, panelist } = await invitedPanelist();
    await invite(wave, { label: "test" });
    await sendInvitations(wave, { label: "test" });
    const [message] = await sql<{ id: number; htmlBody: string }[]>`
      select id, html_body from emails where panelist_id = ${panelist.id} and kind = 'invitation'`;
    expect(message!.htmlBody).toContain("https://personal-link.invalid/"); // stored with placeholders

    const { admin, cookie } = await adminSession("viewer", panel.id);
    const params = { id: String(message!.id) };
    const page = await messageLoader({
      request: request(`/admin/outbox/${message!.id}`, { cookie }),
      params,
      context: {},
    });
    expect(page.email.htmlBody).toMatch(/^<!doctype html>|<html|<p/i);
    expect(page.email.htmlBody).toContain('title="[personal link]"');
    expect(page.email.htmlBody).toContain("[personal link]");
    expect(page.email.htmlBody).not.toContain("personal-link.invalid");
    expect(page.email.htmlBody).not.toContain('href="[personal link]"');
    expect(page.me).toBe(admin.email);

    const sent = await copyAction({
      request: request(`/admin/outbox/${message!.id}`, { cookie, form: {} }),
      params,
      context: {},
    });
    expect(sent).toEqual({ sentTo: admin.email });
    const [copy] = await sql<
      {
        kind: string;
        subject: string;
        textBody: string;
        htmlBody: string;
        links: unknown[];
        panelistId: number | null;
      }[]
    >`
      select kind, subject, text_body, html_body, links, panelist_id from emails where to_address = ${admin.email}`;
    expect(copy).toMatchObject({
      kind: "test",
      subject: `[Test] Your invitation: ${wave.title}`,
      links: [],
      panelistId: null,
    });
    expect(copy!.textBody).toContain("[personal link]");
    expect(copy!.textBody + copy!.htmlBody).not.toMatch(/personal-link\.invalid|\/s\/[A-Za-z0-9_-]{20,}/);
    const [entry] = await sql`select action, entity, entity_id from audit_log where admin_id = ${admin.id}`;
    expect(entry).toMatchObject({ action: "send-test-copy", entity: "email", entityId: String(message!.id) });
  });

  it("is no such message, and sends nothing, for a team member of another panel", async () => {
    const { wave, panelist } = await invitedPanelist();
    await invite(wave, { label: "test" });
    await sendInvitations(wave, { label: "test" });
    const [message] = await sql<{ id: number }[]>`select id from emails where panelist_id = ${panelist.id}`;
    const elsewhere = await ensurePanel({ slug: `elsewhere-${wave.slug}`, name: "Elsewhere" });
    const { admin, cookie } = await adminSession("editor", elsewhere.id);
    const params = { id: String(message!.id) };
    const res = await outcomeOf(
      copyAction({ request: request(`/admin/outbox/${message!.id}`, { cookie, form: {} }), params, context: {} }),
    );
    expect(res.status).toBe(404);
    expect(await sql`select 1 from emails where to_address = ${admin.email}`).toHaveLength(0);
  });

  it("says only the day of a thank-you email (it is written when its recipient answered), the second of any other", async () => {
    const { panel, wave, panelist } = await invitedPanelist();
    await invite(wave, { label: "test" });
    await sendInvitations(wave, { label: "test" });
    const written = "2026-03-04 15:47:12+00";
    const [thanks] = await sql<{ id: number }[]>`
      insert into emails (kind, panelist_id, to_address, subject, text_body, html_body, status, created_at, sent_at)
      values ('thank-you', ${panelist.id}, ${panelist.email}, 'Thank you', 'Thanks', '<p>Thanks</p>', 'sent', ${written}, ${written})
      returning id`;
    const { cookie } = await adminSession("editor", panel.id);
    const page = await messageLoader({
      request: request(`/admin/outbox/${thanks!.id}`, { cookie }),
      params: { id: String(thanks!.id) },
      context: {},
    });
    expect(page.email).toMatchObject({ createdAt: "2026-03-04", sentAt: "2026-03-04" });
    expect(JSON.stringify(page)).not.toMatch(/15:47|T15/);
    const list = await outboxLoader({ request: request("/admin/outbox", { cookie }), params: {}, context: {} });
    const rows = list.emails.filter((e) => e.panelistId === panelist.id);
    expect(rows.find((e) => e.id === thanks!.id)?.createdAt).toBe("2026-03-04");
    expect(JSON.stringify(rows.find((e) => e.id === thanks!.id))).not.toMatch(/15:47/);
    expect(rows.find((e) => e.kind === "invitation")?.createdAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });
});
