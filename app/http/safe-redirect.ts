const HERE = "http://quorum.invalid";

/**
 * Where to go after signing in: a path on this site. The target is read the way a browser reads it
 * (tabs and newlines dropped, backslashes as slashes, dot segments and their encodings resolved),
 * and the decision is made on the path that comes out, since that is what the Location header
 * carries: "/.//evil.example" normalises to "//evil.example", which a browser reads as another host.
 * The answer must be a fixed point: read again, it stays the same path on this site.
 */
export function safeRedirect(to: FormDataEntryValue | string | null, fallback = "/admin"): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  const out = onThisSite(to);
  if (out === undefined || onThisSite(out) !== out) return fallback;
  return out;
}

function onThisSite(to: string): string | undefined {
  let url: URL;
  try {
    url = new URL(to, HERE);
  } catch {
    return undefined;
  }
  if (url.origin !== HERE) return undefined;
  const out = `${url.pathname}${url.search}${url.hash}`;
  // A path that starts with two slashes (or a slash and a backslash) names a host when read again.
  if (!out.startsWith("/") || out.startsWith("//") || out.startsWith("/\\")) return undefined;
  return out;
}
