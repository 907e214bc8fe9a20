import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDefinition } from "~/lib/survey";
import { stoppedChoiceRequests } from "~/lib/survey/offline";
import { ensureInvitation } from "~/models/invitation.server";
import { ensurePanel } from "~/models/panel.server";
import { upsertPanelist } from "~/models/panelist.server";
import { getCurrentVersion, storeVersion } from "~/models/questionnaire.server";
import { createWave } from "~/models/wave.server";
import { sql } from "~/db.server";
import { action as submit } from "~/routes/s.$token_.answers";

// A list server the questionnaire names (allowed when the file was loaded): it counts every request it gets.
const hits: string[] = [];
const lists = http.createServer((req, res) => {
  hits.push(req.url ?? "");
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify(["Nairobi", "Mombasa", "Lagos"]));
});
let origin = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => lists.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(lists.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => lists.close(() => resolve())));

/** A questionnaire whose city list comes from the list server, by a path built from another answer. */
function questionnaire(slug: string, modelOnly: boolean) {
  return {
    title: slug,
    pages: [
      {
        elements: [
          { type: "dropdown", name: "country", isRequired: true, choices: ["KE", "NG", "../../admin"] },
          {
            type: "dropdown",
            name: "city",
            isRequired: true,
            choicesByUrl: { url: `${origin}/cities/{country}` },
          },
          { type: "dropdown", name: "capital", choicesByUrl: { url: `${origin}/capitals.json` } },
          // setValueIf is followed only by survey-core's Model: this version is checked on the Model path.
          ...(modelOnly
            ? [{ type: "text", name: "note", setValueIf: "{country} = 'NG'", setValueExpression: "'x'" }]
            : []),
        ],
      },
    ],
  };
}

async function wave(slug: string, modelOnly: boolean) {
  const text = JSON.stringify(questionnaire(slug, modelOnly));
  const check = checkDefinition(text, { choicesHosts: [origin] });
  if (!check.ok || !check.definition) throw new Error(check.errors.join("; "));
  expect(Boolean(check.slowBecause)).toBe(modelOnly);
  await storeVersion(`${slug}.json`, slug, slug, slug, check.definition, 3);
  const version = (await getCurrentVersion(slug))!;
  const panel = await ensurePanel({ slug: `p-${slug}`, name: "Lists" });
  const w = await createWave({
    slug: `w-${slug}`,
    title: slug,
    panelId: panel.id,
    questionnaireVersionId: version.id,
    opensAt: new Date(Date.now() - 60_000),
    closesAt: new Date(Date.now() + 86_400_000),
  });
  return async (i: number, data: Record<string, unknown>) => {
    const person = await upsertPanelist(panel.id, {
      email: `lists-${slug}-${i}@example.org`,
      name: "L Ist",
      country: "KE",
    });
    const { token } = await ensureInvitation(w.id, person.id);
    const res = (await submit({
      request: new Request(`http://localhost/s/${token}/answers`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Host: "localhost" },
        body: JSON.stringify({ data, complete: true }),
      }),
      params: { token },
      context: {},
    })) as Response;
    return res.status;
  };
}

describe("choicesByUrl on the server (issue 23, item 11)", () => {
  it("never makes a request to the list's host, on the Model path or the compiled one; answers are checked as text", async () => {
    for (const [slug, modelOnly] of [
      ["lists-model", true],
      ["lists-compiled", false],
    ] as const) {
      const answer = await wave(slug, modelOnly);
      expect(await answer(1, { country: "KE", city: "Nairobi" })).toBe(200);
      // A path segment the respondent controls: nothing is fetched, the value is stored as text.
      expect(await answer(2, { country: "../../admin", city: "Atlantis" })).toBe(200);
      expect(await answer(3, { country: "KE" })).toBe(422); // the city is still required
    }
    await new Promise((resolve) => setTimeout(resolve, 300)); // a request survey-core started would have arrived
    expect(hits).toEqual([]);
    expect(stoppedChoiceRequests.count).toBeGreaterThan(0); // survey-core did try, on the server
    const stored = await sql<
      { data: { city: string } }[]
    >`select data from responses where status = 'complete' order by completed_at`;
    expect(stored.map((r) => r.data.city).sort()).toEqual(["Atlantis", "Atlantis", "Nairobi", "Nairobi"]);
  });
});
