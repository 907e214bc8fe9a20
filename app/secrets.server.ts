import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "./env.server";

let secret: string | undefined;

/**
 * The server secret that signs invitation links: QUORUM_SECRET, or one generated once into
 * $QUORUM_DATA_DIR/secret. Changing it invalidates every link already sent.
 */
export function getServerSecret(): string {
  if (secret) return secret;
  const env = getEnv();
  if (env.QUORUM_SECRET) return (secret = env.QUORUM_SECRET);
  const file = path.join(env.dataDir, "secret");
  try {
    secret = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(env.dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    secret = readFileSync(file, "utf8").trim();
  }
  return secret;
}
