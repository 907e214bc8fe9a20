import { randomBytes } from "node:crypto";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { RespondentView } from "~/components/RespondentView";
import { loadRespondentPage, submitAnswers } from "~/flows/respond.server";
import { loadOpenPage } from "~/flows/respond-open-link.server";
import { ensureInvitation } from "~/models/invitation.server";
import { ensurePanel } from "~/models/panel.server";
import { upsertPanelist } from "~/models/panelist.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { createWave, type Wave } from "~/models/wave.server";
import { loader as responsesCsv } from "~/routes/admin.waves.$slug.responses[.csv]";
import { loader as responsesJson } from "~/routes/admin.waves.$slug.responses[.json]";
import { loader as responsesXlsx } from "~/routes/admin.waves.$slug.responses[.xlsx]";
import { loader as invitationsCsv } from "~/routes/admin.waves.$slug.invitations[.csv]";
import { loader as panelCsv } from "~/routes/admin.panels.$slug.export[.csv]";
import { loader as wavePage } from "~/routes/admin.waves.$slug";
import { loader as liveResults } from "~/routes/admin.waves.$slug_.results";
import { loader as panelistPage } from "~/routes/admin.panels.$slug.panelists.$id";
import { ORGANISATION_TYPES, ROLE_CATEGORIES } from "~/lib/panel";
import { adminSession, outcomeOf, request, runHandler } from "../helpers/admin";
import { answers2021, invitedPanelist } from "../helpers/fixtures";

const DAY = 24 * 60 * 60 * 1000;
const K = 5;
const unique = () => randomBytes(3).toString("hex");

// 25 panelists across ten countries, three organisation types and four roles; 20 of them answer,
// spread over three weeks of fieldwork. Each comment is its own, so a test can tell rows apart.
const COUNTRIES = "US US US US US CA CA MX MX MX BR BR CL GB GB GB GB FR FR DE IN IN IN KE KE".split(" ");
const ORG_TYPES = ["public-university", "private-university", "industry"] as const;
const ROLES = ["provost", "president", "dean", "digital-leader"] as const;
// How the questionnaire's own organisation question is answered by each kind (the attacker knows this).
const ANSWER_OF: Record<string, string> = {
  "public-university": "university",
  "private-university": "university",
  industry: "industry",
};

interface Fielded {
  wave: Wave;
  /** The completion time of each comment, as stored. */
  completedAt: Map<string, Date>;
}

let slug = "";
let people: { id: number; email: string; country: string; org: string; role: string }[] = [];

async function field(identified: boolean, answering = 20): Promise<Fielded> {
  const version = (await getCurrentVersion("micro-credentials-2021"))!;
  const opensAt = new Date(Date.now() - 30 * DAY);
  const wave = await createWave({
    slug: `anon-${unique()}`,
    title: "Anonymity test",
    panelId: (await sql<{ id: number }[]>`select id from panels where slug = ${slug}`)[0]!.id,
    questionnaireVersionId: version.id,
    opensAt,
    closesAt: new Date(Date.now() + DAY),
    minGroupSize: K,
    identified,
  });
  const completedAt = new Map<string, Date>();
  for (const [i, p] of people.entries()) {
    const invitation = await ensureInvitation(wave.id, p.id);
    if (i >= answering) continue;
    const comment = `Comment number ${i} of ${wave.slug}`;
    const outcome = await submitAnswers(invitation.token, {
      data: { ...answers2021, country: p.country, organisationType: ANSWER_OF[p.org], comment },
      complete: true,
    });
    expect(outcome.kind).toBe("saved");
    // Written as one value, as completing does: the join key the issue found.
    const at = new Date(opensAt.getTime() + 3 * DAY + i * 20 * 60 * 60 * 1000 + i * 61_000);
    await sql`update responses set completed_at = ${at} where invitation_id = ${invitation.id}`;
    await sql`update invitations set used_at = ${at} where id = ${invitation.id}`;
    completedAt.set(comment, at);
  }
  return { wave, completedAt };
}

const csvOf = (text: string) => parse(text.replace(/^\uFEFF/, ""), { relax_column_count: false }) as string[][];

async function download(
  loader: typeof responsesCsv,
  wave: Wave,
  cookie: string,
  format: string,
  query = "",
): Promise<{ status: number; text: string }> {
  const res = await runHandler(loader, request(`/admin/waves/${wave.slug}/${format}${query}`, { cookie }), {
    slug: wave.slug,
  });
  return { status: res.status, text: await res.text() };
}

/** A person as the team's own exports describe them: the invitations export joined to the panel export by email. */
type Person = Record<string, string>;

async function peopleKnown(wave: Wave, cookie: string): Promise<Person[]> {
  const inv = csvOf((await download(invitationsCsv, wave, cookie, "invitations.csv")).text);
  const panel = csvOf(
    await (await runHandler(panelCsv, request(`/admin/panels/${slug}/export.csv`, { cookie }), { slug })).text(),
  );
  const byEmail = new Map(panel.slice(1).map((r) => [r[0], Object.fromEntries(panel[0]!.map((h, i) => [h, r[i]!]))]));
  const label = (table: Record<string, string>) => (v: string) =>
    Object.entries(table).find(([, l]) => l === v)?.[0] ?? v;
  return inv.slice(1).map((r) => {
    const row = Object.fromEntries(inv[0]!.map((h, i) => [h, r[i]!]));
    const p = byEmail.get(row.email) ?? {};
    return {
      ...row,
      organisation_type: label(ORGANISATION_TYPES)(p.organisation_type ?? ""),
      role_category: label(ROLE_CATEGORIES)(p.role_category ?? ""),
    };
  });
}

/**
 * Tries to join the response export to the people, one to one, on every subset of the columns the
 * two share (a blank response cell matches anyone: it tells nothing). Only people who completed
 * are candidates (the invitations export says who). Returns how many subsets were tried, how many
 * rows were pinned to one person and that person to that row, and the fewest rows any person
 * matched (when they matched any).
 */
function joinAttack(table: string[][], persons: Person[], opensAt: Date) {
  const [header, ...rows] = table as [string[], ...string[][]];
  const week = (iso: string) => String(Math.max(1, Math.floor((Date.parse(iso) - opensAt.getTime()) / (7 * DAY)) + 1));
  const of: Record<string, (p: Person) => string> = {
    completed_at: (p) => (p.completed_at ? new Date(p.completed_at).toISOString() : ""),
    completed_week: (p) => p.completed_week ?? (p.completed_at ? week(p.completed_at) : ""),
    source: () => "invitation",
    country: (p) => p.country ?? "",
    region: (p) => p.region ?? "",
    organisation_type: (p) => p.organisation_type ?? "",
    organisationType: (p) => ANSWER_OF[p.organisation_type ?? ""] ?? "",
    role_category: (p) => p.role_category ?? "",
  };
  const shared = header.map((h, i) => [i, of[h]] as const).filter((x): x is [number, (p: Person) => string] => !!x[1]);
  const completed = persons.filter((p) => p.state === "completed");
  let subsets = 0;
  let pinned = 0;
  let fewest = Infinity;
  for (let mask = 1; mask < 1 << shared.length; mask++) {
    subsets += 1;
    const cols = shared.filter((_, b) => mask & (1 << b));
    const fits = (r: string[], p: Person) => cols.every(([i, f]) => r[i] === "" || r[i] === f(p));
    const candidates = rows.map((r) => completed.filter((p) => fits(r, p)));
    const matches = completed.map((p) => rows.filter((r) => fits(r, p)));
    for (const m of matches) if (m.length) fewest = Math.min(fewest, m.length);
    rows.forEach((r, ri) => {
      const only = candidates[ri]!;
      if (only.length === 1 && matches[completed.indexOf(only[0]!)]!.length === 1) pinned += 1;
    });
  }
  return { subsets, shared: shared.map(([i]) => header[i]), pinned, fewest };
}

describe("anonymous to the team unless declared otherwise", () => {
  let editor: string;
  let viewer: string;
  let panelViewer: string;
  let anonymous: Fielded;
  let identified: Fielded;

  beforeAll(async () => {
    await syncQuestionnaires("survey-definitions");
    slug = `panel-${unique()}`;
    const panel = await ensurePanel({ slug, name: "Anonymity panel" });
    people = [];
    for (const [i, country] of COUNTRIES.entries()) {
      const org = ORG_TYPES[i % ORG_TYPES.length]!;
      const role = ROLES[i % ROLES.length]!;
      const p = await upsertPanelist(panel.id, {
        email: `p${i}-${unique()}@example.org`,
        name: `Person ${i}`,
        country,
        organisation: `Organisation ${i}`,
        organisationType: org,
        roleCategory: role,
        jobTitle: "Provost",
      });
      people.push({ id: p.id, email: p.email as string, country, org, role });
    }
    editor = (await adminSession("editor")).cookie;
    viewer = (await adminSession("viewer")).cookie;
    panelViewer = (await adminSession("viewer", panel.id)).cookie;
    anonymous = await field(false);
    identified = await field(true);
  }, 120_000);

  it("an editor's export of an anonymous wave cannot be joined one to one to the invitations on any set of its columns", async () => {
    const got = await download(responsesCsv, anonymous.wave, editor, "responses.csv", "?codes=1");
    expect(got.status).toBe(200);
    const table = csvOf(got.text);
    expect(table).toHaveLength(21);
    const header = table[0]!;
    expect(header.slice(0, 7)).toEqual([
      "row_id",
      "completed_week",
      "source",
      "country",
      "region",
      "organisation_type",
      "role_category",
    ]);
    // Free-text profile answers and exact times are nowhere in it.
    expect(got.text).not.toMatch(/Organisation \d|T\d\d:\d\d/);
    const persons = await peopleKnown(anonymous.wave, editor);
    expect(persons.filter((p) => p.state === "completed")).toHaveLength(20);
    expect(Object.keys(persons[0]!)).toContain("completed_week");
    expect(Object.keys(persons[0]!)).not.toContain("completed_at");
    const attack = joinAttack(table, persons, anonymous.wave.opensAt);
    console.log(
      `anonymous export: ${attack.subsets} subsets of ${attack.shared.length} shared columns tried (${attack.shared.join(", ")}); ${attack.pinned} rows joined one to one; a person matched at least ${attack.fewest} rows`,
    );
    expect(attack.shared.length).toBeGreaterThanOrEqual(6);
    expect(attack.pinned).toBe(0);
    expect(attack.fewest).toBeGreaterThanOrEqual(K);

    // The same attack on the same answers of an identified wave joins every row: it can fail.
    const open = csvOf((await download(responsesCsv, identified.wave, editor, "responses.csv", "?codes=1")).text);
    const control = joinAttack(open, await peopleKnown(identified.wave, editor), identified.wave.opensAt);
    console.log(`identified export: ${control.pinned} row-subset pairs joined one to one`);
    expect(control.pinned).toBeGreaterThanOrEqual(20);
  });

  it("shares no row order or id with the responses or invitations: rows shuffled, ids new each download", async () => {
    const comments = async () => {
      const t = csvOf((await download(responsesCsv, anonymous.wave, editor, "responses.csv")).text);
      const c = t[0]!.indexOf("comment");
      return { ids: t.slice(1).map((r) => r[0]!), comments: t.slice(1).map((r) => r[c]!) };
    };
    const [a, b] = [await comments(), await comments()];
    const inCompletionOrder = [...anonymous.completedAt.entries()]
      .sort((x, y) => x[1].getTime() - y[1].getTime())
      .map(([c]) => c);
    expect([...a.comments].sort()).toEqual([...inCompletionOrder].sort());
    // 20 rows: the chance a fair shuffle keeps an order is 1 in 20!, about 4e-19.
    expect(a.comments).not.toEqual(inCompletionOrder);
    expect(a.comments).not.toEqual(b.comments);
    expect(a.ids.filter((id) => b.ids.includes(id))).toEqual([]);
    const stored = await sql<{ id: string }[]>`select id::text from responses where wave_id = ${anonymous.wave.id}`;
    expect(a.ids.filter((id) => stored.some((s) => s.id === id))).toEqual([]);

    const json = await download(responsesJson, anonymous.wave, editor, "responses.json");
    const body = JSON.parse(json.text) as { anonymised: { k: number }; responses: Record<string, unknown>[] };
    expect(body.anonymised.k).toBe(K);
    expect(body.responses).toHaveLength(20);
    for (const r of body.responses) {
      expect(Object.keys(r)).not.toContain("completedAt");
      expect(stored.map((s) => s.id)).not.toContain(r.rowId);
    }
  });

  it("a viewer gets no response-level export (403), no link to one, and live results only as the engine protects them", async () => {
    for (const [loader, file] of [
      [responsesCsv, "responses.csv"],
      [responsesXlsx, "responses.xlsx"],
      [responsesJson, "responses.json"],
    ] as const) {
      for (const wave of [anonymous.wave, identified.wave]) {
        for (const cookie of [viewer, panelViewer]) {
          const got = await download(loader, wave, cookie, file);
          expect(got.status).toBe(403);
          expect(got.text).not.toContain("Comment number");
        }
      }
    }
    const page = await outcomeOf(
      wavePage({
        request: request(`/admin/waves/${anonymous.wave.slug}`, { cookie: viewer }),
        params: { slug: anonymous.wave.slug },
        context: {},
      }),
    );
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ canEdit: false, wave: { identified: false } });
    const asEditor = await outcomeOf(
      wavePage({
        request: request(`/admin/waves/${anonymous.wave.slug}`, { cookie: editor }),
        params: { slug: anonymous.wave.slug },
        context: {},
      }),
    );
    expect(asEditor.body).toMatchObject({ canEdit: true });

    const live = (cookie: string, by = "region") =>
      outcomeOf(
        liveResults({
          request: request(`/admin/waves/${anonymous.wave.slug}/results?by=${by}`, { cookie }),
          params: { slug: anonymous.wave.slug },
          context: {},
        }),
      );
    const seen = (await live(viewer)).body as {
      protectedView: boolean;
      dimensions: [string, string][];
      results: {
        breakdowns: { groups: { size: number }[] }[];
        questions: { items: { whole: { cells: { count: number | null }[] } }[] }[];
      };
    };
    expect(seen.protectedView).toBe(true);
    expect(seen.dimensions.map(([d]) => d)).toEqual(["region", "organisationType", "roleCategory"]);
    const sizes = seen.results.breakdowns.flatMap((b) => b.groups.map((g) => g.size));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(K);
    const counts = seen.results.questions.flatMap((q) => q.items.flatMap((i) => i.whole.cells.map((c) => c.count)));
    expect(counts.filter((c) => c !== null && c > 0 && c < K)).toEqual([]);
    // An editor of this anonymous wave sees them as readers would too (no page joins an answer to a person,
    // for anyone): no count under k, though the wave has Canada's 2 and Chile's 1.
    const asEditorLive = (await live(editor)).body as typeof seen & { mayPublish: boolean };
    expect(asEditorLive).toMatchObject({ protectedView: true, mayPublish: true });
    const editorCounts = asEditorLive.results.questions.flatMap((q) =>
      q.items.flatMap((i) => i.whole.cells.map((c) => c.count)),
    );
    expect(editorCounts.filter((c) => c !== null && c > 0 && c < K)).toEqual([]);
    // On the identified wave the editor sees every figure, small ones included.
    const full = (
      await outcomeOf(
        liveResults({
          request: request(`/admin/waves/${identified.wave.slug}/results?by=region`, { cookie: editor }),
          params: { slug: identified.wave.slug },
          context: {},
        }),
      )
    ).body as typeof seen;
    expect(full.protectedView).toBe(false);
    const small = full.results.questions.flatMap((q) => q.items.flatMap((i) => i.whole.cells.map((c) => c.count)));
    expect(small.filter((c) => c !== null && c > 0 && c < K).length).toBeGreaterThan(0);
  });

  it("on an identified wave the export keeps today's columns, ids and times", async () => {
    const table = csvOf((await download(responsesCsv, identified.wave, editor, "responses.csv")).text);
    expect(table[0]!.slice(0, 7)).toEqual([
      "response_id",
      "completed_at",
      "source",
      "country",
      "region",
      "organisation_type",
      "role_category",
    ]);
    expect(table[0]).toContain("comment");
    const stored = await sql<{ id: string; completedAt: Date; country: string }[]>`
      select id::text, completed_at, country from responses where wave_id = ${identified.wave.id} and status = 'complete' order by completed_at`;
    expect(table.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual(
      stored.map((s) => [s.id, s.completedAt.toISOString(), s.country]),
    );
    const inv = csvOf((await download(invitationsCsv, identified.wave, editor, "invitations.csv")).text);
    expect(inv[0]).toContain("completed_at");
  });

  it("audits every download of responses, and refuses an anonymous wave's until k have answered", async () => {
    const before = async (wave: Wave) =>
      (
        await sql<{ n: number }[]>`
        select count(*)::int as n from audit_log where action = 'download-responses' and entity_id = ${String(wave.id)}`
      )[0]!.n;
    const start = await before(identified.wave);
    await download(responsesCsv, identified.wave, editor, "responses.csv");
    await download(responsesXlsx, identified.wave, editor, "responses.xlsx");
    await download(responsesJson, identified.wave, editor, "responses.json");
    await download(responsesCsv, identified.wave, viewer, "responses.csv"); // refused: not a download
    expect((await before(identified.wave)) - start).toBe(3);
    const [entry] = await sql<{ changes: { format: string; rows: number; anonymised: unknown } }[]>`
      select changes from audit_log where action = 'download-responses' and entity_id = ${String(anonymous.wave.id)}
      order by id desc limit 1`;
    expect(entry?.changes).toMatchObject({ rows: 20, anonymised: { k: K } });

    const small = await field(false, 3);
    const refused = await download(responsesCsv, small.wave, editor, "responses.csv");
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(`at least ${K} people`);
    expect(await before(small.wave)).toBe(0);
  });

  it("an identified wave's first page says so in the respondent's language; an anonymous wave's says nothing of the kind", async () => {
    const html = async (page: Awaited<ReturnType<typeof loadRespondentPage>>) => {
      if (page.kind !== "open") throw new Error(`the page is ${page.kind}`);
      return renderToStaticMarkup(createElement(RespondentView, { page }));
    };
    const questionnaire = "for-credit-micro-credentials-2024";
    const named = await invitedPanelist({ questionnaire, identified: true });
    const sentences: Record<string, string> = {
      en: "This questionnaire is not anonymous: the panel team can see which answers are yours.",
      es: "Este cuestionario no es anónimo: el equipo del panel puede ver qué respuestas son suyas.",
      fr: "Ce questionnaire n’est pas anonyme : l’équipe du panel peut voir quelles réponses sont les vôtres.",
    };
    for (const [language, sentence] of Object.entries(sentences)) {
      const page = await loadRespondentPage(named.token, language);
      expect(page).toMatchObject({ kind: "open", language, identity: "named" });
      expect(await html(page)).toContain(sentence);
    }
    // Portuguese is in our catalogue; a questionnaire without it is read in its own language, and so is the sentence.
    const { pt } = await import("~/i18n/pt");
    expect(pt.page.identified).toBe(
      "Este questionário não é anónimo: a equipa do painel pode ver quais são as suas respostas.",
    );

    const unnamed = await invitedPanelist({ questionnaire });
    for (const language of Object.keys(sentences)) {
      const page = await loadRespondentPage(unnamed.token, language);
      expect(page).toMatchObject({ kind: "open", identity: null });
      const text = await html(page);
      for (const sentence of Object.values(sentences)) expect(text).not.toContain(sentence);
    }

    // An open link on an identified wave links answers to the email it asks for, and says that.
    await sql`update waves set open_link_code = ${`ol${unique()}`}, open_link_email_check = true where id = ${named.wave.id}`;
    const [{ code } = { code: "" }] = await sql<
      { code: string }[]
    >`select open_link_code as code from waves where id = ${named.wave.id}`;
    const open = await loadOpenPage(code!, undefined, "es");
    expect(open).toMatchObject({ kind: "open", identity: "email" });
    expect(await html(open as Awaited<ReturnType<typeof loadRespondentPage>>)).toContain(
      "Este cuestionario no es anónimo: el equipo del panel ve sus respuestas junto con la dirección de correo electrónico que indique.",
    );
  });

  it("a panelist's page says whether they answered, never when to the minute nor what", async () => {
    const [first] = people;
    const page = await outcomeOf(
      panelistPage({
        request: request(`/admin/panels/${slug}/panelists/${first!.id}`, { cookie: editor }),
        params: { slug, id: String(first!.id) },
        context: {},
      }),
    );
    expect(page.status).toBe(200);
    const body = page.body as { invitations: { waveSlug: string; answered: boolean }[] };
    expect(body.invitations.find((i) => i.waveSlug === anonymous.wave.slug)).toMatchObject({ answered: true });
    const text = JSON.stringify(page.body);
    const at = anonymous.completedAt.get(`Comment number 0 of ${anonymous.wave.slug}`)!;
    expect(text).not.toContain(at.toISOString().slice(0, 16));
    expect(text).not.toContain("Comment number 0");
  });
});
