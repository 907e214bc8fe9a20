import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import type * as Entry from "~/entry.server";
import { root } from "./bootstrap";

/** What the process takes from the app (app/process.server.ts), typed by the entry that hands it on. */
export type QuorumApp = typeof Entry.quorum;

/**
 * Loads the built app once: Remix's build, and from the same modules what the server and the worker
 * use (the database client, the queue, the environment, the respondent endpoints' actions).
 */
export async function loadBuiltApp(): Promise<{ build: ServerBuild; app: QuorumApp }> {
  const build = (await import(pathToFileURL(path.join(root, "build", "index.js")).href)) as ServerBuild;
  const app = (build.entry.module as Partial<typeof Entry>).quorum;
  if (!app) throw new Error("build/index.js is older than the server: build again with npm run build");
  return { build, app };
}
