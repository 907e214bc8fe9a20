import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { layoutEmail, LinkList } from "~/lib/email";
import { createTransport } from "~/mailer.server";
import { deliverEmail, queueEmail } from "~/flows/mail.server";
import { listHeaders, makeLinks, unsubscribeUrl } from "~/flows/personal-links.server";
import { ensurePanel } from "~/models/panel.server";
import { upsertPanelist } from "~/models/panelist.server";
import * as app from "~/process.server";
import { startWorker } from "../../server/worker";
import { startSmtp } from "../../harness/smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let worker: { stop(): Promise<void> };

beforeAll(async () => {
  smtp = await startSmtp({ reject: (address) => address.startsWith("gone@") });
  process.env.SMTP_URL = smtp.url;
  process.env.QUORUM_PUBLIC_URL = "https://panel.example.org";
  worker = await startWorker(app, () => {});
});

afterAll(async () => {
  await worker.stop();
  await smtp.close();
});

const content = (subject: string) =>
  layoutEmail({
    subject,
    greeting: "Dear Ana,",
    paragraphs: ["<b>Bold</b> & plain"],
    panelName: "Test Panel",
    unsubscribeUrl: "https://panel.example.org/u/1.x",
  });

async function statusOf(id: number) {
  const [row] = await sql<{ status: string; attempts: number }[]>`select status, attempts from emails where id = ${id}`;
  return row;
}

async function waitForStatus(id: number, status: string) {
  const end = Date.now() + 15_000;
  while (Date.now() < end) {
    if ((await statusOf(id))?.status === status) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`email ${id} never became ${status}: ${JSON.stringify(await statusOf(id))}`);
}

describe("mail through the queue and a real SMTP server", () => {
  it("delivers a queued message once, with plain text, HTML and the one-click unsubscribe headers", async () => {
    const panel = await ensurePanel({ slug: "mail-panel", name: "Mail panel" });
    const p = await upsertPanelist(panel.id, { email: "ana@example.org", name: "Ana", country: "CL" });
    const before = smtp.received.length;
    const links = new LinkList();
    const id = await queueEmail({
      kind: "notice",
      panelistId: p.id,
      to: "ana@example.org",
      content: content("Hello Ana"),
      headers: listHeaders(links, p.id),
      links: links.specs,
      dedupeKey: `test:${p.id}`,
    });
    // Stored with a placeholder; the link is made as the message goes out.
    const [stored] = await sql<{ headers: Record<string, string> }[]>`select headers from emails where id = ${id!}`;
    expect(stored!.headers["List-Unsubscribe"]).toBe("<https://personal-link.invalid/0>");
    // Asking again with the same key sends nothing more.
    expect(
      await queueEmail({
        kind: "notice",
        panelistId: p.id,
        to: "ana@example.org",
        content: content("Hello Ana"),
        dedupeKey: `test:${p.id}`,
      }),
    ).toBeUndefined();
    await waitForStatus(id as number, "sent");
    const mails = await smtp.waitFor(before + 1);
    const mail = mails.find((m) => m.subject === "Hello Ana");
    expect(mail?.to && "text" in mail.to ? mail.to.text : "").toBe("ana@example.org");
    expect(mail?.text).toContain("<b>Bold</b> & plain");
    expect(mail?.html).toContain("&lt;b&gt;Bold&lt;/b&gt; &amp; plain");
    const raw = (key: string) => (mail?.headerLines.find((h) => h.key === key)?.line ?? "").replace(/\r\n\s+/g, " ");
    expect(raw("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(raw("list-unsubscribe")).toBe(`List-Unsubscribe: <${unsubscribeUrl(p.id)}>`);

    // A retried job finds the message sent and does not send it again.
    expect(await deliverEmail(id as number, createTransport(), makeLinks)).toBe("sent");
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.filter((m) => m.subject === "Hello Ana")).toHaveLength(1);
  });

  it("sends nothing to unsubscribed, bounced or erased people", async () => {
    const panel = await ensurePanel({ slug: "mail-suppressed", name: "Suppressed" });
    const p = await upsertPanelist(panel.id, { email: "left@example.org", name: "Left", country: "US" });
    await sql`update panelists set status = 'unsubscribed' where id = ${p.id}`;
    const id = await queueEmail({
      kind: "invitation",
      panelistId: p.id,
      to: "left@example.org",
      content: content("Should not arrive"),
    });
    await waitForStatus(id as number, "suppressed");
    expect(smtp.received.some((m) => m.subject === "Should not arrive")).toBe(false);
  });

  it("marks a person bounced when the server refuses their address for good", async () => {
    const panel = await ensurePanel({ slug: "mail-bounce", name: "Bounce" });
    const p = await upsertPanelist(panel.id, { email: "gone@example.org", name: "Gone", country: "US" });
    const id = await queueEmail({
      kind: "notice",
      panelistId: p.id,
      to: "gone@example.org",
      content: content("Bounces"),
    });
    await waitForStatus(id as number, "failed");
    const [row] = await sql<{ status: string }[]>`select status from panelists where id = ${p.id}`;
    expect(row?.status).toBe("bounced");
  });
});
