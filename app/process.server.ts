// What the process (server/) takes from the app, in one place. The server takes it from the build
// (app/entry.server.tsx hands it on), so the process holds one copy of the app: one connection pool,
// one queue client, the environment read once; the worker alone and the CLI take it from the source.
export { EnvError, initEnv, type Env } from "./env.server";
export { closeDb, connectTo } from "./db.server";
export { getBoss, SEND_EMAIL, stopBoss } from "./jobs.server";
export { createTransport } from "./mailer.server";
export { demoTour, seedDemo } from "./flows/demo.server";
export { makeLinks } from "./flows/personal-links.server";
export { runReminderSchedule } from "./flows/fieldwork.server";
export { deliverEmail, requeueStaleEmails } from "./flows/mail.server";
export { deleteExpiredSessions } from "./models/session.server";
export { syncQuestionnaires, type SyncReport } from "./flows/questionnaires.server";
export { rollUpWaiting } from "./results/results.server";
export { recheckPublications } from "./flows/recheck-publications.server";
// The respondent endpoints' actions, which the server calls straight (not through Remix's router).
export { action as completionAction } from "./routes/s.$token_.answers";
export { answerPersonalLink } from "./http/respondent.server";
export { action as openLinkCompletionAction } from "./routes/o.$code_.answers";
