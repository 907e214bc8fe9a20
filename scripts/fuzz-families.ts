// Families of inputs from issue 23 that the fuzz sends with an admin's session (npm run test:fuzz runs them
// after its generated requests): disguised sign-in redirects (item 1), ids that are not ids on every
// id-bearing admin route (item 8), and CSV files too wide for a panel import (item 7).
import { disguisedTargets } from "../test/helpers/redirect-family";
import { BAD_IDS } from "../test/helpers/bad-ids";

export interface FamilyResult {
  family: string;
  tried: number;
  /** Answers that break the family's rule (an off-site redirect, a 5xx, a wide file accepted). */
  through: number;
  /** The slowest answer, in milliseconds (printed, never asserted). */
  slowestMs: number;
  examples: string[];
}

const ip = (i: number) => `10.77.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;

async function timed(url: string, init: RequestInit): Promise<{ res: Response; ms: number; text: string }> {
  const t0 = performance.now();
  const res = await fetch(url, { ...init, redirect: "manual" });
  const text = await res.text();
  return { res, ms: performance.now() - t0, text };
}

/** Runs the families against a running app; the admin must exist with this password (an owner). */
export async function attackFamilies(
  base: string,
  admin: { email: string; password: string },
  panelSlug: string,
  sample: (xs: string[], n: number) => string[],
): Promise<FamilyResult[]> {
  const origin = new URL(base).origin;
  const signIn = (redirectTo: string, i: number) =>
    timed(`${base}/admin/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, "X-Forwarded-For": ip(i) },
      body: new URLSearchParams({ email: admin.email, password: admin.password, redirectTo }).toString(),
    });

  // Item 1: every sign-in must end on this site, whatever the disguise.
  const redirects: FamilyResult = {
    family: "sign-in redirects (item 1)",
    tried: 0,
    through: 0,
    slowestMs: 0,
    examples: [],
  };
  const issue = [
    "/.//evil.example",
    "/..//evil.example",
    "/a/..//evil.example",
    "/%2e//evil.example",
    "/./\\evil.example",
  ];
  let cookie = "";
  for (const [i, target] of [...issue, ...sample(disguisedTargets(), 250)].entries()) {
    const { res, ms } = await signIn(target, i);
    redirects.tried += 1;
    redirects.slowestMs = Math.max(redirects.slowestMs, ms);
    const location = res.headers.get("Location");
    const lands = location ? new URL(location, base) : null;
    if (res.status !== 302 || !lands || lands.origin !== origin) {
      redirects.through += 1;
      if (redirects.examples.length < 5) redirects.examples.push(`${res.status} ${target} → ${location}`);
    }
    cookie ||= (res.headers.get("Set-Cookie") ?? "").split(";")[0] as string;
  }

  // Item 8: ids that are not ids on every id-bearing admin route: a 404 or the page, never a 5xx.
  const ids: FamilyResult = {
    family: "ids that are not ids (item 8)",
    tried: 0,
    through: 0,
    slowestMs: 0,
    examples: [],
  };
  const routes = [
    (id: string) => `/admin/outbox/${id}`,
    (id: string) => `/admin/panels/${panelSlug}/import/${id}/rejected.csv`,
    (id: string) => `/admin/panels/${panelSlug}/panelists/${id}`,
    (id: string) => `/admin/panels/${panelSlug}/import?import=${id}`,
    (id: string) => `/admin/outbox?page=${id}`,
    (id: string) => `/admin/audit?page=${id}`,
  ];
  for (const route of routes)
    for (const bad of [...BAD_IDS, "1;select", "%2e%2e", "1/2", "00000000000000000001"]) {
      const { res, ms } = await timed(`${base}${route(encodeURIComponent(bad))}`, { headers: { Cookie: cookie } });
      ids.tried += 1;
      ids.slowestMs = Math.max(ids.slowestMs, ms);
      if (
        res.status >= 500 ||
        res.status === 401 ||
        (res.status === 302 && res.headers.get("Location")?.includes("login"))
      ) {
        ids.through += 1;
        if (ids.examples.length < 5) ids.examples.push(`${res.status} ${route(bad)}`);
      }
    }

  // Item 7: a CSV wider than an import reads is refused with a sentence, whatever its delimiter.
  const wide: FamilyResult = { family: "wide CSV uploads (item 7)", tried: 0, through: 0, slowestMs: 0, examples: [] };
  for (const columns of [201, 1_000, 100_000])
    for (const delimiter of [",", ";", "\t"])
      for (const where of ["header", "row"] as const) {
        const cells = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(delimiter);
        const text =
          where === "header"
            ? `${cells(columns)}\nrow\n`
            : `email${delimiter}name${delimiter}country\n${cells(columns)}\n`;
        const body = new FormData();
        body.set("intent", "upload");
        body.set("file", new Blob([text], { type: "text/csv" }), "wide.csv");
        const {
          res,
          ms,
          text: answer,
        } = await timed(`${base}/admin/panels/${panelSlug}/import`, {
          method: "POST",
          headers: { Cookie: cookie, Origin: origin },
          body,
        });
        wide.tried += 1;
        wide.slowestMs = Math.max(wide.slowestMs, ms);
        if (res.status !== 400 || !/reads at most 200/.test(answer)) {
          wide.through += 1;
          if (wide.examples.length < 5)
            wide.examples.push(`${res.status} ${columns} columns (${where}, ${JSON.stringify(delimiter)})`);
        }
      }
  return [redirects, ids, wide];
}
