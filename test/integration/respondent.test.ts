import { describe, expect, it } from "vitest";
import postgres from "postgres";
import { sql } from "~/db.server";
import { orUnavailable } from "~/http/unavailable.server";
import { completeInvitationResponse } from "~/models/response.server";
import { action } from "~/routes/s.$token_.answers";
import { loader as pageLoader } from "~/routes/s.$token";
import { loadRespondentPage } from "~/flows/respond.server";
import { answers2021, invitedPanelist } from "../helpers/fixtures";

function post(
  token: string,
  body: unknown,
  init: { contentType?: string; raw?: string | Uint8Array | ReadableStream } = {},
) {
  const request = new Request(`http://localhost/s/${token}/answers`, {
    method: "POST",
    headers: { "Content-Type": init.contentType ?? "application/json" },
    body: init.raw ?? JSON.stringify(body),
    ...(init.raw instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  return action({ request, params: { token }, context: {} });
}

async function responseRows(waveId: number) {
  return sql<
    {
      status: string;
      data: Record<string, unknown>;
      country: string;
      region: string;
      organisationType: string;
      roleCategory: string;
      submissionId: string | null;
    }[]
  >`
    select status, data, country, region, organisation_type, role_category, submission_id from responses where wave_id = ${waveId}`;
}

describe("questions the panel knows from the profile", () => {
  it("start at the profile's values, and a completion counts under what the respondent answered", async () => {
    const { token, wave } = await invitedPanelist({
      profile: { country: "US", organisationType: "public-university" },
    });
    const page = await loadRespondentPage(token);
    // Country is on both (the 2021 list has the US); "public-university" is not one of the 2021 answers, so it is left empty.
    expect(page.kind === "open" && page.prefill).toEqual({ country: "US" });

    // She moved to Mexico since the panel last heard: her answer wins for the breakdowns; the panel's record is left as it is.
    const res = await post(token, { data: { ...answers2021, country: "MX" }, complete: true });
    expect(res.status).toBe(200);
    const [row] = await responseRows(wave.id);
    expect(row).toMatchObject({
      country: "MX",
      region: "Latin America & Caribbean",
      organisationType: "public-university",
    });
    const [person] = await sql<
      { country: string }[]
    >`select p.country from panelists p join invitations i on i.panelist_id = p.id where i.wave_id = ${wave.id}`;
    expect(person?.country).toBe("US");
  });

  it("are not filled in again over answers saved earlier", async () => {
    const { token } = await invitedPanelist();
    expect((await post(token, { data: { country: "KE" }, complete: false, page: 0 })).status).toBe(200);
    const page = await loadRespondentPage(token);
    expect(page.kind === "open" && page.resume?.data).toEqual({ country: "KE" });
    expect(page.kind === "open" && page.prefill).toEqual({});
  });
});

describe("POST /s/:token", () => {
  it("stores a valid completion with the profile snapshot and marks the invitation used, in one go", async () => {
    const { token, wave, invitation } = await invitedPanelist();
    const res = await post(token, {
      data: answers2021,
      complete: true,
      submissionId: "0b9e2f46-5b7c-4c43-9a55-0d6f1e1f0a01",
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, status: "complete" });
    expect(body.responseId).toMatch(/^[0-9a-f-]{36}$/);

    const rows = await responseRows(wave.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "complete",
      country: "CL",
      region: "Latin America & Caribbean",
      organisationType: "private-university",
      roleCategory: "provost",
    });
    expect(rows[0]?.data).toEqual(answers2021);
    const [inv] = await sql<{ usedAt: Date | null }[]>`select used_at from invitations where id = ${invitation.id}`;
    expect(inv?.usedAt).toBeInstanceOf(Date);
  });

  it("answers a retried completion (same submissionId) with the same 200 and stores nothing new", async () => {
    const { token, wave } = await invitedPanelist();
    const body = { data: answers2021, complete: true, submissionId: "0b9e2f46-5b7c-4c43-9a55-0d6f1e1f0a02" };
    const first = await (await post(token, body)).json();
    const again = await post(token, body);
    expect(again.status).toBe(200);
    expect((await again.json()).responseId).toBe(first.responseId);
    expect(await responseRows(wave.id)).toHaveLength(1);
  });

  it("answers 409 to a second, different completion of a used link", async () => {
    const { token, wave } = await invitedPanelist();
    await post(token, { data: answers2021, complete: true });
    const res = await post(token, { data: { ...answers2021, strategicImportance: 1 }, complete: true });
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatch(/^You already answered on \d+ \w+ \d{4}\. Thank you\.$/);
    const rows = await responseRows(wave.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.data.strategicImportance).toBe(4);
  });

  it("stores one response when a link's completions race: the same submission is a repeat, another is turned away", async () => {
    const { wave, invitation } = await invitedPanelist();
    const same = "0b9e2f46-5b7c-4c43-9a55-0d6f1e1f0a03";
    const sent = [
      same,
      "0b9e2f46-5b7c-4c43-9a55-0d6f1e1f0a04",
      same,
      "0b9e2f46-5b7c-4c43-9a55-0d6f1e1f0a05",
      same,
      same,
      "0b9e2f46-5b7c-4c43-9a55-0d6f1e1f0a06",
      same,
    ];
    // Another session holds the invitation while all eight start, so they really meet in the database.
    const blocker = await sql.reserve();
    await blocker`begin`;
    await blocker`select 1 from invitations where id = ${invitation.id} for update`;
    const racing = Promise.all(
      sent.map((submissionId, i) =>
        completeInvitationResponse({
          invitationId: invitation.id,
          versionId: wave.questionnaireVersionId,
          data: { ...answers2021, strategicImportance: 1 + (i % 5) },
          submissionId,
        }),
      ),
    );
    for (let i = 0; i < 100; i++) {
      const [w] = await blocker<
        { n: number }[]
      >`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`;
      if (w!.n >= sent.length) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await blocker`commit`;
    blocker.release();
    const outcomes = await racing;
    const rows = await responseRows(wave.id);
    expect(rows).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "stored")).toHaveLength(1);
    const winner = sent[outcomes.findIndex((o) => o.status === "stored")];
    expect(rows[0]?.submissionId).toBe(winner);
    outcomes.forEach((o, i) =>
      expect(o.status).toBe(sent[i] !== winner ? "already-used" : o.status === "stored" ? "stored" : "repeat"),
    );
    const [inv] = await sql<{ usedAt: Date | null }[]>`select used_at from invitations where id = ${invitation.id}`;
    expect(inv?.usedAt).toBeInstanceOf(Date);
  });

  it("answers 422 with the questions at fault, and stores nothing", async () => {
    const { token, wave } = await invitedPanelist();
    const res = await post(token, {
      data: {
        ...answers2021,
        strategicImportance: 11,
        barriers: ["trust", "standards", "pace-of-change", "internal-resistance"],
        ghost: "boo",
      },
      complete: true,
    });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.ok).toBe(false);
    expect(body.errors.map((e: { question: string }) => e.question).sort()).toEqual([
      "barriers",
      "ghost",
      "strategicImportance",
    ]);
    expect(await responseRows(wave.id)).toHaveLength(0);
  });

  it("answers 422 when a required question is missing", async () => {
    const { token, wave } = await invitedPanelist();
    const { relationToDegrees: _omit, ...rest } = answers2021;
    const res = await post(token, { data: rest, complete: true });
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([{ question: "relationToDegrees", message: expect.any(String) }]);
    expect(await responseRows(wave.id)).toHaveLength(0);
  });

  it("drops answers to questions hidden by the respondent's own answers", async () => {
    const { token, wave } = await invitedPanelist();
    const res = await post(token, { data: { ...answers2021, currentState: "non-existent" }, complete: true });
    expect(res.status).toBe(200);
    const [row] = await responseRows(wave.id);
    expect(row?.data).not.toHaveProperty("applications");
    expect(row?.data).not.toHaveProperty("applications-Comment");
  });

  it("answers 404 to an unknown or malformed token and 400 to malformed bodies, storing nothing", async () => {
    const { token, wave } = await invitedPanelist();
    expect((await post("A".repeat(43), { data: answers2021, complete: true })).status).toBe(404);
    expect((await post("../../etc/passwd", { data: answers2021, complete: true })).status).toBe(404);
    expect((await post(token, null, { raw: '{"data": ' })).status).toBe(400);
    expect((await post(token, null, { raw: "data=1", contentType: "application/x-www-form-urlencoded" })).status).toBe(
      400,
    );
    expect((await post(token, { data: answers2021 })).status).toBe(400);
    expect((await post(token, { data: [], complete: true })).status).toBe(400);
    expect((await post(token, { data: answers2021, complete: "yes" })).status).toBe(400);
    expect((await post(token, { data: answers2021, complete: true, submissionId: "x" })).status).toBe(400);
    expect(
      (await post(token, null, { raw: JSON.stringify({ data: { comment: "x".repeat(300_000) }, complete: true }) }))
        .status,
    ).toBe(413);
    expect(await responseRows(wave.id)).toHaveLength(0);
  });

  it("says in a sentence what a body that is not an answers object lacks", async () => {
    const { token, wave } = await invitedPanelist();
    for (const raw of ['"text"', "[1, 2]", "null", "42"]) {
      const res = await post(token, null, { raw });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toBe('The body must be a JSON object, such as {"data": {…}, "complete": true}.');
    }
    const missing = await post(token, { complete: true });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toBe('"data" is required: an object of answers keyed by question name');
    expect(await responseRows(wave.id)).toHaveLength(0);
  });

  it("answers 400 with a JSON sentence to bad UTF-8, NULs, lone surrogates and deep nesting, and 413 to a long chunked body, storing nothing", async () => {
    const { token, wave } = await invitedPanelist();
    const cases: [string | Uint8Array | ReadableStream, number, RegExp][] = [
      [new Uint8Array([0x7b, 0x22, 0x64, 0xff, 0xfe, 0x22, 0x7d]), 400, /not valid UTF-8/],
      ['{"data":{"comment":"a\\u0000b"},"complete":false}', 400, /NUL character/],
      ['{"data":{"comment":"a\\ud800b"},"complete":false}', 400, /surrogate/],
      [
        `{"data":{"comment":${"[".repeat(5000)}${"]".repeat(5000)}},"complete":false}`,
        400,
        /nested more than 32 levels/,
      ],
      [
        new ReadableStream({
          start(controller) {
            for (let i = 0; i < 40; i += 1) controller.enqueue(new TextEncoder().encode(" ".repeat(10_000)));
            controller.close();
          },
        }),
        413,
        /larger than 256 KB/,
      ],
    ];
    for (const [raw, status, sentence] of cases) {
      const res = await post(token, null, { raw });
      expect(res.status).toBe(status);
      expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
      expect(((await res.json()) as { error: string }).error).toMatch(sentence);
    }
    // A surrogate pair (an emoji) is fine.
    expect((await post(token, { data: { comment: "Good 👍" }, complete: false })).status).toBe(200);
    const rows = await responseRows(wave.id);
    expect(rows.map((r) => r.data)).toEqual([{ comment: "Good 👍" }]);
  });

  it("answers 410 before the wave opens and after it closes", async () => {
    const early = await invitedPanelist({ opensAt: new Date(Date.now() + 86_400_000), closesAt: null });
    const r1 = await post(early.token, { data: answers2021, complete: true });
    expect(r1.status).toBe(410);
    expect((await r1.json()).error).toMatch(/^This survey opens on /);
    const late = await invitedPanelist({
      opensAt: new Date(Date.now() - 2 * 86_400_000),
      closesAt: new Date(Date.now() - 1000),
    });
    const r2 = await post(late.token, { data: answers2021, complete: true });
    expect(r2.status).toBe(410);
    expect((await r2.json()).error).toMatch(/^This survey closed on /);
    expect(await responseRows(early.wave.id)).toHaveLength(0);
    expect(await responseRows(late.wave.id)).toHaveLength(0);
  });

  it("saves progress as a partial response without requiring anything, and never counts it complete", async () => {
    const { token, wave } = await invitedPanelist();
    const res = await post(token, { data: { strategicImportance: 3 }, complete: false });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, status: "partial" });
    const rows = await responseRows(wave.id);
    expect(rows).toMatchObject([{ status: "partial", data: { strategicImportance: 3 } }]);
    expect((await post(token, { data: answers2021, complete: true })).status).toBe(200);
    expect(await responseRows(wave.id)).toMatchObject([{ status: "complete" }]);
  });

  it("resumes a link where it was left: the saved answers and page come back with the questionnaire", async () => {
    const { token } = await invitedPanelist();
    const before = await pageLoader({
      request: new Request(`http://localhost/s/${token}`),
      params: { token },
      context: {},
    });
    expect(before).toMatchObject({ kind: "open", resume: null, autosave: true });
    expect((await post(token, { data: { country: "KE" }, complete: false, page: 1 })).status).toBe(200);
    expect((await post(token, { data: { country: "KE", strategicImportance: 4 }, complete: false })).status).toBe(200);
    const after = await pageLoader({
      request: new Request(`http://localhost/s/${token}`),
      params: { token },
      context: {},
    });
    // A save without a page keeps the last page known.
    expect(after).toMatchObject({ kind: "open", resume: { data: { country: "KE", strategicImportance: 4 }, page: 1 } });
    for (const page of [-1, 1.5, 1000, "2"]) {
      expect((await post(token, { data: {}, complete: false, page })).status).toBe(400);
    }
  });

  it("answers 503 with Retry-After and a sentence when the database cannot be reached", async () => {
    const unreachable = postgres("postgres://nobody@127.0.0.1:1/none", {
      connect_timeout: 2,
      max: 1,
      onnotice: () => {},
    });
    try {
      const outcome = await orUnavailable(() => unreachable`select 1`, "json").catch((thrown: unknown) => thrown);
      expect(outcome).toBeInstanceOf(Response);
      const res = outcome as Response;
      expect(res.status).toBe(503);
      expect(res.headers.get("Retry-After")).toBe("5");
      expect(((await res.json()) as { error: string }).error).toMatch(
        /cannot reach its database .* Nothing you entered is lost/,
      );
      // Other errors stay errors.
      await expect(orUnavailable(() => sql`select 1/0`)).rejects.toThrow(/division by zero/);
    } finally {
      await unreachable.end({ timeout: 1 });
    }
  });

  it("keeps token lookups to a hash: the database holds no token", async () => {
    const { token, invitation } = await invitedPanelist();
    const [row] = await sql<
      { dump: string }[]
    >`select row_to_json(i)::text as dump from invitations i where id = ${invitation.id}`;
    expect(row?.dump).not.toContain(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe("GET /s/:token", () => {
  const load = (token: string) =>
    pageLoader({ request: new Request(`http://localhost/s/${token}`), params: { token }, context: {} });

  it("shows the questionnaire of an open wave and records the first opening", async () => {
    const { token, invitation } = await invitedPanelist();
    const page = await load(token);
    expect(page).toMatchObject({ kind: "open", title: "Micro-Credentials: Global Panel 2021", firstName: "Ana" });
    const [row] = await sql<{ openedAt: Date | null }[]>`select opened_at from invitations where id = ${invitation.id}`;
    expect(row?.openedAt).toBeInstanceOf(Date);
  });

  it("shows the already-answered page for a used link", async () => {
    const { token } = await invitedPanelist();
    await post(token, { data: answers2021, complete: true });
    expect(await load(token)).toMatchObject({
      kind: "answered",
      answeredText: expect.stringMatching(/^You already answered on \d+ \w+ \d{4}\. Thank you\.$/),
    });
  });

  it("throws a 404 response for an unknown link", async () => {
    await expect(load("B".repeat(43))).rejects.toMatchObject({ status: 404 });
  });
});
