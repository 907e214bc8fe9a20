import { isDatabaseUnavailable } from "~/lib/web";

/**
 * A database client that drops a promise when its connection breaks must not take the app down:
 * CI's crash test once saw an unhandled `read ECONNRESET` while PostgreSQL restarted, from a
 * client library rather than our code (postgres.js and node-postgres under pg-boss both had such
 * bugs; see docs/security.md). Connection failures are logged and the pools reconnect; any other
 * unhandled rejection is a bug, and stops the process as Node would.
 */
export function survivePoolDisconnects(log: (line: string) => void = console.error): void {
  process.on("unhandledRejection", (reason) => {
    if (isDatabaseUnavailable(reason)) {
      log(`A database connection broke (${(reason as { code: string }).code}); the connection pools reconnect.`);
      return;
    }
    log(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
    process.exit(1);
  });
}
