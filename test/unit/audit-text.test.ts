import { describe, expect, it } from "vitest";
import { describeAudit, plural } from "~/lib/format";

describe("the audit log in words", () => {
  it("says what happened to which wave, panel or person, with plurals right", () => {
    const line = (
      action: string,
      entity: string,
      changes: Record<string, unknown>,
      subject: string | null = "Micro-credentials 2026",
    ) => describeAudit({ action, entity, entityId: "3", subject, changes });
    expect(line("send", "wave", { invitations: 60 })).toBe("emailed 60 invitations for “Micro-credentials 2026”");
    expect(line("send", "wave", { invitations: 1 })).toBe("emailed 1 invitation for “Micro-credentials 2026”");
    expect(line("remind", "wave", { reminders: 1 })).toBe("emailed 1 reminder for “Micro-credentials 2026”");
    expect(line("publish", "wave", { publication: 4, respondents: 1058 })).toBe(
      "published the results of “Micro-credentials 2026” (1,058 respondents)",
    );
    expect(line("upsert", "panelists", { received: 120, created: 1, updated: 119 }, null)).toBe(
      "imported 120 rows: 1 new panelist, 119 updates",
    );
    expect(line("update", "panelist", { changed: ["country", "role"] }, "Ana Souza")).toBe(
      "changed country, role of “Ana Souza”",
    );
    expect(line("invite", "wave", { created: 1, matched: 1, named: null })).toBe(
      "invited 1 new person to “Micro-credentials 2026”",
    );
    expect(line("approve", "quote", { question: "comment" }, null)).toBe("approved a quote for publication");
    expect(line("approve", "quote", { question: "whyNot", tellsReaders: "answered “No” to “Offer?”" }, null)).toBe(
      "approved a quote for publication, confirming that it tells readers that its author answered “No” to “Offer?”",
    );
    // A wave or person that no longer exists is still described, without an id.
    expect(line("close", "wave", {}, null)).toBe("closed a wave");
    expect(line("something-new", "thing", {}, null)).toBe("something new thing");
  });

  it("counts in words", () => {
    expect(plural(1, "organisation")).toBe("1 organisation");
    expect(plural(60, "organisation")).toBe("60 organisations");
    expect(plural(1058, "person", "people")).toBe("1,058 people");
    expect(plural(0, "email")).toBe("0 emails");
  });
});
