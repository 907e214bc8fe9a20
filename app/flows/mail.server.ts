import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { sql } from "~/db.server";
import { getEnv } from "~/env.server";
import { enqueueMany, SEND_EMAIL } from "~/jobs.server";
import { escapeHtml, fillLinks, hideLinks, LinkList, type LinkSpec, thankYouEmail } from "~/lib/email";
import { audit, type Actor } from "~/models/audit.server";
import { PermanentRejection, type Transport } from "~/mailer.server";
import {
  countDeliveryAttempt,
  type EmailInput,
  type EmailRow,
  emailStatus,
  lockEmail,
  markEmailFailed,
  markEmailSent,
  markEmailSuppressed,
  markRecipientBounced,
  queueEmails,
  staleQueuedEmails,
  writeEmailContent,
} from "~/models/email.server";
import { thankYouContext } from "~/models/invitation.server";
import { listHeaders } from "./personal-links.server";

/** Statuses that may receive a given kind of mail: sign-up confirmations go to pending people too. */
const MAY_RECEIVE: Record<string, string[]> = {
  confirm: ["pending", "active"],
  rejoin: ["unsubscribed"],
  "already-member": ["active", "pending"],
  "sign-in": ["active", "pending", "unsubscribed"],
  "email-change": ["active", "pending", "unsubscribed"],
  "email-change-notice": ["active", "pending", "unsubscribed"],
};
const DEFAULT_RECEIVERS = ["active"];

/** Makes the links of a message as it is delivered, inside the delivery's transaction. */
export type LinkMaker = (specs: LinkSpec[], db: postgres.TransactionSql) => Promise<string[]>;

/** Enqueues delivery jobs for recorded messages (after their transaction committed). */
export async function enqueueDeliveries(ids: number[]): Promise<void> {
  await enqueueMany(
    SEND_EMAIL,
    ids.map((id) => ({ data: { emailId: id }, singletonKey: `email:${id}` })),
  );
}

/**
 * Records one message and enqueues its delivery. A `dedupeKey` makes asking twice send once.
 * Mail is never sent inside a request: the worker delivers it.
 */
export async function queueEmail(input: EmailInput): Promise<number | undefined> {
  const [id] = await queueEmails([input]);
  if (id !== undefined) await enqueueDeliveries([id]);
  return id;
}

let waiting: number[] = [];
let flush: NodeJS.Timeout | undefined;

/**
 * Enqueues delivery of recorded messages within a few milliseconds, many per job insert: under a
 * burst of completions one pg-boss insert serves many thank-you emails instead of one each. Should
 * the process stop first, the messages stay queued and the worker's sweep enqueues them a minute later.
 */
export function deliverSoon(ids: number[]): void {
  if (ids.length === 0) return;
  waiting.push(...ids);
  flush ??= setTimeout(() => {
    const batch = waiting;
    waiting = [];
    flush = undefined;
    enqueueDeliveries(batch).catch((error: Error) =>
      console.error(`Could not enqueue ${batch.length} emails now (the sweep will): ${error.message}`),
    );
  }, 20);
}

/**
 * The body of a message recorded to be written at delivery (a completion's thank-you email), written
 * now from the invitation — the person's name, the panel, the wave — and stored with the message, so
 * the outbox shows what was sent. Undefined when the invitation is gone.
 */
async function writeAtDelivery(
  tx: postgres.TransactionSql,
  email: EmailRow,
): Promise<Pick<EmailRow, "subject" | "textBody" | "htmlBody" | "headers" | "links"> | undefined> {
  const render = email.render;
  if (render?.template !== "thank-you") return undefined;
  const about = await thankYouContext(tx, render.invitationId);
  if (!about) return undefined;
  const links = new LinkList();
  const content = thankYouEmail({
    name: about.panelistName,
    panelName: about.panelName,
    surveyTitle: about.waveTitle,
    unsubscribeUrl: links.add({ kind: "unsubscribe", panelistId: about.panelistId }),
    language: render.language,
  });
  const headers = listHeaders(links, about.panelistId);
  await writeEmailContent(tx, email.id, { content, headers, links: links.specs });
  return { subject: content.subject, textBody: content.text, htmlBody: content.html, headers, links: links.specs };
}

/**
 * Delivers one recorded message, once: a retried job finds it sent and stops. Unsubscribed,
 * bounced and erased people are never mailed; a hard bounce marks the person bounced.
 */
export async function deliverEmail(
  id: number,
  transport: Transport,
  makeLinks: LinkMaker,
): Promise<EmailRow["status"] | "missing" | "busy"> {
  // The row stays locked while it is sent, so a second worker skips it rather than sending it twice.
  return sql.begin(async (tx) => {
    let email = await lockEmail(tx, id);
    if (!email) return (await emailStatus(tx, id)) ? "busy" : "missing";
    if (email.status !== "queued") return email.status;
    await countDeliveryAttempt(tx, id);
    const allowed = MAY_RECEIVE[email.kind] ?? DEFAULT_RECEIVERS;
    if (email.panelistId && (!email.panelistStatus || !allowed.includes(email.panelistStatus))) {
      await markEmailSuppressed(tx, id, `recipient is ${email.panelistStatus ?? "gone"}`);
      return "suppressed" as const;
    }
    if (email.render) {
      const written = await writeAtDelivery(tx, email);
      if (!written) {
        await markEmailSuppressed(tx, id, "what it was to be written from is gone");
        return "suppressed" as const;
      }
      email = { ...email, ...written };
    }
    try {
      // The personal links exist from here on only in the message that leaves.
      const urls = await makeLinks(email.links ?? [], tx);
      const delivery = await transport({
        from: getEnv().MAIL_FROM,
        to: email.toAddress,
        subject: email.subject,
        text: fillLinks(email.textBody, urls),
        html: fillLinks(email.htmlBody, urls, escapeHtml),
        headers: Object.fromEntries(Object.entries(email.headers).map(([k, v]) => [k, fillLinks(v, urls)])),
        messageId: `<${randomUUID()}@quorum>`,
      });
      await markEmailSent(tx, id, delivery.messageId, delivery.where === "smtp" ? null : delivery.where);
      return "sent" as const;
    } catch (error) {
      if (!(error instanceof PermanentRejection)) throw error;
      await markEmailFailed(tx, id, error.message);
      if (email.panelistId) await markRecipientBounced(tx, email.panelistId);
      return "failed" as const;
    }
  });
}

/** Messages still queued a minute after they were written (a job lost in a crash): enqueued again. */
export async function requeueStaleEmails(): Promise<number> {
  const ids = await staleQueuedEmails();
  await enqueueDeliveries(ids);
  return ids.length;
}

/**
 * Mails the team member a copy of an outbox message as its recipient saw it, but with every personal
 * link reading "[personal link]" (a copy must never carry someone's link). Audited.
 */
export async function sendOutboxCopy(
  email: Pick<EmailRow, "id" | "subject" | "textBody" | "htmlBody">,
  to: string,
  actor: Actor,
): Promise<void> {
  await queueEmail({
    kind: "test",
    panelistId: null,
    to,
    content: {
      subject: `[Test] ${hideLinks(email.subject)}`,
      text: hideLinks(email.textBody),
      html: hideLinks(email.htmlBody),
    },
  });
  await audit(actor, "send-test-copy", "email", email.id, {});
}
