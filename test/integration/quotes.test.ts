import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { erasePanelist } from "~/flows/membership.server";
import { publish } from "~/flows/publish.server";
import { approveTextQuote as approveQuote, listQuoteCandidates as quoteCandidates } from "~/flows/quotes.server";
import { setAttributionStyle } from "~/models/quote.server";
import { submitAnswers } from "~/flows/respond.server";
import { getWave } from "~/models/wave.server";
import { answers2021, invitedPanelist } from "../helpers/fixtures";

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
    ).toBe(true);
    expect(await approveQuote(wave, c!.responseId, "strategicImportance", "x", { label: "test" })).toBe(false);

    // Another respondent of the same wave who said no to quotes.
    const [no] = await sql<{ id: string }[]>`
      insert into responses (wave_id, questionnaire_version_id, status, data, country, completed_at)
      values (${wave.id}, ${wave.questionnaireVersionId}, 'complete', ${sql.json({ ...answers2021, consentToQuote: false, comment: "do-not-publish-this" } as never)}, 'US', now())
      returning id`;
    expect((await quoteCandidates(wave)).candidates.map((x) => x.responseId)).toEqual([c!.responseId]);
    expect(await approveQuote(wave, no!.id, "comment", "do-not-publish-this", { label: "test" })).toBe(false);

    await sql`update waves set min_group_size = 1 where id = ${wave.id}`;
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
    ).toBe(false);
    expect(
      await approveQuote(
        wave,
        c!.responseId,
        "comment",
        "Learners will build a mosaic of credentials.",
        { label: "test" },
        "relationToDegrees",
      ),
    ).toBe(true);
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
});
