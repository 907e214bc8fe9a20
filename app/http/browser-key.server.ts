import { createCookie } from "@remix-run/node";
import { randomUuid } from "~/lib/respondent";

// Marks a browser for open links, so one browser answers an open-link wave once.
const cookie = createCookie("quorum_browser", {
  httpOnly: true,
  sameSite: "lax",
  path: "/o/",
  maxAge: 60 * 60 * 24 * 400,
});

/** This browser's key, and the Set-Cookie header that gives it one when it has none yet. */
export async function browserKey(request: Request): Promise<{ key: string; setCookie?: string }> {
  const existing = (await cookie.parse(request.headers.get("Cookie"))) as unknown;
  if (typeof existing === "string" && /^[0-9a-f-]{36}$/.test(existing)) return { key: existing };
  const key = randomUuid();
  return { key, setCookie: await cookie.serialize(key) };
}

export async function existingBrowserKey(request: Request): Promise<string | undefined> {
  const existing = (await cookie.parse(request.headers.get("Cookie"))) as unknown;
  return typeof existing === "string" && /^[0-9a-f-]{36}$/.test(existing) ? existing : undefined;
}
