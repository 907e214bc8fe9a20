/** Why a state-changing request is refused as cross-site, or undefined when it may proceed. */
export type CrossSiteVerdict = { status: 400 | 403; message: string } | undefined;

interface HeaderSource {
  get(name: string): string | null;
}

/**
 * The CSRF rule of every form and endpoint, checked before Remix (whose own check answers a
 * mismatched Origin with a 500). A browser's Fetch Metadata (`Sec-Fetch-Site`) refuses cross-site
 * and same-site requests; otherwise an Origin, when present and not "null", must name this host
 * (`X-Forwarded-Host` behind a proxy, else `Host`). Clients without either header (curl, API
 * clients, mail providers' one-click unsubscribe) are not browsers acting for someone else.
 */
export function crossSiteVerdict(method: string, headers: HeaderSource): CrossSiteVerdict {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return undefined;
  const refused = { status: 403 as const, message: "This form was sent from another site, so it was refused." };
  const site = headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") return refused;
  const origin = headers.get("origin");
  if (!origin || origin === "null") return undefined;
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
