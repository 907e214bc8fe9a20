import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { sendInvitations, invite } from "~/flows/fieldwork.server";
import { loadRespondentPage, loadThanks, submitAnswers } from "~/flows/respond.server";
import { waveStatus } from "~/models/fieldwork.server";
import { ensureInvitation } from "~/models/invitation.server";
import { upsertPanelist } from "~/models/panelist.server";
import { reportLanguage } from "~/results/report-language.server";
import { computeResults } from "~/results/results.server";
import { invitedPanelist } from "../helpers/fixtures";

// The 2024 questionnaire is in English, Spanish and French (and one Arabic text).
const answers2024 = {
  country: "MX",
  organisationType: "public-university",
  offerToday: "yes",
  plans5y: "expand",
  enrolmentEffect: "much-more",
  reasons: {
    engagement: "agree",
    "competitive-advantage": "agree",
    retention: "neutral",
    "lifelong-learning": "agree",
    "job-ready": "strongly-agree",
  },
  jobReadySkills: 5,
  barriers: ["quality", "cost"],
};
const actor = { label: "test" };

describe("a panel in its own languages", () => {
  it("invites, shows, checks, thanks and counts a Spanish-speaking panelist in Spanish, and counts her answers with an English speaker's", async () => {
    const { wave, panel, panelist, token } = await invitedPanelist({
      questionnaire: "for-credit-micro-credentials-2024",
      profile: { language: "es", country: "MX" },
    });
    const english = await upsertPanelist(panel.id, {
      email: `english-${Date.now()}@example.org`,
      name: "Erin English",
      country: "US",
    });
    const englishToken = (await ensureInvitation(wave.id, english.id)).token;

    // The invitation is in Spanish (ours, since the team kept our English one), the other in English.
    await invite(wave, actor);
    await sendInvitations(wave, actor);
    const mails = await sql<{ panelistId: number; subject: string; textBody: string; htmlBody: string }[]>`
      select panelist_id, subject, text_body, html_body from emails where kind = 'invitation' and panelist_id = any(${[panelist.id, english.id]})`;
    const spanish = mails.find((m) => m.panelistId === panelist.id)!;
    expect(spanish.subject).toBe(`Su invitación: ${wave.title}`);
    expect(spanish.textBody).toMatch(/^Estimado\/a Ana:\n\nNos gustaría conocer su opinión/);
    expect(spanish.textBody).toMatch(/El cuestionario se cierra el \d+ de \w+ de \d{4}\./);
    expect(spanish.htmlBody).toContain('<html lang="es" dir="ltr">');
    expect(mails.find((m) => m.panelistId === english.id)!.subject).toBe(`Your invitation: ${wave.title}`);

    // The page opens in Spanish, lists the other languages, and remembers a choice made on it.
    const page = await loadRespondentPage(token);
    expect(page).toMatchObject({
      kind: "open",
      language: "es",
      dir: "ltr",
      text: { welcome: "Bienvenido/a, {{name}}." },
    });
    expect(page.kind === "open" && page.languages.map((l) => l.code)).toEqual(["en", "es", "fr", "ar"]);
    expect(await loadRespondentPage(token, "ar")).toMatchObject({ language: "ar", dir: "rtl" });
    const [remembered] = await sql<
      { language: string }[]
    >`select language from invitations where wave_id = ${wave.id} and panelist_id = ${panelist.id}`;
    expect(remembered?.language).toBe("ar");
    expect(await loadRespondentPage(token, "es")).toMatchObject({ language: "es" });

    // A validation error comes back in Spanish (survey-core's own sentence, and ours).
    const incomplete = await submitAnswers(token, { data: { country: "MX" }, complete: true, language: "es" });
    expect(incomplete.kind).toBe("invalid");
    expect(incomplete.kind === "invalid" && incomplete.errors[0]?.message).toBe("Por favor conteste la pregunta.");
    const stray = await submitAnswers(token, { data: { nonsense: 1 }, complete: false, language: "es" });
    expect(stray.kind === "invalid" && stray.errors[0]?.message).toBe(
      'No hay ninguna pregunta llamada "nonsense" en este cuestionario.',
    );

    // Both complete with the same answers, one in each language.
    expect(await submitAnswers(token, { data: answers2024, complete: true, language: "es" })).toMatchObject({
      kind: "saved",
      status: "complete",
    });
    expect(
      await submitAnswers(englishToken, { data: { ...answers2024, country: "US" }, complete: true, language: "en" }),
    ).toMatchObject({ kind: "saved", status: "complete" });
    const thanks = await loadThanks(token);
    expect(thanks).toMatchObject({ language: "es", text: { savedTo: "Sus respuestas a {{title}} están guardadas." } });
    const [thankYou] = await sql<
      { subject: string }[]
    >`select subject from emails where kind = 'thank-you' and panelist_id = ${panelist.id}`;
    expect(thankYou?.subject).toBe(`Gracias por responder ${wave.title}`);

    // Answers are choice values whatever the language: both count into the same figures.
    const stored = await sql<
      { language: string; data: Record<string, unknown> }[]
    >`select language, data from responses where wave_id = ${wave.id} order by language`;
    expect(stored.map((r) => r.language)).toEqual(["en", "es"]);
    expect(stored[0]!.data.offerToday).toBe("yes");
    expect(stored[1]!.data.offerToday).toBe("yes");
    const figures = await computeResults(wave);
    const offer = figures.questions.find((q) => q.name === "offerToday")!;
    expect(offer.items[0]!.whole.cells[offer.options.findIndex((o) => o.value === "yes")]!.count).toBe(2);
    expect((await waveStatus(wave)).byLanguage).toEqual([
      { language: "en", completed: 1 },
      { language: "es", completed: 1 },
    ]);
  });

  it("opens the page and the report in the browser's language when the person has not said theirs, never over what they said", async () => {
    const { token } = await invitedPanelist({
      questionnaire: "for-credit-micro-credentials-2024",
      profile: { country: "FR" },
    });
    expect(await loadRespondentPage(token, null, ["de", "fr", "en"])).toMatchObject({
      kind: "open",
      language: "fr",
      text: { welcome: "Bienvenue, {{name}}." },
    });
    expect(await loadRespondentPage(token, null, ["de"])).toMatchObject({ language: "en" });
    expect(await loadRespondentPage(token, "es", ["fr"])).toMatchObject({ language: "es" });
    // Asked for once on the page, remembered with the link: the browser no longer decides.
    expect(await loadRespondentPage(token, null, ["fr"])).toMatchObject({ language: "es" });
    const spanish = await invitedPanelist({
      questionnaire: "for-credit-micro-credentials-2024",
      profile: { language: "es", country: "MX" },
    });
    expect(await loadRespondentPage(spanish.token, null, ["fr", "en"])).toMatchObject({ language: "es" });

    const definition = JSON.parse(
      await readFile("survey-definitions/for-credit-micro-credentials-2024.json", "utf8"),
    ) as object;
    expect(reportLanguage(definition, null, ["pt", "fr"]).language).toBe("fr");
    expect(reportLanguage(definition, "es", ["fr"]).language).toBe("es");
    expect(reportLanguage(definition, null, ["pt"]).language).toBe("en");
  });
});
