import { describe, expect, it } from "vitest";
import { publish } from "~/flows/publish.server";
import { getWave } from "~/models/wave.server";
import { submitAnswers } from "~/flows/respond.server";
import { commitSession, getSession } from "~/http/session.server";
import { loader as adminPanelists } from "~/routes/admin.panels.$slug.panelists._index";
import { loader as adminResponses } from "~/routes/admin.waves.$slug.responses[.json]";
import { loader as apiResults } from "~/routes/api.v1.waves.$slug.results";
import { loader as resultsPage } from "~/routes/results.$waveSlug";
import { loader as surveyPage } from "~/routes/s.$token";
import { answers2021, invitedPanelist } from "../helpers/fixtures";
import { outcomeOf } from "../helpers/admin";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (args: any) => Promise<unknown>;
const get = (fn: Handler, url: string, params: Record<string, string>, headers: Record<string, string> = {}) =>
  outcomeOf(
    fn({
      request: new Request(`http://localhost${url}`, { headers: { Host: "localhost", ...headers } }),
      params,
      context: {},
    }),
  );

async function panelistCookie(panelistId: number): Promise<string> {
  const session = await getSession(new Request("http://localhost/me"));
  session.set("panelistId", panelistId);
  return (await commitSession(session)).split(";")[0] as string;
}

describe("what a respondent's token and a panelist's session open, and what they do not", () => {
  it("a respondent of wave X sees X's results signed in, nothing of wave Y, and a survey token opens no results at all", async () => {
    const x = await invitedPanelist();
    const y = await invitedPanelist();
    expect((await submitAnswers(x.token, { data: answers2021, complete: true })).kind).toBe("saved");
    expect(
      (await submitAnswers(y.token, { data: { ...answers2021, comment: "Y's own words" }, complete: true })).kind,
    ).toBe("saved");
    await publish((await getWave(x.wave.id))!, { label: "test" });
    await publish((await getWave(y.wave.id))!, { label: "test" });

    // Results are for each wave's own respondents, signed in: X opens X, not Y.
    const xSession = { Cookie: await panelistCookie(x.panelist.id) };
    const own = await get(resultsPage, `/results/${x.wave.slug}`, { waveSlug: x.wave.slug }, xSession);
    expect(own.status).toBe(200);
    const other = await get(resultsPage, `/results/${y.wave.slug}`, { waveSlug: y.wave.slug }, xSession);
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).not.toContain("Y's own words");
    // A survey link's token, forwarded or not, opens no results: only a sign-in does.
    expect((await get(resultsPage, `/results/${x.wave.slug}?t=${x.token}`, { waveSlug: x.wave.slug })).status).toBe(
      403,
    );

    // X's token is not an API key and opens no admin page or export.
    const bearer = { Authorization: `Bearer ${x.token}` };
    expect((await get(apiResults, `/api/v1/waves/${y.wave.slug}/results`, { slug: y.wave.slug }, bearer)).status).toBe(
      401,
    );
    expect(
      (await get(adminResponses, `/admin/waves/${x.wave.slug}/responses.json`, { slug: x.wave.slug }, bearer)).status,
    ).toBe(302);

    // A used link says so and shows no answers back.
    const again = await get(surveyPage, `/s/${y.token}`, { token: y.token });
    expect(again.body).toMatchObject({ kind: "answered" });
    expect(JSON.stringify(again.body)).not.toContain("Y's own words");
  });

  it("answers in progress come back only on their own link", async () => {
    const a = await invitedPanelist();
    const b = await invitedPanelist();
    expect((await submitAnswers(a.token, { data: { comment: "A's draft" }, complete: false })).kind).toBe("saved");
    const pageA = await get(surveyPage, `/s/${a.token}`, { token: a.token });
    const pageB = await get(surveyPage, `/s/${b.token}`, { token: b.token });
    expect(pageA.body).toMatchObject({ resume: { data: { comment: "A's draft" } } });
    expect(pageB.body).toMatchObject({ resume: null });
  });

  it("a panelist signed in at /me is nobody in the admin or the API", async () => {
    const { panel, panelist } = await invitedPanelist();
    const cookie = { Cookie: await panelistCookie(panelist.id) };
    const page = await get(adminPanelists, `/admin/panels/${panel.slug}/panelists`, { slug: panel.slug }, cookie);
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toMatch(/^\/admin\/login/);
    expect((await get(apiResults, "/api/v1/waves/x/results", { slug: "x" }, cookie)).status).toBe(401);
  });
});
