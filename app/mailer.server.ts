import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { getEnv } from "./env.server";

export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
}

interface Delivery {
  messageId: string;
  where: string;
}

/** Deletes written .eml files (an erased person's), only ever inside the outbox folder. */
export async function removeOutboxFiles(files: string[]): Promise<void> {
  const outbox = path.join(getEnv().dataDir, "outbox") + path.sep;
  for (const file of files) {
    const full = path.resolve(file);
    if (full.startsWith(outbox)) await fs.rm(full, { force: true });
  }
}

/** A hard bounce: the receiving server refused the address for good (5xx on the recipient). */
export class PermanentRejection extends Error {}

export type Transport = (message: OutgoingMessage) => Promise<Delivery>;

/** Sends through SMTP_URL; without it, writes each message as an .eml file to $QUORUM_DATA_DIR/outbox/. */
export function createTransport(): Transport {
  const env = getEnv();
  if (env.SMTP_URL) {
    const smtp = nodemailer.createTransport(env.SMTP_URL);
    return async (message) => {
      try {
        const info = await smtp.sendMail(message);
        return { messageId: info.messageId, where: "smtp" };
      } catch (error) {
        const e = error as { responseCode?: number; command?: string; message: string };
        if (
          e.responseCode &&
          e.responseCode >= 500 &&
          e.responseCode < 600 &&
          e.command !== "AUTH PLAIN" &&
          e.command !== "CONN"
        ) {
          throw new PermanentRejection(`${e.responseCode} ${e.message}`);
        }
        throw error;
      }
    };
  }
  const outbox = path.join(env.dataDir, "outbox");
  const writer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return async (message) => {
    const info = await writer.sendMail(message);
    await fs.mkdir(outbox, { recursive: true });
    const file = path.join(
      outbox,
      `${new Date().toISOString().replace(/[:.]/g, "-")}-${message.messageId.replace(/[^A-Za-z0-9]/g, "").slice(0, 24)}.eml`,
    );
    await fs.writeFile(file, info.message as Buffer);
    return { messageId: message.messageId, where: file };
  };
}
