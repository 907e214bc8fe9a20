import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { getWave } from "~/models/wave.server";
import { submitAnswers } from "~/flows/respond.server";
import { responseTable, xlsx } from "~/results/export.server";
import { answers2021, invitedPanelist } from "../helpers/fixtures";

describe("response exports", () => {
  it("give one row per response and a column per question, option or row, with labels or codes, neutralising formulas", async () => {
    // Today's columns, as an identified wave keeps them (an anonymous wave's are in anonymous-exports.test).
    const { token, wave: w } = await invitedPanelist({ identified: true });
    await submitAnswers(token, {
      data: { ...answers2021, comment: '=HYPERLINK("http://evil")', "applications-Comment": "+cmd" },
      complete: true,
    });
    const wave = (await getWave(w.id))!;
    const table = async (labels: boolean) => {
      const got = await responseTable(wave, labels);
      if (!got.ok) throw new Error(got.message);
      return got.value;
    };
    const labels = await table(true);
    const codes = await table(false);
    expect(labels.cells).toHaveLength(1);
    const col = (t: typeof labels, name: string) => t.cells[0]?.[t.header.indexOf(name)];
    expect(col(labels, "region")).toBe("Latin America & Caribbean");
    expect(col(labels, "currentState")).toBe("Piloting a small number");
    expect(col(codes, "currentState")).toBe("piloting");
    expect(col(codes, "barriers.trust")).toBe(1);
    expect(col(codes, "barriers.standards")).toBe(0);
    expect(col(codes, "priorities.workforce-gap")).toBe(1);
    expect(col(codes, "applications.other_text")).toBe("+cmd");

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx(labels, "wave")) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const cell = (name: string) => sheet.getRow(2).getCell(header.indexOf(name) + 1).value;
    expect(cell("comment")).toBe('\'=HYPERLINK("http://evil")');
    expect(cell("applications.other_text")).toBe("'+cmd");
  });
});
