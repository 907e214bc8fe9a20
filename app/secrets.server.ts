import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "./env.server";

const cache = new Map<string, string>();

/** A secret generated once into $QUORUM_DATA_DIR/<file> (mode 600) and read from there after. */
function fileSecret(file: string): string {
  const dir = getEnv().dataDir;
  const full = path.join(dir, file);
  try {
    return readFileSync(full, "utf8").trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(full, randomBytes(48).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return readFileSync(full, "utf8").trim();
  }
}

function secret(file: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  let value = cache.get(file);
  if (!value) cache.set(file, (value = fileSecret(file)));
  return value;
}

/**
 * The server secret that signs invitation links: QUORUM_SECRET, or one generated once into
 * $QUORUM_DATA_DIR/secret. Changing it invalidates every link already sent.
 */
export function getServerSecret(): string {
  return secret("secret", getEnv().QUORUM_SECRET);
}

/** The secret that signs session cookies: SESSION_SECRET, or one generated once into $QUORUM_DATA_DIR. */
export function getSessionSecret(): string {
  return secret("session-secret", getEnv().SESSION_SECRET);
}
