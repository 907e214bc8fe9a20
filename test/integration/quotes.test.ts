import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { erasePanelist } from "~/flows/membership.server";
import { publish } from "~/flows/publish.server";
import { approveTextQuote as approveQuote, listQuoteCandidates as quoteCandidates } from "~/flows/quotes.server";
import { setAttributionStyle } from "~/models/quote.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { action as quotesAction, loader as quotesPage } from "~/routes/admin.waves.$slug_.quotes";
import { submitAnswers } from "~/flows/respond.server";
import { getWave } from "~/models/wave.server";
import { adminSession, outcomeOf, request } from "../helpers/admin";
import { answers2021, invitedPanelist } from "../helpers/fixtures";

/** A questionnaire with a comment shown only to those who answered "No", and one shown to everyone. */
async function conditionalQuestionnaire(): Promise<string> {
  const slug = `conditional-quotes-${randomBytes(3).toString("hex")}`;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "quorum-quotes-"));
  const definition = {
    title: "Conditional quotes",
    pages: [
      {
        name: "p1",
        elements: [
          {
            type: "radiogroup",
            name: "offer",
            title: "Do you offer micro-credentials?",
            isRequired: true,
            choices: [
              { value: "yes", text: "Yes" },
              { value: "no", text: "No" },
            ],
          },
          { type: "comment", name: "whyNot", title: "Why not?", visibleIf: "{offer} = 'no'" },
          { type: "comment", name: "comment", title: "Anything else?" },
          { type: "boolean", name: "consentToQuote", title: "May we quote you?" },
        ],
      },
    ],
  };
  await fs.writeFile(path.join(dir, `${slug}.json`), JSON.stringify(definition));
  await syncQuestionnaires(dir);
  return slug;
}

describe("quotes", () => {
  it("come only from consenting respondents, are edited and attributed by country, and land in the publication", async () => {
    const yes = await invitedPanelist();
    await submitAnswers(yes.token, {
      data: { ...answers2021, comment: 'Ana Rojas here: <script>alert(1)</script> "mosaic"' },
      complete: true,
    });
    const wave = (await getWave(yes.wave.id))!;
    const { candidates } = await quoteCandidates(wave);
    expect(candidates).toHaveLength(1);
    const [c] = candidates;
    expect(
      await approveQuote(wave, c!.responseId, "comment", "Learners will build a mosaic of credentials.", {
        label: "test",
      }),
    ).toEqual({ approved: true });
    expect(await approveQuote(wave, c!.responseId, "strategicImportance", "x", { label: "test" })).toEqual({
      approved: false,
      reason: "not-quotable",
    });

    // Another respondent of the same wave who said no to quotes.
    const [no] = await sql<{ id: string }[]>`
      insert into responses (wave_id, questionnaire_version_id, status, data, country, completed_at)
      values (${wave.id}, ${wave.questionnaireVersionId}, 'complete', ${sql.json({ ...answers2021, consentToQuote: false, comment: "do-not-publish-this" } as never)}, 'US', now())
      returning id`;
    expect((await quoteCandidates(wave)).candidates.map((x) => x.responseId)).toEqual([c!.responseId]);
    expect((await approveQuote(wave, no!.id, "comment", "do-not-publish-this", { label: "test" })).approved).toBe(
      false,
    );

    // The smallest group a wave may have is 3: two more Chilean provosts answered (not quotable).
    await sql`update waves set min_group_size = 3 where id = ${wave.id}`;
    for (let i = 0; i < 2; i++)
      await sql`
        insert into responses (wave_id, questionnaire_version_id, status, data, country, role_category, completed_at)
        values (${wave.id}, ${wave.questionnaireVersionId}, 'complete', ${sql.json({ ...answers2021, consentToQuote: false } as never)}, 'CL', 'provost', now())`;
    const p = await publish((await getWave(wave.id))!, { label: "test" });
    if (!p.ok) throw new Error(p.message);
    expect(p.publication.snapshot.quotes).toEqual([
      {
        question: "comment",
        text: "Learners will build a mosaic of credentials.",
        attribution: "(Respondent, Chile)",
        // What the signature names, so a page in another language writes it in that language.
        by: { role: null, country: "CL", region: null },
      },
    ]);
    expect(JSON.stringify(p.publication.snapshot)).not.toContain("do-not-publish-this");

    await setAttributionStyle((await getWave(wave.id))!, "role", { label: "test" });
    const again = await publish((await getWave(wave.id))!, { label: "test" }); // nothing changed: allowed
    if (!again.ok) throw new Error(again.message);
    expect(again.publication.snapshot.quotes[0]?.attribution).toBe("(Provost or Chief Academic Officer, Chile)");

    // Next to the finding it supports: the panel team places it with another question.
    expect(
      await approveQuote(
        wave,
        c!.responseId,
        "comment",
        "Learners will build a mosaic of credentials.",
        { label: "test" },
        "no-such-question",
      ),
    ).toEqual({ approved: false, reason: "not-quotable" });
    expect(
      await approveQuote(
        wave,
        c!.responseId,
        "comment",
        "Learners will build a mosaic of credentials.",
        { label: "test" },
        "relationToDegrees",
      ),
    ).toEqual({ approved: true });
    expect((await quoteCandidates(wave)).findings.map((f) => f.name)).toContain("relationToDegrees");
    const placed = await publish((await getWave(wave.id))!, { label: "test" });
    if (!placed.ok) throw new Error(placed.message);
    expect(placed.publication.snapshot.quotes).toEqual([
      {
        question: "relationToDegrees",
        text: "Learners will build a mosaic of credentials.",
        attribution: "(Provost or Chief Academic Officer, Chile)",
        by: { role: "provost", country: "CL", region: null },
      },
    ]);

    await erasePanelist(yes.panelist.id, "test");
    const [left] = await sql<{ n: number }[]>`select count(*)::int as n from quotes where wave_id = ${wave.id}`;
    expect(left?.n).toBe(0);
  });

  it("under a question shown only for one answer, need a second confirmation, which the server checks and the audit log keeps", async () => {
    const yes = await invitedPanelist({ questionnaire: await conditionalQuestionnaire() });
    await submitAnswers(yes.token, {
      data: { offer: "no", whyNot: "Our senate has not approved them.", comment: "Keep going.", consentToQuote: true },
      complete: true,
    });
    const wave = (await getWave(yes.wave.id))!;
    const [response] = await sql<{ id: string }[]>`select id from responses where wave_id = ${wave.id}`;
    const { cookie } = await adminSession("editor");
    const tells = "answered “No” to “Do you offer micro-credentials?”";

    // The page says it beside the quote, and asks for the confirmation; not for the other comment.
    const page = await outcomeOf(
      quotesPage({
        request: request(`/admin/waves/${wave.slug}/quotes`, { cookie }),
        params: { slug: wave.slug },
        context: {},
      }),
    );
    const questions = (page.body as { questions: { name: string; tellsReaders: string | null }[] }).questions;
    expect(questions.find((q) => q.name === "whyNot")?.tellsReaders).toBe(tells);
    expect(questions.find((q) => q.name === "comment")?.tellsReaders).toBeNull();

    const approve = (question: string, extra: Record<string, string> = {}) =>
      outcomeOf(
        quotesAction({
          request: request(`/admin/waves/${wave.slug}/quotes`, {
            cookie,
            form: {
              intent: "approve",
              responseId: response!.id,
              question,
              text: "Our senate has not approved them.",
              ...extra,
            },
          }),
          params: { slug: wave.slug },
          context: {},
        }),
      );
    const quotes = () =>
      sql<{ question: string; text: string }[]>`select question, text from quotes where wave_id = ${wave.id}`;

    // Without the box ticked: refused with a sentence that says why and what to do, and nothing approved.
    const refused = await approve("whyNot");
    expect(refused.status).toBe(400);
    expect((refused.body as { message: string }).message).toBe(
      `Nothing was approved: this quote tells readers that its author ${tells}. Tick the box that says you understand this, then approve it again.`,
    );
    expect(await quotes()).toEqual([]);
    // A box ticked with anything but its value is not a confirmation either.
    expect((await approve("whyNot", { understood: "on" })).status).toBe(400);
    expect(await quotes()).toEqual([]);

    // With it: approved, and the audit log says what the approver confirmed.
    const approved = await approve("whyNot", { understood: "yes" });
    expect(approved.status).toBe(200);
    expect(await quotes()).toEqual([{ question: "whyNot", text: "Our senate has not approved them." }]);
    const [entry] = await sql<{ changes: Record<string, unknown> }[]>`
      select changes from audit_log where action = 'approve' and entity = 'quote' and changes ->> 'responseId' = ${response!.id}`;
    expect(entry?.changes).toMatchObject({ question: "whyNot", tellsReaders: tells });

    // A question shown to everyone keeps the one-step approval.
    expect((await approve("comment")).status).toBe(200);
    expect((await quotes()).map((q) => q.question).sort()).toEqual(["comment", "whyNot"]);
  });
});
