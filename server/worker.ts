import type { QuorumApp } from "./load-app";

/**
 * The background worker: delivers queued mail, ends expired sessions, queues scheduled reminders and
 * rolls up live results (inside `npm start`, or on its own with `npm run worker`). It works with the
 * process's one queue client, which the process stops after it.
 */
export async function startWorker(
  app: Pick<
    QuorumApp,
    | "getBoss"
    | "SEND_EMAIL"
    | "createTransport"
    | "deliverEmail"
    | "makeLinks"
    | "requeueStaleEmails"
    | "deleteExpiredSessions"
    | "runReminderSchedule"
    | "rollUpWaiting"
    | "recheckPublications"
  >,
  log: (line: string) => void = console.log,
): Promise<{ stop(): Promise<void> }> {
  const boss = await app.getBoss({ supervise: true });
  const transport = app.createTransport();
  await boss.work<{ emailId: number }>(app.SEND_EMAIL, { batchSize: 5, pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) {
      const status = await app.deliverEmail(job.data.emailId, transport, app.makeLinks);
      if (status === "failed") log(`Email ${job.data.emailId} bounced: the recipient is now marked bounced.`);
    }
  });
  await app.requeueStaleEmails();
  // Publications of the disclosure engine before issue 21's are checked once by the current one.
  void app
    .recheckPublications(log)
    .then(
      (r) =>
        r.withdrawn + r.republished &&
        log(`Publications checked again: ${r.kept} kept, ${r.withdrawn} withdrawn, ${r.republished} published again.`),
    )
    .catch((e: Error) => log(`Checking earlier publications failed: ${e.message}`));
  const sweeper = setInterval(() => {
    void app.requeueStaleEmails().catch(() => {});
    void app.deleteExpiredSessions().catch(() => {});
  }, 60_000);
  sweeper.unref();
  // Automatic reminders: the schedule is checked every ten minutes; the 48-hour gap and the
  // per-wave maximum make running it often harmless, and several workers cannot double-send (dedupe keys).
  const reminders = setInterval(
    () =>
      void app
        .runReminderSchedule()
        .then((n) => n && log(`Queued ${n} scheduled reminders.`))
        .catch((e: Error) => log(`Reminder schedule failed: ${e.message}`)),
    10 * 60_000,
  );
  reminders.unref();
  // Live results: responses completed since the last roll-up are added to their wave's counters.
  const rollups = setInterval(
    () => void app.rollUpWaiting().catch((e: Error) => log(`Results roll-up failed: ${e.message}`)),
    30_000,
  );
  rollups.unref();
  return {
    async stop() {
      clearInterval(rollups);
      clearInterval(sweeper);
      clearInterval(reminders);
      // Stops fetching mail jobs; the process's stopBoss() then waits for those being delivered.
      await boss.offWork(app.SEND_EMAIL).catch(() => {});
    },
  };
}
