import type postgres from "postgres";
import { sql, json } from "~/db.server";
import { type RenderedEmail, hideLinks, type LinkSpec, SURVEY_TITLE_SLOT } from "~/lib/email";

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
  /** What the body is written from when the message is delivered (null: written already). */
  render: DeferredEmail | null;
}

/** A completion's thank-you email, written when it is delivered from the invitation, in the language answered in. */
interface DeferredEmail {
  template: "thank-you";
  invitationId: number;
  language: string;
}

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

/** The insert that records messages, returning their ids; a repeated dedupe key is skipped. */
function insertEmails(db: Db, inputs: EmailInput[]) {
  return db<{ id: number }[]>`
    insert into emails (kind, panelist_id, to_address, subject, text_body, html_body, headers, links, dedupe_key)
    select x.kind, x.panelist_id, x.to_address, x.subject, x.text_body, x.html_body, x.headers, x.links, x.dedupe_key
    from jsonb_to_recordset(${json(db, inputs.map(emailRow))}) as x(kind text, panelist_id bigint, to_address text, subject text,
      text_body text, html_body text, headers jsonb, links jsonb, dedupe_key text)
    on conflict (dedupe_key) do nothing
    returning id`;
}

/**
 * The insert that records completions' thank-you emails inside the completion's own statement, one
 * per invitation, from `rows` (invitation_id, panelist_id, to_address, wave_title): the subject now
 * (`subject` is thankYouSubject's, the wave's title put in), the body when the message is delivered
 * (flows/mail writes it from the invitation), so the statement needs nothing read before it.
 */
export function insertThankYous(
  db: Db,
  rows: postgres.PendingQuery<postgres.Row[]>,
  subject: string,
  language: string,
) {
  return db<{ id: number }[]>`
    insert into emails (kind, panelist_id, to_address, subject, text_body, html_body, render, dedupe_key)
    select 'thank-you', t.panelist_id, t.to_address, replace(${subject}::text, ${SURVEY_TITLE_SLOT}::text, t.wave_title), '', '',
      jsonb_build_object('template', 'thank-you', 'invitationId', t.invitation_id, 'language', ${language}::text),
      'thank-you:' || t.invitation_id
    from (${rows}) t
    on conflict (dedupe_key) do nothing
    returning id`;
}

/** Writes the body of a message recorded to be written at delivery, as it is delivered (in its transaction). */
export async function writeEmailContent(
  db: Db,
  id: number,
  e: { content: RenderedEmail; headers: Record<string, string>; links: LinkSpec[] },
): Promise<void> {
  await db`update emails set subject = ${e.content.subject}, text_body = ${e.content.text}, html_body = ${e.content.html},
    headers = ${json(db, e.headers)}, links = ${json(db, e.links)}, render = null where id = ${id}`;
}

/** Records many messages, 2,000 per statement, and returns their ids (the caller enqueues delivery: flows/mail). */
export async function queueEmails(inputs: EmailInput[], tx: Db = sql): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < inputs.length; i += 2000) {
    const rows = await insertEmails(tx, inputs.slice(i, i + 2000));
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** Locks a message for delivery, skipping it when another worker holds it; with its recipient's status. */
export async function lockEmail(tx: postgres.TransactionSql, id: number) {
  const [email] = await tx<(EmailRow & { panelistStatus: string | null })[]>`
    select e.*, p.status as panelist_status from emails e left join panelists p on p.id = e.panelist_id
    where e.id = ${id} for update of e skip locked`;
  return email;
}

/** A message's status, undefined when there is no such message. */
export async function emailStatus(db: Db, id: number): Promise<EmailRow["status"] | undefined> {
  const [row] = await db<{ status: EmailRow["status"] }[]>`select status from emails where id = ${id}`;
  return row?.status;
}

export async function countDeliveryAttempt(db: Db, id: number): Promise<void> {
  await db`update emails set attempts = attempts + 1 where id = ${id}`;
}

export async function markEmailSuppressed(db: Db, id: number, reason: string): Promise<void> {
  await db`update emails set status = 'suppressed', error = ${reason} where id = ${id}`;
}

/** Marks a message sent; `outboxFile` is where a file transport wrote it (null for SMTP). */
export async function markEmailSent(db: Db, id: number, messageId: string, outboxFile: string | null): Promise<void> {
  await db`update emails set status = 'sent', sent_at = now(), message_id = ${messageId}, error = null,
    outbox_file = ${outboxFile} where id = ${id}`;
}

export async function markEmailFailed(db: Db, id: number, error: string): Promise<void> {
  await db`update emails set status = 'failed', error = ${error} where id = ${id}`;
}

/** A hard bounce: the person is marked bounced (an unsubscribed or erased person stays so). */
export async function markRecipientBounced(db: Db, panelistId: number): Promise<void> {
  await db`update panelists set status = 'bounced', updated_at = now() where id = ${panelistId} and status in ('active', 'pending')`;
}

/** Messages still queued a minute after they were written (a job lost in a crash), 1,000 at most. */
export async function staleQueuedEmails(): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    select id from emails where status = 'queued' and created_at < now() - interval '1 minute' order by id limit 1000`;
  return rows.map((r) => r.id);
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
