/** Every way of writing "go to another host" that issue 23 and its family found: dot segments, their
 * encodings, backslashes, tabs and newlines, before two slashes or a slash and a backslash. */
export function disguisedTargets(): string[] {
  const before = [
    "",
    ".",
    "..",
    "a/..",
    "a/b/../..",
    "%2e",
    "%2E",
    ".%2e",
    "%2e.",
    "%2e%2e",
    "%2E%2E",
    "a/%2e%2e",
    "./.",
    "./..",
    "%2e/%2e%2e",
  ];
  const slashes = ["/", "\\", "\t/", "/\t", "\n/", "\r\n/", "\\\\", "//", "/\\", "\\/"];
  const hosts = [
    "evil.example",
    "evil.example/phish",
    "evil.example:8443/x?y=1#z",
    "user@evil.example",
    "EVIL.example.",
  ];
  const out = new Set<string>();
  for (const b of before)
    for (const s of slashes)
      for (const h of hosts) {
        out.add(`/${b}/${s}${h}`.replace("//" + s, "/" + s)); // "/<b>" then the host-introducing slashes
        out.add(`/${b}${b ? "/" : ""}${s}${h}`);
      }
  for (const h of hosts) {
    out.add(`//${h}`);
    out.add(`/\\${h}`);
    out.add(`https://${h}`);
    out.add(`http:${h}`);
    out.add(` //${h}`);
  }
  out.add("javascript:alert(1)");
  out.add("");
  return [...out];
}
