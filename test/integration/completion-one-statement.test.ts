// A completion sent as the page sends it (the questionnaire version it shows and its language) is
// checked before the link is looked up and stored by the statement that looks the link up: one
// round trip. These tests count the two statements of the ordinary path (the link's lookup, the
// completion) and check that everything the ordinary path guarantees still holds.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "~/db.server";
import { action } from "~/routes/s.$token_.answers";
import { cachedDefinition, getCurrentVersion } from "~/models/questionnaire.server";
import { recordUnknownToken, resetRateLimits } from "~/http/rate-limit.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { findInvitationByToken } from "~/models/invitation.server";
import { completeInvitationResponse } from "~/models/response.server";
import { checkAnswers } from "~/lib/survey";
import { answers2021, invitedPanelist } from "../helpers/fixtures";
import { answerGenerator, seeded } from "../../harness/generated-answers";
import { deliverTo } from "../helpers/mail";

vi.mock("~/models/invitation.server", async (original) => {
  const real = await original<typeof import("~/models/invitation.server")>();
  return { ...real, findInvitationByToken: vi.fn(real.findInvitationByToken) };
});
vi.mock("~/models/response.server", async (original) => {
  const real = await original<typeof import("~/models/response.server")>();
  return { ...real, completeInvitationResponse: vi.fn(real.completeInvitationResponse) };
});

const lookups = vi.mocked(findInvitationByToken);
const completions = vi.mocked(completeInvitationResponse);

function post(token: string, body: unknown, clientIp?: string) {
  const request = new Request(`http://localhost/s/${token}/answers`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return action({ request, params: { token }, context: clientIp ? { clientIp } : {} }).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
}

/** A 2021 wave's invitation whose wave sends no thank-you email, its version read by this process (as after any earlier request). */
async function invited(options: Parameters<typeof invitedPanelist>[0] = {}) {
  const made = await invitedPanelist(options);
  await sql`update waves set thank_you = false where id = ${made.wave.id}`;
  await cachedDefinition(made.version.id);
  return made;
}

const rowsOf = (waveId: number) =>
  sql<
    {
      status: string;
      data: Record<string, unknown>;
      country: string;
      region: string;
      organisationType: string;
      roleCategory: string;
      organisation: string;
      jobTitle: string;
      language: string | null;
      submissionId: string | null;
      questionnaireVersionId: number;
    }[]
  >`select status, data, country, region, organisation_type, role_category, organisation, job_title, language,
      submission_id, questionnaire_version_id from responses where wave_id = ${waveId}`;

beforeEach(async () => {
  lookups.mockClear();
  completions.mockClear();
  await resetRateLimits();
});

describe("a completion as the page sends it (version and language)", () => {
  it("is stored by one statement, with the same row as the ordinary path stores", async () => {
    const page = await invited();
    const plain = await invited();
    const pageBody = {
      data: { ...answers2021, country: "MX" },
      complete: true,
      language: "en",
      version: page.version.id,
    };
    const res = await post(page.token, pageBody);
    expect(res.status).toBe(200);
    expect(lookups).not.toHaveBeenCalled();
    expect(completions).not.toHaveBeenCalled();
    const [inv] = await sql<
      { usedAt: Date | null }[]
    >`select used_at from invitations where id = ${page.invitation.id}`;
    expect(inv?.usedAt).toBeInstanceOf(Date);

    // The same answers without the version take the ordinary path (lookup, then completion): the same row.
    const { version: _version, ...ordinaryBody } = pageBody;
    expect((await post(plain.token, ordinaryBody)).status).toBe(200);
    expect(lookups).toHaveBeenCalledTimes(1);
    expect(completions).toHaveBeenCalledTimes(1);
    const [fast] = await rowsOf(page.wave.id);
    const [ordinary] = await rowsOf(plain.wave.id);
    expect(fast).toEqual(ordinary);
    expect(fast).toMatchObject({ country: "MX", region: "Latin America & Caribbean", language: "en" });
  });

  it("answers a retry of the same submission with the same response, and a different one with 409", async () => {
    const { token, wave, version } = await invited();
    const body = {
      data: answers2021,
      complete: true,
      language: "en",
      version: version.id,
      submissionId: "6f1c1e4a-1d38-4f1b-9a53-5a2f1f7f0b01",
    };
    const first = (await (await post(token, body)).json()) as { responseId: string };
    const again = await post(token, body);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { responseId: string }).responseId).toBe(first.responseId);
    const other = await post(token, { ...body, submissionId: "6f1c1e4a-1d38-4f1b-9a53-5a2f1f7f0b02" });
    expect(other.status).toBe(409);
    expect(await rowsOf(wave.id)).toHaveLength(1);
  });

  it("stores one response when eight page completions of a link race", async () => {
    const { token, wave, invitation, version } = await invited();
    const blocker = await sql.reserve();
    await blocker`begin`;
    await blocker`select 1 from invitations where id = ${invitation.id} for update`;
    const racing = Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        post(token, {
          data: { ...answers2021, strategicImportance: 1 + (i % 5) },
          complete: true,
          language: "en",
          version: version.id,
          submissionId: `6f1c1e4a-1d38-4f1b-9a53-5a2f1f7f0c0${i}`,
        }),
      ),
    );
    for (let i = 0; i < 100; i++) {
      const [w] = await blocker<
        { n: number }[]
      >`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`;
      if (w!.n >= 8) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await blocker`commit`;
    blocker.release();
    const statuses = (await racing).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    expect(await rowsOf(wave.id)).toHaveLength(1);
  });

  it("is checked against the wave's own version when the page names another: 422, nothing stored", async () => {
    // Valid answers to the 2024 questionnaire, said to be of its version, sent to a link of a 2021 wave.
    const { token, wave, invitation } = await invited();
    await syncQuestionnaires("survey-definitions");
    const v2024 = await getCurrentVersion("for-credit-micro-credentials-2024");
    const definition = await cachedDefinition(v2024!.id);
    const data = answerGenerator(definition, seeded(7))();
    expect(checkAnswers(definition, data, { complete: true }).ok).toBe(true);
    const res = await post(token, { data, complete: true, language: "en", version: v2024!.id });
    expect(res.status).toBe(422);
    // The link was read by the statement that declined to store (no second lookup), then checked against 2021.
    expect(lookups).not.toHaveBeenCalled();
    expect(completions).not.toHaveBeenCalled();
    expect(await rowsOf(wave.id)).toHaveLength(0);
    const [inv] = await sql<{ usedAt: Date | null }[]>`select used_at from invitations where id = ${invitation.id}`;
    expect(inv?.usedAt).toBeNull();
  });

  it("stores nothing on a closed wave (410) or for an erased person (404)", async () => {
    const closed = await invited({ closesAt: new Date(Date.now() - 1000), opensAt: new Date(Date.now() - 60_000) });
    const body = (v: number) => ({ data: answers2021, complete: true, language: "en", version: v });
    expect((await post(closed.token, body(closed.version.id))).status).toBe(410);
    expect(await rowsOf(closed.wave.id)).toHaveLength(0);

    const erased = await invited();
    await sql`update panelists set status = 'erased' where id = ${erased.panelist.id}`;
    expect((await post(erased.token, body(erased.version.id))).status).toBe(404);
    expect(await rowsOf(erased.wave.id)).toHaveLength(0);
  });

  it("stores a thank-you wave's completion and its email in one statement; the email arrives with the person's name", async () => {
    const made = await invitedPanelist({
      questionnaire: "for-credit-micro-credentials-2024",
      profile: { name: "Thandiwe Okonkwo" },
    });
    const data = answerGenerator(await cachedDefinition(made.version.id), seeded(11))();
    const body = { data, complete: true, language: "es", version: made.version.id };
    const res = await post(made.token, body);
    expect(await res.json()).toMatchObject({ ok: true, status: "complete" });
    expect(lookups).not.toHaveBeenCalled();
    expect(completions).not.toHaveBeenCalled();
    expect(await rowsOf(made.wave.id)).toHaveLength(1);
    // Recorded with its subject (in the language answered in), its body written when it is delivered.
    const mails = await sql<{ subject: string; textBody: string; render: unknown }[]>`
      select subject, text_body, render from emails where kind = 'thank-you' and panelist_id = ${made.panelist.id}`;
    expect(mails).toEqual([
      {
        subject: `Gracias por responder ${made.wave.title}`,
        textBody: "",
        render: { template: "thank-you", invitationId: made.invitation.id, language: "es" },
      },
    ]);
    // The same submission again (a retry) records no second email.
    expect((await post(made.token, body)).status).toBe(409);
    const [delivered, ...more] = await deliverTo(made.panelist.email as string);
    expect(more).toHaveLength(0);
    expect(delivered?.subject).toBe(`Gracias por responder ${made.wave.title}`);
    expect(delivered?.text).toContain("Thandiwe");
    expect(delivered?.html).toContain("Thandiwe");
    expect(delivered?.headers?.["List-Unsubscribe"]).toMatch(/^<http[^>]+\/u\/\d+\.[A-Za-z0-9_-]{43}>$/);
    // What was sent is what the outbox keeps.
    const [kept] = await sql<{ status: string; textBody: string; render: unknown }[]>`
      select status, text_body, render from emails where kind = 'thank-you' and panelist_id = ${made.panelist.id}`;
    expect(kept).toMatchObject({ status: "sent", render: null });
    expect(kept?.textBody).toContain("Thandiwe");
  });

  it("records no thank-you email for a person who is not active, as the ordinary path", async () => {
    const made = await invitedPanelist();
    await cachedDefinition(made.version.id);
    await sql`update panelists set status = 'unsubscribed' where id = ${made.panelist.id}`;
    const res = await post(made.token, { data: answers2021, complete: true, language: "en", version: made.version.id });
    expect(res.status).toBe(200);
    expect(lookups).not.toHaveBeenCalled();
    expect(await rowsOf(made.wave.id)).toHaveLength(1);
    expect(await sql`select 1 from emails where panelist_id = ${made.panelist.id}`).toHaveLength(0);
  });

  it("serves a link that exists even from an address over its allowance of made-up links, as the ordinary path does", async () => {
    const { token, wave, version } = await invited();
    const ip = "203.0.113.44";
    for (let i = 0; i < 20; i += 1) await recordUnknownToken(ip, "json");
    await expect(recordUnknownToken(ip, "json")).rejects.toBeInstanceOf(Response);
    const res = await post(token, { data: answers2021, complete: true, language: "en", version: version.id }, ip);
    expect(res.status).toBe(200);
    expect(await rowsOf(wave.id)).toHaveLength(1);
  });
});
