import { createCookie, type Cookie } from "@remix-run/node";
import { randomUuid } from "~/lib/respondent";
import { getSessionSecret } from "~/secrets.server";

// Marks a browser for open links, so one browser answers an open-link wave once. The key is the
// server's choice and the cookie is signed (issue 23): a made-up or altered cookie counts as none,
// so a client cannot pick a fresh key to answer again; it must open the page for a new one, as a
// new browser would, and new browsers are limited per address (rate-limit.server).
let cookie: Cookie | undefined;
function browserCookie(): Cookie {
  cookie ??= createCookie("quorum_browser", {
    httpOnly: true,
    sameSite: "lax",
    path: "/o/",
    maxAge: 60 * 60 * 24 * 400,
    secrets: [getSessionSecret()],
  });
  return cookie;
}

const KEY = /^[0-9a-f-]{36}$/;

/** This browser's key, and the Set-Cookie header that gives it one when it has none yet (or a forged one). */
export async function browserKey(request: Request): Promise<{ key: string; setCookie?: string }> {
  const existing = await existingBrowserKey(request);
  if (existing) return { key: existing };
  const key = randomUuid();
  return { key, setCookie: await browserCookie().serialize(key) };
}

/** The key this server gave this browser, when its cookie carries one with a valid signature. */
export async function existingBrowserKey(request: Request): Promise<string | undefined> {
  const existing = (await browserCookie().parse(request.headers.get("Cookie"))) as unknown;
  return typeof existing === "string" && KEY.test(existing) ? existing : undefined;
}
