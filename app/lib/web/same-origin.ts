/** Why a state-changing request is refused as cross-site, or undefined when it may proceed. */
export type CrossSiteVerdict = { status: 400 | 403; message: string } | undefined;

interface HeaderSource {
  get(name: string): string | null;
}

/**
 * The CSRF rule of every form and endpoint, checked before Remix (whose own check answers a
 * mismatched Origin, "null" included, with a 500). A browser's Fetch Metadata (`Sec-Fetch-Site`)
 * refuses cross-site and same-site requests; an Origin of "null" (a page that hides where it is) is
 * accepted only when Fetch Metadata says same-origin; any other Origin must name this host
 * (`X-Forwarded-Host` behind a proxy, else `Host`). Clients without either header (curl, API
 * clients, mail providers' one-click unsubscribe) are not browsers acting for someone else.
 */
export function crossSiteVerdict(method: string, headers: HeaderSource): CrossSiteVerdict {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return undefined;
  const refused = { status: 403 as const, message: "This form was sent from another site, so it was refused." };
  const site = headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") return refused;
  const origin = headers.get("origin");
  if (!origin) return undefined;
  if (origin === "null") {
    return site === "same-origin"
      ? undefined
      : {
          status: 403,
          message:
            "This form was sent from a page that hides where it comes from, so it was refused. Open the page on this site and send it again.",
        };
  }
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return { status: 400, message: "The Origin header is not a web address." };
  }
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || headers.get("host");
  return originHost && originHost === host ? undefined : refused;
}
