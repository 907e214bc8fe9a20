import { makeLinks } from "~/flows/personal-links.server";
import type { OutgoingMessage } from "~/mailer.server";
import { sql } from "~/db.server";
import { deliverEmail } from "~/flows/mail.server";

/**
 * Delivers the queued mail to an address as the worker would, through a transport that keeps the
 * messages: what the recipient gets, with its personal links made now (they are stored nowhere).
 */
export async function deliverTo(address: string): Promise<OutgoingMessage[]> {
  const sent: OutgoingMessage[] = [];
  const ids = await sql<
    { id: number }[]
  >`select id from emails where lower(to_address) = lower(${address}) and status = 'queued' order by id`;
  for (const { id } of ids) {
    await deliverEmail(
      id,
      async (message) => {
        sent.push(message);
        return { messageId: message.messageId, where: "memory" };
      },
      makeLinks,
    );
  }
  return sent;
}

/** The token of the first link to a page ("/me/link", "/join/confirm", …) in a message's text. */
export function linkIn(text: string, page: string): string {
  const match = new RegExp(`${page.replace(/\//g, "\\/")}\\/([A-Za-z0-9_-]{43})`).exec(text);
  if (!match) throw new Error(`no ${page} link in: ${text}`);
  return match[1] as string;
}
