import { describe, expect, it } from "vitest";
import { prefillFrom, profileFromAnswers, profileQuestions } from "~/lib/survey";

const definition = {
  pages: [
    {
      elements: [
        {
          type: "dropdown",
          name: "country",
          choices: [{ value: "US", text: "United States" }, { value: "MX", text: "Mexico" }, "KE"],
        },
        {
          type: "panel",
          name: "about",
          elements: [
            {
              type: "radiogroup",
              name: "orgKind",
              profile: "organisationType",
              choices: ["public-university", "industry"],
            },
          ],
        },
        { type: "text", name: "organisation" },
        // Named like a profile field but loaded from elsewhere: its values cannot be checked, so it is left alone.
        { type: "dropdown", name: "roleCategory", choicesByUrl: { url: "https://lists.example.org/roles" } },
      ],
    },
    { elements: [{ type: "paneldynamic", name: "sites", templateElements: [{ type: "text", name: "jobTitle" }] }] },
  ],
};

describe("profile questions", () => {
  it("are found by name or by a profile property, on pages and in panels, not in dynamic panels", () => {
    expect(profileQuestions(definition).map((q) => [q.field, q.key])).toEqual([
      ["country", "country"],
      ["organisationType", "orgKind"],
      ["organisation", "organisation"],
    ]);
  });

  it("start at the profile's values, only where the question offers them", () => {
    expect(
      prefillFrom(definition, {
        country: "MX",
        organisationType: "government",
        organisation: "UNAM",
        roleCategory: "president",
      }),
    ).toEqual({ country: "MX", organisation: "UNAM" });
    expect(prefillFrom(definition, { country: null })).toEqual({});
  });

  it("count a response under what the respondent answered, when Quorum knows the value", () => {
    expect(profileFromAnswers(definition, { country: "KE", orgKind: "industry", organisation: "  Acme  " })).toEqual({
      country: "KE",
      region: "Sub-Saharan Africa",
      organisationType: "industry",
      organisation: "Acme",
    });
    // A value Quorum has no region or category for leaves the panel's record in charge.
    expect(
      profileFromAnswers(
        {
          elements: [
            { type: "text", name: "country" },
            { type: "radiogroup", name: "organisationType", choices: ["university"] },
          ],
        },
        { country: "Narnia", organisationType: "university" },
      ),
    ).toEqual({});
  });
});
