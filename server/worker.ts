import type PgBoss from "pg-boss";
import { SEND_EMAIL, startBoss } from "~/jobs.server";
import { createTransport } from "~/mailer.server";
import { makeLinks } from "~/flows/personal-links.server";
import { deliverEmail, requeueStaleEmails } from "~/models/email.server";
import { deleteExpiredSessions } from "~/models/session.server";
import { runReminderSchedule } from "~/flows/fieldwork.server";
import { rollUpWaiting } from "~/results/results.server";

/** The background worker: delivers queued mail (inside `npm start`, or on its own with `npm run worker`). */
export async function startWorker(
  databaseUrl: string,
  log: (line: string) => void = console.log,
): Promise<{ stop(): Promise<void> }> {
  const boss: PgBoss = await startBoss(databaseUrl, { supervise: true });
  const transport = createTransport();
  await boss.work<{ emailId: number }>(SEND_EMAIL, { batchSize: 5, pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) {
      const status = await deliverEmail(job.data.emailId, transport, makeLinks);
      if (status === "failed") log(`Email ${job.data.emailId} bounced: the recipient is now marked bounced.`);
    }
  });
  await requeueStaleEmails();
  const sweeper = setInterval(() => {
    void requeueStaleEmails().catch(() => {});
    void deleteExpiredSessions().catch(() => {});
  }, 60_000);
  sweeper.unref();
  // Automatic reminders: the schedule is checked every ten minutes; the 48-hour gap and the
  // per-wave maximum make running it often harmless, and several workers cannot double-send (dedupe keys).
  const reminders = setInterval(
    () =>
      void runReminderSchedule()
        .then((n) => n && log(`Queued ${n} scheduled reminders.`))
        .catch((e: Error) => log(`Reminder schedule failed: ${e.message}`)),
    10 * 60_000,
  );
  reminders.unref();
  // Live results: responses completed since the last roll-up are added to their wave's counters.
  const rollups = setInterval(
    () => void rollUpWaiting().catch((e: Error) => log(`Results roll-up failed: ${e.message}`)),
    30_000,
  );
  rollups.unref();
  return {
    async stop() {
      clearInterval(rollups);
      clearInterval(sweeper);
      clearInterval(reminders);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => {});
    },
  };
}
