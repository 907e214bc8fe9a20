import ExcelJS from "exceljs";
import { sql } from "~/db.server";
import { neutraliseCell } from "~/lib/format";
import { exportTable, type ExportRow } from "./export-table";
import { questionSpecs } from "./questions";

/** The wave an export reads. */
interface ExportedWave {
  id: number;
  questionnaireVersionId: number;
}

/** Every completed response of a wave as a table (one questionnaire version). */
export async function responseTable(wave: ExportedWave, labels: boolean) {
  const [v] = await sql<
    { definition: object }[]
  >`select definition from questionnaire_versions where id = ${wave.questionnaireVersionId}`;
  const rows = await sql<ExportRow[]>`
    select id, completed_at, source, country, region, organisation_type, role_category, data from responses
    where wave_id = ${wave.id} and questionnaire_version_id = ${wave.questionnaireVersionId} and status = 'complete'
    order by completed_at`;
  return exportTable(questionSpecs(v?.definition ?? {}), rows, { labels });
}

/** The table as an XLSX workbook; text cells that look like formulas are neutralised. */
export async function xlsx(
  table: { header: string[]; cells: (string | number | null)[][] },
  sheetName: string,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(table.header);
  sheet.getRow(1).font = { bold: true };
  for (const row of table.cells) sheet.addRow(row.map((c) => (typeof c === "string" ? neutraliseCell(c) : c)));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Every completed response of a wave as records (the JSON export). */
export async function responseRecords(wave: ExportedWave) {
  return sql`
    select id, completed_at, source, country, region, organisation_type, role_category, data from responses
    where wave_id = ${wave.id} and questionnaire_version_id = ${wave.questionnaireVersionId} and status = 'complete'
    order by completed_at`;
}
