import { createCookie } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { getSessionSecret } from "~/secrets.server";

/** How long the step after a right password may take (typing a code, or enrolling). */
const MINUTES = 10;

/** A sign-in whose password was right and whose second factor is still to come. */
export interface PendingSignIn {
  adminId: number;
  step: "code" | "enrol";
  redirectTo: string;
  /** Epoch milliseconds after which the password must be typed again. */
  until: number;
}

let cookie: ReturnType<typeof createCookie> | undefined;

/** Signed, HttpOnly, 10 minutes, only under /admin/login: it holds no session, only who typed a right password. */
function pending() {
  cookie ??= createCookie("quorum_pending", {
    httpOnly: true,
    sameSite: "lax",
    path: "/admin/login",
    secure: getEnv().publicUrl.startsWith("https://"),
    secrets: [getSessionSecret()],
    maxAge: MINUTES * 60,
  });
  return cookie;
}

/** The Set-Cookie that remembers a right password for the next step. */
export function rememberPending(adminId: number, step: PendingSignIn["step"], redirectTo: string): Promise<string> {
  const value: PendingSignIn = { adminId, step, redirectTo, until: Date.now() + MINUTES * 60_000 };
  return pending().serialize(value);
}

/** The pending sign-in this browser holds, while it lasts. */
export async function readPending(request: Request): Promise<PendingSignIn | undefined> {
  const value = (await pending().parse(request.headers.get("Cookie"))) as Partial<PendingSignIn> | null;
  if (!value || typeof value.adminId !== "number" || typeof value.until !== "number" || value.until < Date.now())
    return undefined;
  if (value.step !== "code" && value.step !== "enrol") return undefined;
  return {
    adminId: value.adminId,
    step: value.step,
    redirectTo: String(value.redirectTo ?? "/admin"),
    until: value.until,
  };
}

/** The Set-Cookie that forgets it (signed in, or given up). */
export function forgetPending(): Promise<string> {
  return pending().serialize("", { maxAge: 0 });
}
