import { describe, expect, it } from "vitest";
import { neutraliseCell, toCsv } from "~/lib/format";
import { guessMapping, importButtonLabel, parseCsv, validateRows } from "~/lib/panel";

describe("CSV rules", () => {
  it("matches columns from common header names", () => {
    const m = guessMapping([
      "E-mail",
      "Full name",
      "Institution",
      "Organization type",
      "Country",
      "Title",
      "Role",
      "Notes",
    ]);
    expect(m).toMatchObject({
      email: 0,
      name: 1,
      organisation: 2,
      organisationType: 3,
      country: 4,
      jobTitle: 5,
      roleCategory: 6,
    });
  });

  it("reads BOM, semicolons, quoted commas and line breaks, keeping line numbers", () => {
    const csv = parseCsv('\uFEFFemail;name;country\r\na@x.org;"Rojas; Ana";CL\r\nb@x.org;"Two\nLines";US\r\n');
    expect(csv.headers).toEqual(["email", "name", "country"]);
    expect(csv.rows.map((r) => r.cells[1])).toEqual(["Rojas; Ana", "Two\nLines"]);
    expect(csv.rows[0]?.line).toBe(2);
  });

  it("rejects an invalid email, an unknown country, a missing field and a duplicate, with line and reason", () => {
    const csv = parseCsv(
      "email,name,country\nok@x.org,Ok,CL\nbad,Bad,CL\nfar@x.org,Far,Atlantis\nnoname@x.org,,US\nOK@x.org,Again,US\n",
    );
    const { profiles, rejected } = validateRows(csv, guessMapping(csv.headers));
    expect(profiles.map((p) => p.email)).toEqual(["ok@x.org"]);
    expect(rejected.map((r) => [r.line, r.reasons])).toEqual([
      [3, ["Email is not a valid address."]],
      [4, ['Country "Atlantis" is unknown: use an ISO code such as CL or an English name such as Chile.']],
      [5, ["Name is required."]],
      [6, ["Email OK@x.org appears earlier in the file (line 2)."]],
    ]);
  });

  it("writes RFC 4180 CSV with a BOM and neutralised formulas", () => {
    const out = toCsv(
      ["a", "b"],
      [
        ['say "hi", then', '=HYPERLINK("x")'],
        ["+1", "@cmd"],
      ],
    );
    expect(out.startsWith("\uFEFFa,b\r\n")).toBe(true);
    expect(out).toContain('"say ""hi"", then"');
    expect(out).toContain("'=HYPERLINK");
    expect(out).toContain("'+1,'@cmd");
    expect(neutraliseCell("-2")).toBe("'-2");
    // A header can come from an uploaded file (the rejected rows of an import keep it).
    expect(toCsv(['=HYPERLINK("http://evil.example","x")', "email"], [])).toContain(
      `"'=HYPERLINK(""http://evil.example"",""x"")",email`,
    );
    expect(neutraliseCell("plain")).toBe("plain");
  });

  it("neutralises a formula behind leading spaces of every kind, and full-width formula signs (issue 23)", () => {
    const spaces = [" ", "\u00a0", "\u2007", "\u202f", "\u3000", "\u200b", "\u2060", "\ufeff", "\t", "\n", "  \u00a0"];
    const signs = ["=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20"];
    let tried = 0;
    for (const space of spaces)
      for (const sign of signs) {
        const cell = `${space}${sign}HYPERLINK("http://evil.example")`;
        expect(neutraliseCell(cell)).toBe(`'${cell}`);
        tried += 1;
      }
    expect(tried).toBe(88);
    expect(neutraliseCell("\u00a0plain")).toBe("\u00a0plain");
    expect(neutraliseCell("a=b")).toBe("a=b");
  });
});

describe("the import button", () => {
  it("says how many rows will be stored when the preview saw them all, and never promises a rejected row", () => {
    expect(importButtonLabel(4, 4, 0)).toBe("Import 4 rows");
    expect(importButtonLabel(4, 4, 1)).toBe("Import 3 of 4 rows (1 rejected with this mapping)");
    expect(importButtonLabel(1, 1, 0)).toBe("Import 1 row");
    expect(importButtonLabel(50_000, 5, 2)).toBe(
      "Check and import 50,000 rows; at least 2 will be rejected with this mapping",
    );
    expect(importButtonLabel(50_000, 5, 0)).toBe("Check and import 50,000 rows");
  });
});
