// Families of inputs from issue 23 that the fuzz sends with an admin's session (npm run test:fuzz runs them
// after its generated requests): disguised sign-in redirects (item 1), ids that are not ids on every
// id-bearing admin route (item 8), CSV files too wide for a panel import (item 7), and commentary published
// with results that the questionnaire does not have (item 6: unknown keys, huge values, many keys, nested values).
import { sql } from "~/db.server";
import { questionSpecs } from "~/results/questions";
import { reportLanguages } from "~/results/report-language.server";
import { disguisedTargets } from "../test/helpers/redirect-family";
import { BAD_IDS } from "../test/helpers/bad-ids";

export interface FamilyResult {
  family: string;
  tried: number;
  /** Answers that break the family's rule (an off-site redirect, a 5xx, a wide file accepted). */
  through: number;
  /** The slowest answer, in milliseconds (printed, never asserted). */
  slowestMs: number;
  /** Which input that was. */
  slowestWhat?: string;
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
  /** A wave of the panel, its questionnaire, and an editor's API key, for the commentary family. */
  target: { waveId: number; waveSlug: string; definition: object; apiKey: string },
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
  return [redirects, ids, wide, await commentaryFamily(base, origin, cookie, target)];
}

/** Form fields (or, with `api`, a JSON body) that name or carry commentary the questionnaire does not have. */
function commentaryInputs(definition: object): { what: string; form?: [string, string][]; api?: string }[] {
  const names = questionSpecs(definition).map((q) => q.name);
  const q = names[0] as string;
  const { languages, primary } = reportLanguages(definition);
  const other = languages.find((l) => l !== primary) ?? "es";
  const many = (n: number, key: (i: number) => string, value = "x") =>
    Array.from({ length: n }, (_, i) => [key(i), value] as [string, string]);
  return [
    // Unknown keys: made up, prototype names, near misses of a real question, languages it is not offered in.
    ...[
      "k0",
      "notAQuestion",
      "__proto__",
      "constructor",
      "prototype",
      "toString",
      "hasOwnProperty",
      "",
      " ",
      `${q} `,
      ` ${q}`,
      q.toUpperCase(),
      `${q}\u0000`,
      `${q}\u200b`,
      `${q}/../${q}`,
      "title",
      `title@xx`,
      `${q}@xx`,
      `${q}@${primary}`,
      `${q}@${other}@${other}`,
      `keyFindings@xx`,
      `${q}@`,
      "@",
      "@es",
    ].map((key) => ({
      what: `unknown key ${JSON.stringify(key)}`,
      form: [[`commentary.${key}`, "Made-up commentary."]] as [string, string][],
    })),
    { what: "key findings in a language not offered", form: [["keyFindings@xx", "x"]] },
    {
      what: "key findings with an unknown key beside",
      form: [
        ["keyFindings", "ok"],
        ["commentary.k1", "x"],
      ],
    },
    // Huge values: one text past 5,000 characters, and far past it.
    ...[5_001, 20_000, 200_000].map((n) => ({
      what: `key findings of ${n} characters`,
      form: [["keyFindings", "x".repeat(n)]] as [string, string][],
    })),
    ...[5_001, 100_000].map((n) => ({
      what: `a headline of ${n} characters`,
      form: [[`commentary.${q}`, "y".repeat(n)]] as [string, string][],
    })),
    // Many keys: made-up ones, and every real key at once past the total of 60,000 characters.
    ...[100, 1_000, 38_000].map((n) => ({ what: `${n} made-up keys`, form: many(n, (i) => `commentary.k${i}`) })),
    // Every key the report allows (each question, key findings, the title, in every language offered),
    // each within 5,000 characters, together past the 60,000 a report may carry: only where a
    // questionnaire has keys enough for that (with 12 or fewer the bound on each text is the bound).
    ...(() => {
      const keys = [
        "keyFindings",
        ...names,
        ...languages
          .filter((l) => l !== primary)
          .flatMap((l) => ["keyFindings", "title", ...names].map((k) => `${k}@${l}`)),
      ];
      if (keys.length * 5_000 <= 60_000) return [];
      const each = Math.ceil(61_000 / keys.length);
      return [
        {
          what: `every allowed key (${keys.length}), 61,000 characters in all`,
          form: keys.map(
            (k) => [k.startsWith("keyFindings") ? k : `commentary.${k}`, "z".repeat(each)] as [string, string],
          ),
        },
      ];
    })(),
    {
      what: "one real key sent 1,000 times with a made-up one",
      form: [...many(1_000, () => `commentary.${q}`), ["commentary.k", "x"]],
    },
    // Nested values, as form fields and as JSON.
    ...[
      `commentary[${q}]`,
      `commentary.${q}.sub`,
      `commentary.${q}[0]`,
      `commentary.${q}[x]`,
      `commentary.${q}.__proto__.x`,
    ].map((key) => ({
      what: `nested key ${key}`,
      form: [[key.startsWith("commentary.") ? key : `commentary.${key}`, "Nested."]] as [string, string][],
    })),
    { what: "JSON keyFindings as an object", api: JSON.stringify({ keyFindings: { a: { b: "c" } } }) },
    { what: "JSON keyFindings as an array", api: JSON.stringify({ keyFindings: ["a", "b"] }) },
    { what: "JSON keyFindings of 5,001 characters", api: JSON.stringify({ keyFindings: "x".repeat(5_001) }) },
    {
      what: "JSON commentary beside key findings",
      api: JSON.stringify({ keyFindings: "ok", commentary: { [q]: "x", k1: "y" } }),
    },
    { what: "JSON with a __proto__ key", api: `{"keyFindings":"ok","__proto__":{"commentary":{"k1":"x"}}}` },
    { what: "JSON nested 1,000 deep", api: `{"keyFindings":${"[".repeat(1_000)}${"]".repeat(1_000)}}` },
  ];
}

/**
 * Item 6: commentary published with results may name only what the report shows (key findings, the
 * questionnaire's questions, the title, each in a language it is offered in) and is bounded (5,000
 * characters a text, 60,000 in all). Each input must be refused without a 5xx; "through" is a 5xx or
 * any publication afterwards holding a key or a size the questionnaire does not allow (checked
 * against the questionnaire here, not with the app's own check).
 */
async function commentaryFamily(
  base: string,
  origin: string,
  cookie: string,
  target: { waveId: number; waveSlug: string; definition: object; apiKey: string },
): Promise<FamilyResult> {
  const result: FamilyResult = {
    family: "commentary keys and sizes (item 6)",
    tried: 0,
    through: 0,
    slowestMs: 0,
    examples: [],
  };
  const names = new Set(questionSpecs(target.definition).map((q) => q.name));
  const { languages, primary } = reportLanguages(target.definition);
  const others = new Set(languages.filter((l) => l !== primary));
  const allowed = (key: string) => {
    const at = key.lastIndexOf("@");
    if (at < 0) return key === "keyFindings" || names.has(key);
    const [name, language] = [key.slice(0, at), key.slice(at + 1)];
    return others.has(language) && (name === "keyFindings" || name === "title" || names.has(name));
  };
  const [{ before = 0 } = {}] = await sql<
    { before: number }[]
  >`select max(id)::int as before from publications where wave_id = ${target.waveId}`;
  for (const input of commentaryInputs(target.definition)) {
    const { res, ms, text } = input.api
      ? await timed(`${base}/api/v1/waves/${target.waveSlug}/publications`, {
          method: "POST",
          headers: { Authorization: `Bearer ${target.apiKey}`, "Content-Type": "application/json" },
          body: input.api,
        })
      : await timed(`${base}/admin/waves/${target.waveSlug}/results`, {
          method: "POST",
          headers: { Cookie: cookie, Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams([
            ["intent", "publish"],
            ["findingsChecked", "yes"],
            ...(input.form ?? []),
          ]).toString(),
        });
    result.tried += 1;
    if (ms > result.slowestMs) [result.slowestMs, result.slowestWhat] = [ms, `${input.what}: ${res.status}`];
    if (res.status >= 500 || res.status < 400) {
      result.through += 1;
      if (result.examples.length < 5) result.examples.push(`${res.status} ${input.what}: ${text.slice(0, 120)}`);
    }
  }
  const published = await sql<{ commentary: Record<string, string> }[]>`
    select commentary from publications where wave_id = ${target.waveId} and id > ${before ?? 0}`;
  for (const { commentary } of published) {
    const entries = Object.entries(commentary ?? {});
    const bad = entries.filter(([k, v]) => !allowed(k) || typeof v !== "string" || v.length > 5_000);
    const total = entries.reduce((sum, [, v]) => sum + String(v).length, 0);
    if (bad.length || total > 60_000) {
      result.through += 1;
      if (result.examples.length < 5)
        result.examples.push(
          `published: ${bad.map(([k]) => JSON.stringify(k).slice(0, 40)).join(", ")} (${total} characters)`,
        );
    }
  }
  return result;
}
