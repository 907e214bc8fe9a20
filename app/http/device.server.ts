import { createHash } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { getSessionSecret } from "~/secrets.server";

let cookie: ReturnType<typeof createCookie> | undefined;

/** A signed, long-lived cookie listing the admin accounts that signed in from this browser (as hashes). */
function device() {
  cookie ??= createCookie("quorum_device", {
    httpOnly: true,
    sameSite: "lax",
    path: "/admin",
    secure: getEnv().publicUrl.startsWith("https://"),
    secrets: [getSessionSecret()],
    maxAge: 400 * 24 * 60 * 60,
  });
  return cookie;
}

const mark = (email: string) =>
  createHash("sha256").update(`device:${email.trim().toLowerCase()}`).digest("base64url").slice(0, 22);

async function marks(request: Request): Promise<string[]> {
  const value = (await device().parse(request.headers.get("Cookie"))) as unknown;
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === "string").slice(0, 10) : [];
}

/** Whether this browser signed in to this account before (OWASP's device cookie): such a device is never throttled for the account as a whole. */
export async function isKnownDevice(request: Request, email: string): Promise<boolean> {
  return (await marks(request)).includes(mark(email));
}

/** The Set-Cookie that remembers this browser for this account, after a successful sign-in. */
export async function rememberDevice(request: Request, email: string): Promise<string> {
  const known = await marks(request);
  return device().serialize([mark(email), ...known.filter((m) => m !== mark(email))].slice(0, 10));
}
