import PgBoss from "pg-boss";
import { databaseUrl } from "./db.server";

export const SEND_EMAIL = "send-email";
const QUEUES = [SEND_EMAIL] as const;

let boss: Promise<PgBoss> | undefined;

/** Starts pg-boss on a database and makes sure our queues exist. */
export async function startBoss(connectionString: string, options: { supervise: boolean }): Promise<PgBoss> {
  const instance = new PgBoss({ connectionString, max: 4, supervise: options.supervise, schedule: false });
  instance.on("error", (error) => console.error(`Job queue: ${error.message}`));
  await instance.start();
  for (const name of QUEUES) {
    // Retries with exponential backoff: 1 s, 2 s, 4 s … for transient failures such as an SMTP server that is down.
    await instance.createQueue(name, { name, retryLimit: 6, retryDelay: 1, retryBackoff: true });
  }
  return instance;
}

/**
 * The process's one queue client, for enqueuing and for the worker. The worker asks for it first,
 * supervised (pg-boss's maintenance); without a worker in the process, the first enqueue starts it
 * unsupervised.
 */
export function getBoss(options: { supervise?: boolean } = {}): Promise<PgBoss> {
  const url = databaseUrl();
  if (!url) throw new Error("DATABASE_URL is not set");
  boss ??= startBoss(url, { supervise: options.supervise ?? false }).catch((error: unknown) => {
    boss = undefined;
    throw error;
  });
  return boss;
}

export async function stopBoss(): Promise<void> {
  if (!boss) return;
  const b = boss;
  boss = undefined;
  // Jobs being worked on get up to ten seconds to finish.
  await (await b).stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => {});
}

/** Enqueues many jobs in one statement (thousands of invitations at once). */
export async function enqueueMany(name: string, items: { data: object; singletonKey?: string }[]): Promise<void> {
  if (items.length === 0) return;
  const boss = await getBoss();
  for (let i = 0; i < items.length; i += 5000) {
    await boss.insert(
      items.slice(i, i + 5000).map((item) => ({
        name,
        data: item.data,
        singletonKey: item.singletonKey,
        retryLimit: 6,
        retryDelay: 1,
        retryBackoff: true,
      })),
    );
  }
}
