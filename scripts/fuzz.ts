// npm run test:fuzz [-- --requests 3000 --seed 7]
//
// Sends generated bad requests to every public endpoint of a scratch Quorum (respondent links,
// open links, join, sign-in, magic links, unsubscribe, results, health) and reports the answers
// by status class. Passes only with no 5xx and no row changed in any table.
import { sql } from "~/db.server";
import { EMPTY_SEGMENT } from "~/lib/panel";
import { tokenFor } from "~/models/invitation.server";
import { ensurePanel } from "~/models/panel.server";
import { upsertPanelist } from "~/models/panelist.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { createWave, getWave } from "~/models/wave.server";
import { ensureInvitation } from "~/models/invitation.server";
import { publish } from "~/flows/publish.server";
import { surveysDir } from "../server/bootstrap";
import { seeded } from "../harness/generated-answers";
import { createHarness, option } from "../harness/scratch-app";
import { upsertAdmin } from "~/flows/admins.server";
import { attackFamilies } from "./fuzz-families";
import { createApiKey } from "~/models/api-key.server";

const REQUESTS = option("requests", 3000);
const SEED = option("seed", 20261123);

// The same seed sends the same requests.
const random = seeded(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const int = (n: number) => Math.floor(random() * n);

const HOSTILE = [
  "",
  " ",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "' or 1=1 --",
  "%",
  "_",
  "\\",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👍",
  '=HYPERLINK("http://evil.example")',
  "../../etc/passwd",
  "%00",
  "%E0%A4%A",
  "x".repeat(10_000),
  "null",
  "undefined",
  "[object Object]",
  "{{name}}",
  "${7*7}",
  "\r\nSet-Cookie: a=b",
];
const hostile = () => pick(HOSTILE);
/** Percent-encodes; a lone surrogate (which encodeURIComponent refuses) goes as the bytes of one, which is not UTF-8. */
const enc = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
};
const junkToken = () =>
  pick([
    hostile(),
    "A".repeat(43),
    "A".repeat(42),
    "A".repeat(44),
    `${int(1e9)}.${"B".repeat(43)}`,
    "s p a c e",
    "%2e%2e%2f",
    "é".repeat(43),
  ]);

/** A JSON value of any shape, sometimes nested deep. */
function junkValue(depth = 0): unknown {
  const roll = int(depth > 3 ? 6 : 9);
  switch (roll) {
    case 0:
      return hostile();
    case 1:
      return int(1e6) * (random() < 0.5 ? -1 : 1) + random();
    case 2:
      return random() < 0.5;
    case 3:
      return null;
    case 4:
      return 1e308 * 10; // Infinity serialises as null
    case 5:
      return pick([-0, Number.MAX_SAFE_INTEGER + 2, 1e-320]);
    case 6:
      return Array.from({ length: int(4) }, () => junkValue(depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: int(4) }, () => [
          pick([hostile(), "country", "comment", "applications", "__proto__", "constructor"]),
          junkValue(depth + 1),
        ]),
      );
  }
}

/** Answers that must never be stored: wrong types, unknown questions or choices, or complete with required answers missing. */
function badAnswers(): Record<string, unknown> {
  const roll = int(7);
  if (roll === 0) return { [hostile() || "x"]: junkValue() };
  if (roll === 1) return { country: junkValue() === "CL" ? 12 : pick([12, true, ["CL"], { a: 1 }, "ZZ", "CL\u0000"]) };
  if (roll === 2) return { strategicImportance: pick([0, 6, 2.5, "3", -1, 1e9, null]) };
  if (roll === 3)
    return { applications: pick(["short-courses", ["no-such-choice"], [1, 2], Array(200).fill("short-courses"), {}]) };
  if (roll === 4) return { comment: pick([123, ["a"], { text: "x" }]) };
  if (roll === 5) return { unknownQuestion: "x", [`q${int(1000)}`]: junkValue() };
  return { consentToQuote: pick(["yes", 1, [true]]) };
}

type Req = {
  group: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
};

function respondentBody(): { headers: Record<string, string>; body: string | Uint8Array } {
  const json = { "Content-Type": "application/json" };
  switch (int(12)) {
    case 0:
      return {
        headers: {
          "Content-Type": pick([
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/jsonx",
            "",
          ]),
        },
        body: JSON.stringify({ data: {}, complete: true }),
      };
    case 1:
      return { headers: json, body: pick(["{", '{"data":', "[]", "null", "1", '"x"', '{"data":{}}', "{}", ""]) };
    case 2:
      return { headers: json, body: new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]) };
    case 3:
      return {
        headers: json,
        body: `{"data":{"comment":${"[".repeat(2000 + int(5000))}${"]".repeat(2000)}},"complete":false}`,
      };
    case 4:
      return { headers: json, body: JSON.stringify({ data: { comment: "x".repeat(270_000) }, complete: false }) };
    case 5:
      return {
        headers: json,
        body: JSON.stringify({
          data: badAnswers(),
          complete: pick([true, "true", 1, null]),
          submissionId: pick([undefined, "x", "00000000-0000-0000-0000-00000000000g", 42]),
        }),
      };
    case 6:
      return { headers: json, body: JSON.stringify({ data: pick([[], "x", null, 1]), complete: true }) };
    case 7:
      return {
        headers: json,
        body: JSON.stringify({ data: {}, complete: false, page: pick([-1, 1.5, 1000, "2", null, 1e12]) }),
      };
    case 8:
      return { headers: json, body: '{"data":{"comment":"a\\u0000b"},"complete":false}' };
    case 9:
      return { headers: json, body: '{"data":{"comment":"\\ud800"},"complete":false}' };
    default:
      // Type-valid shapes with values the questionnaire refuses, marked complete.
      return { headers: json, body: JSON.stringify({ data: badAnswers(), complete: true }) };
  }
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Hostile names arrive through joins that are accepted: at this domain, their rows are expected (and their emails checked). */
const JOIN_DOMAIN = "fuzz-join.example";

/** One generated bad request. */
function generate(ctx: { token: string; openCode: string; panel: string; wave: string }): Req {
  const formHeaders = { "Content-Type": "application/x-www-form-urlencoded" };
  switch (int(16)) {
    case 14: {
      // A form body far over the limit (1 MB), sometimes without a length (chunked).
      const size = 1_100_000 + int(3_000_000);
      return {
        group: "oversized form bodies",
        method: "POST",
        path: pick(["/me", `/join/${ctx.panel}`, "/admin/login", "/me/email/" + "A".repeat(43)]),
        headers: formHeaders,
        body: `email=${"x".repeat(size)}`,
      };
    }
    case 15:
      // A join that is accepted, with a hostile name: the confirmation email must carry it as text.
      return {
        group: "POST /join (hostile name)",
        method: "POST",
        path: `/join/${ctx.panel}`,
        headers: formHeaders,
        body: form({
          email: `j${int(1e9)}@${JOIN_DOMAIN}`,
          name: pick([
            "https://evil.example/<b>x</b>",
            "Ana\t<img\tsrc=x\tonerror=alert(1)>",
            "</p><script>alert(1)</script>",
            "[prize](https://evil.example)",
            "**bold** www.evil.example",
            hostile() || "x",
          ]).slice(0, 200),
          country: "CL",
          consent: "yes",
        }),
      };
    case 0:
      return { group: "GET /s/:token (unknown)", method: "GET", path: `/s/${enc(junkToken())}` };
    case 1:
    case 2: {
      const b = respondentBody();
      return {
        group: "POST /s/:token (bad body)",
        method: "POST",
        path: `/s/${random() < 0.8 ? ctx.token : enc(junkToken())}`,
        ...b,
      };
    }
    case 3: {
      const b = respondentBody();
      return {
        group: "POST /o/:code (bad body)",
        method: "POST",
        path: `/o/${random() < 0.8 ? ctx.openCode : enc(junkToken())}`,
        ...b,
      };
    }
    case 4:
      return { group: "GET /o/:code (unknown)", method: "GET", path: `/o/${enc(junkToken())}` };
    case 5: {
      // Join without consent, or with an address that is not one: never a valid request.
      const fields: Record<string, string> = {
        email: pick([hostile(), "no-at-sign", "a@", "@b.example", `x${int(1e6)}@example.org`]),
        name: hostile(),
        country: pick([hostile(), "ZZ", "CL"]),
        organisation: hostile(),
        organisationType: hostile(),
        roleCategory: hostile(),
        jobTitle: hostile(),
      };
      if (fields.email?.includes("@example.org")) delete fields.consent;
      else if (random() < 0.5) fields.consent = "yes";
      return {
        group: "POST /join/:panel",
        method: "POST",
        path: `/join/${random() < 0.8 ? ctx.panel : enc(hostile())}`,
        headers: formHeaders,
        body: form(fields),
      };
    }
    case 6:
      return {
        group: "POST /join/confirm/:token",
        method: "POST",
        path: `/join/confirm/${enc(junkToken())}`,
        headers: formHeaders,
        body: "",
      };
    case 7:
      return {
        group: "POST /me (sign-in link)",
        method: "POST",
        path: "/me",
        headers: formHeaders,
        body: form({
          intent: pick(["request-link", "update", "erase", "leave", hostile()]),
          email: pick([hostile(), `nobody${int(1e6)}@example.org`]),
        }),
      };
    case 8:
      return {
        group: "POST /me/link/:token",
        method: "POST",
        path: `/me/link/${enc(junkToken())}`,
        headers: formHeaders,
        body: "",
      };
    case 9:
      return {
        group: "GET|POST /u/:token",
        method: pick(["GET", "POST"]),
        path: `/u/${enc(junkToken())}`,
        headers: formHeaders,
        body: "",
      };
    case 10:
      return {
        group: "POST /admin/login",
        method: "POST",
        path: `/admin/login${random() < 0.3 ? `?redirectTo=${enc(hostile())}` : ""}`,
        headers: pick([
          formHeaders,
          { "Content-Type": "application/json" },
          { "Content-Type": "multipart/form-data; boundary=zz" },
        ]),
        body: form({
          email: pick([hostile(), "owner@quorum-demo.example", `x${int(1e4)}@example.org`]),
          password: hostile(),
          redirectTo: hostile(),
        }),
      };
    case 11:
      return {
        group: "GET /results…",
        method: "GET",
        path: pick([
          `/results/${enc(hostile())}`,
          `/results/${ctx.wave}?segment=${enc(hostile())}`,
          `/results/${ctx.wave}.json?segment=${enc(hostile())}`,
          `/results/${ctx.wave}.csv?t=${enc(hostile())}`,
          `/results?${enc(hostile())}=1`,
          `/results/${ctx.wave}?preview=1&segment=region:${enc(hostile())}`,
        ]),
      };
    case 12:
      return {
        group: "odd methods and paths",
        method: pick(["PUT", "DELETE", "PATCH", "OPTIONS", "POST"]),
        path: pick([
          "/s/" + ctx.token,
          "/results/" + ctx.wave,
          "/healthz",
          "/join/" + ctx.panel,
          "/me",
          "/admin/login",
        ]),
        headers: { "Content-Type": "application/json" },
        body: "{}",
      };
    default:
      return {
        group: "malformed addresses",
        method: "GET",
        path: pick([
          "/s/%E0%A4%A",
          "/%00",
          "/results/%ZZ",
          "/s/..%2f..%2fetc%2fpasswd",
          "/join/%F0%28%8C%BC",
          `/results/${ctx.wave}?segment=%00`,
          "/me?%",
          "/healthz?x=%E0%A4%A",
          "/s/" + "A".repeat(5000),
        ]),
      };
  }
}

/** Rows the fuzz changes by design: accepted joins at its own domain (their person, link, email and audit entry). */
const BY_DESIGN: Record<string, string> = {
  panelists: `where coalesce(email, '') not like '%@${JOIN_DOMAIN}'`,
  emails: `where to_address not like '%@${JOIN_DOMAIN}'`,
  panelist_links: `where panelist_id not in (select id from panelists where email like '%@${JOIN_DOMAIN}')`,
  audit_log: `where action <> 'join-request'`,
};

/** A fingerprint of every row of every table (except logs of attempts and counters, which change by design). */
async function fingerprint(): Promise<Map<string, string>> {
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('sign_in_attempts', 'rate_limits', 'schema_migrations') order by 1`;
  const out = new Map<string, string>();
  for (const { name } of tables) {
    const [row] = await sql.unsafe<{ n: number; h: string | null }[]>(
      `select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as h from "${name}" t ${BY_DESIGN[name] ?? ""}`,
    );
    out.set(name, `${row?.n}:${row?.h}`);
  }
  return out;
}

async function main() {
  const harness = await createHarness(
    "fuzz",
    { QUORUM_DEMO: "1", QUORUM_WORKER: "0" },
    "fuzz-test-secret-fuzz-test-secret-fuzz-test-secret",
  );
  // A wave with a personal link, an open link and published results to aim at.
  await syncQuestionnaires(surveysDir);
  const version = await getCurrentVersion("micro-credentials-2021");
  if (!version) throw new Error("the 2021 questionnaire is missing");
  const panel = await ensurePanel({ slug: "fuzz-panel", name: "Fuzz panel", consentText: "I agree." });
  const person = await upsertPanelist(panel.id, {
    email: "fuzz@example.org",
    name: "Fuzz Person",
    country: "CL",
    organisation: "Uni",
    organisationType: "university",
    roleCategory: "provost",
    jobTitle: "Provost",
  });
  const created = await createWave({
    slug: "fuzz-wave",
    title: "Fuzz",
    panelId: panel.id,
    questionnaireVersionId: version.id,
    segment: EMPTY_SEGMENT,
    openLinkCode: "fuzzopenlink",
    opensAt: new Date(Date.now() - 60_000),
  });
  const wave = (await getWave(created.id))!;
  await ensureInvitation(wave.id, person.id);
  await publish(wave, { label: "fuzz" });
  const ctx = {
    token: tokenFor(wave.id, person.id),
    openCode: wave.openLinkCode as string,
    panel: panel.slug,
    wave: wave.slug,
  };
  if (!wave.openLinkCode) throw new Error("the fuzz wave has no open link");

  const owner = { email: "fuzz-owner@example.org", password: "fuzz owner password 2026" };
  await upsertAdmin(owner.email, owner.password, "owner");
  await harness.startApp();
  const before = await fingerprint();
  const [attemptsBefore] = await sql<{ n: number }[]>`select count(*)::int as n from sign_in_attempts`;

  const byGroup = new Map<string, Map<string, number>>();
  const failures: string[] = [];
  let fiveXX = 0;
  const t0 = performance.now();
  const CONCURRENCY = 8;
  let sent = 0;
  const worker = async () => {
    while (sent < REQUESTS) {
      sent += 1;
      const n = sent;
      const req = generate(ctx);
      // Most requests come from their own address (as through a proxy), so limits do not hide the
      // validation behind them; every tenth comes from one address, to reach the limits too.
      const ip = n % 10 === 0 ? "198.51.100.250" : `10.${int(256)}.${int(256)}.${int(256)}`;
      let status: number;
      try {
        const res = await fetch(`${harness.base}${req.path}`, {
          method: req.method,
          headers: { ...req.headers, "X-Forwarded-For": ip },
          body: req.method === "GET" || req.method === "HEAD" ? undefined : (req.body as BodyInit | undefined),
          redirect: "manual",
        });
        status = res.status;
        const text = await res.text();
        if (status >= 500)
          failures.push(
            `${status} ${req.method} ${req.path.slice(0, 120)} ${String(req.body ?? "").slice(0, 160)} → ${text.slice(0, 200)}`,
          );
      } catch (error) {
        status = 0;
        failures.push(
          `no answer: ${req.method} ${req.path.slice(0, 120)}: ${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? "")}`,
        );
      }
      if (status >= 500 || status === 0) fiveXX += 1;
      const cls = status === 0 ? "none" : `${Math.floor(status / 100)}xx`;
      const g = byGroup.get(req.group) ?? new Map<string, number>();
      g.set(cls, (g.get(cls) ?? 0) + 1);
      g.set(String(status), (g.get(String(status)) ?? 0) + 1);
      byGroup.set(req.group, g);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;

  const after = await fingerprint();
  const changed = [...before.keys()].filter((t) => before.get(t) !== after.get(t));
  const [attemptsAfter] = await sql<{ n: number }[]>`select count(*)::int as n from sign_in_attempts`;
  // Hostile names that joined: their confirmation emails must carry them as text, never as markup or a link.
  const [joined] = await sql<{ n: number; marked: number }[]>`
    select count(*)::int as n, count(*) filter (where html_body ~* '<(script|img|iframe|b)[\s>]|href="https?://(evil|www\.evil)')::int as marked
    from emails where to_address like ${"%@" + JOIN_DOMAIN}`;
  // Then the families of issue 23, with an owner's session (they sign in and upload, so after the row check).
  const sample = (xs: string[], n: number) => Array.from({ length: n }, () => pick(xs));
  const families = await attackFamilies(harness.base, owner, panel.slug, sample, {
    waveId: wave.id,
    waveSlug: wave.slug,
    definition: version.definition,
    apiKey: (await createApiKey("fuzz commentary", "editor", { label: "fuzz" })).key,
  });
  await harness.close();

  console.log(`\nFuzz: ${REQUESTS} generated bad requests (seed ${SEED}) in ${seconds.toFixed(1)} s\n`);
  const totals = new Map<string, number>();
  for (const [group, counts] of [...byGroup.entries()].sort()) {
    const classes = ["2xx", "3xx", "4xx", "5xx", "none"]
      .filter((c) => counts.get(c))
      .map((c) => `${c} ${counts.get(c)}`)
      .join(", ");
    const codes = [...counts.entries()]
      .filter(([k]) => /^\d+$/.test(k))
      .sort()
      .map(([k, v]) => `${k}×${v}`)
      .join(" ");
    console.log(`  ${group.padEnd(28)} ${classes.padEnd(34)} (${codes})`);
    for (const [k, v] of counts) if (!/^\d+$/.test(k)) totals.set(k, (totals.get(k) ?? 0) + v);
  }
  console.log(
    `\n  by class: ${[...totals.entries()]
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  console.log(`  5xx or no answer: ${fiveXX}`);
  console.log(
    `  rows changed: ${changed.length === 0 ? 0 : changed.join(", ")} (sign-in attempts logged, by design: ${(attemptsAfter?.n ?? 0) - (attemptsBefore?.n ?? 0)})`,
  );
  console.log(
    `  joins with hostile names: ${joined?.n ?? 0}; their emails with markup or a link from the name: ${joined?.marked ?? 0}`,
  );
  for (const f of families) {
    console.log(
      `  ${f.family.padEnd(34)} tried ${f.tried}, got through ${f.through} (slowest ${Math.round(f.slowestMs)} ms${f.slowestWhat ? `, ${f.slowestWhat}` : ""})`,
    );
    for (const e of f.examples) console.log(`    ${e}`);
  }
  for (const f of [
    ...failures.filter((f) => f.startsWith("no answer")).slice(0, 8),
    ...failures.filter((f) => !f.startsWith("no answer")).slice(0, 12),
  ])
    console.log(`    ${f}`);
  console.log(
    JSON.stringify({
      test: "fuzz",
      requests: REQUESTS,
      seed: SEED,
      byClass: Object.fromEntries(totals),
      fiveXX,
      rowsChanged: changed.length,
      changedTables: changed,
      hostileJoins: joined?.n ?? 0,
      markedEmails: joined?.marked ?? 0,
      families: families.map(({ family, tried, through }) => ({ family, tried, through })),
    }),
  );
  const familiesHeld = families.every((f) => f.through === 0 && f.tried > 0);
  process.exit(
    fiveXX === 0 && changed.length === 0 && (joined?.marked ?? 0) === 0 && familiesHeld && REQUESTS >= 1000 ? 0 : 1,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
