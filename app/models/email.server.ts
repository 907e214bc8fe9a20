import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { sql, json } from "~/db.server";
import { getEnv } from "~/env.server";
import { enqueueMany, SEND_EMAIL } from "~/jobs.server";
import { escapeHtml, type RenderedEmail, fillLinks, hideLinks, type LinkSpec } from "~/lib/email";
import { PermanentRejection, type Transport } from "~/mailer.server";

export interface EmailRow {
  id: number;
  kind: string;
  panelistId: number | null;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  headers: Record<string, string>;
  status: "queued" | "sent" | "failed" | "suppressed";
  links: LinkSpec[];
  messageId: string | null;
  error: string | null;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
}

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

export interface EmailInput {
  kind: string;
  panelistId: number | null;
  to: string;
  /** Text, HTML and subject, with placeholders where personal links go (see lib/link-placeholders). */
  content: RenderedEmail;
  headers?: Record<string, string>;
  /** What each placeholder stands for: the links are made when the message is delivered. */
  links?: LinkSpec[];
  dedupeKey?: string;
}

/** Makes the links of a message as it is delivered, inside the delivery's transaction. */
export type LinkMaker = (specs: LinkSpec[], db: postgres.TransactionSql) => Promise<string[]>;

type Db = typeof sql | postgres.TransactionSql;

/** An email as the columns of its row. */
function emailRow(e: EmailInput) {
  return {
    kind: e.kind,
    panelist_id: e.panelistId,
    to_address: e.to,
    subject: e.content.subject,
    text_body: e.content.text,
    html_body: e.content.html,
    headers: e.headers ?? {},
    links: e.links ?? [],
    dedupe_key: e.dedupeKey ?? null,
  };
}

/**
 * The insert that records messages, returning their ids; a repeated dedupe key is skipped. Awaited
 * on its own, or placed in a larger statement (a completion records its thank-you email this way),
 * with `onlyIf` a WHERE clause that decides whether anything is recorded.
 */
export function insertEmails(db: Db, inputs: EmailInput[], onlyIf?: postgres.PendingQuery<postgres.Row[]>) {
  return db<{ id: number }[]>`
    insert into emails (kind, panelist_id, to_address, subject, text_body, html_body, headers, links, dedupe_key)
    select x.kind, x.panelist_id, x.to_address, x.subject, x.text_body, x.html_body, x.headers, x.links, x.dedupe_key
    from jsonb_to_recordset(${json(db, inputs.map(emailRow))}) as x(kind text, panelist_id bigint, to_address text, subject text,
      text_body text, html_body text, headers jsonb, links jsonb, dedupe_key text)
    ${onlyIf ?? db``}
    on conflict (dedupe_key) do nothing
    returning id`;
}

/** Records many messages, 2,000 per statement, and returns their ids (the caller enqueues delivery). */
export async function queueEmails(inputs: EmailInput[], tx: Db = sql): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < inputs.length; i += 2000) {
    const rows = await insertEmails(tx, inputs.slice(i, i + 2000));
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
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
    const [email] = await tx<(EmailRow & { panelistStatus: string | null })[]>`
      select e.*, p.status as panelist_status from emails e left join panelists p on p.id = e.panelist_id
      where e.id = ${id} for update of e skip locked`;
    if (!email) {
      const [row] = await tx<{ status: EmailRow["status"] }[]>`select status from emails where id = ${id}`;
      return row ? "busy" : "missing";
    }
    if (email.status !== "queued") return email.status;
    await tx`update emails set attempts = attempts + 1 where id = ${id}`;
    const allowed = MAY_RECEIVE[email.kind] ?? DEFAULT_RECEIVERS;
    if (email.panelistId && (!email.panelistStatus || !allowed.includes(email.panelistStatus))) {
      await tx`update emails set status = 'suppressed', error = ${`recipient is ${email.panelistStatus ?? "gone"}`} where id = ${id}`;
      return "suppressed" as const;
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
      await tx`update emails set status = 'sent', sent_at = now(), message_id = ${delivery.messageId}, error = null,
        outbox_file = ${delivery.where === "smtp" ? null : delivery.where} where id = ${id}`;
      return "sent" as const;
    } catch (error) {
      if (!(error instanceof PermanentRejection)) throw error;
      await tx`update emails set status = 'failed', error = ${error.message} where id = ${id}`;
      if (email.panelistId) {
        await tx`update panelists set status = 'bounced', updated_at = now() where id = ${email.panelistId} and status in ('active', 'pending')`;
      }
      return "failed" as const;
    }
  });
}

/** Messages still queued a minute after they were written (a job lost in a crash): enqueued again. */
export async function requeueStaleEmails(): Promise<number> {
  const rows = await sql<{ id: number }[]>`
    select id from emails where status = 'queued' and created_at < now() - interval '1 minute' order by id limit 1000`;
  await enqueueDeliveries(rows.map((r) => r.id));
  return rows.length;
}

/** Which messages are about the panels `panelIds` (null: all): a message to no panelist is about none. */
function emailsWithin(panelIds: number[] | null) {
  return panelIds === null
    ? sql`true`
    : sql`(select x.panel_id from panelists x where x.id = e.panelist_id) = any(${panelIds}::bigint[])`;
}

/** The outbox, newest first; with `panelIds` only messages to people of those panels. */
export async function listEmails(page: number, perPage = 50, panelIds: number[] | null = null) {
  const emails = await sql<EmailRow[]>`
    select id, kind, panelist_id, to_address, subject, status, error, attempts, created_at, sent_at
    from emails e where ${emailsWithin(panelIds)}
    order by id desc limit ${perPage} offset ${(page - 1) * perPage}`;
  const [count] = await sql<{ n: number }[]>`select count(*) as n from emails e where ${emailsWithin(panelIds)}`;
  return { emails, total: count?.n ?? 0 };
}

/** A message as admins may see it: every personal link reads "[personal link]" (there is none stored, only placeholders). */
export async function getEmail(id: number, panelIds: number[] | null = null): Promise<EmailRow | undefined> {
  const [row] = await sql<EmailRow[]>`select * from emails e where id = ${id} and ${emailsWithin(panelIds)}`;
  if (!row) return undefined;
  return {
    ...row,
    textBody: hideLinks(row.textBody),
    htmlBody: hideLinks(row.htmlBody),
    headers: Object.fromEntries(Object.entries(row.headers).map(([k, v]) => [k, hideLinks(v)])),
  };
}
