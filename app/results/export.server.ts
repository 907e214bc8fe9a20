import ExcelJS from "exceljs";
import { sql } from "~/db.server";
import { neutraliseCell } from "~/lib/format";
import { profileQuestions } from "~/lib/survey";
import { anonymise, omittedQuestions, type Generalisation, type ProfileKeys } from "./anonymous-export";
import { exportTable, type ExportRow } from "./export-table";
import { questionSpecs, type QuestionSpec } from "./questions";

/** The wave an export reads. */
interface ExportedWave {
  id: number;
  questionnaireVersionId: number;
  identified: boolean;
  minGroupSize: number;
  opensAt: Date;
}

type Cell = string | number | null;

/** A wave's responses as a download gives them, or why it cannot yet (an anonymous wave with fewer than k). */
export type ResponseExport<T> =
  | { ok: true; value: T; rows: number; generalisation: Generalisation | null }
  | { ok: false; message: string; completed: number };

async function completedRows(wave: ExportedWave) {
  return sql<ExportRow[]>`
    select id, completed_at, source, country, region, organisation_type, role_category, data from responses
    where wave_id = ${wave.id} and questionnaire_version_id = ${wave.questionnaireVersionId} and status = 'complete'
    order by completed_at`;
}

async function definitionOf(wave: ExportedWave): Promise<Record<string, unknown>> {
  const [v] = await sql<
    { definition: Record<string, unknown> }[]
  >`select definition from questionnaire_versions where id = ${wave.questionnaireVersionId}`;
  return v?.definition ?? {};
}

/**
 * Every completed response of a wave, with the questions it answered: as stored on an identified
 * wave; generalised, shuffled and with fresh ids on an anonymous one (see anonymous-export).
 */
async function exportedResponses(
  wave: ExportedWave,
): Promise<ResponseExport<{ rows: ExportRow[]; specs: QuestionSpec[] }>> {
  const [definition, rows] = await Promise.all([definitionOf(wave), completedRows(wave)]);
  const specs = questionSpecs(definition);
  if (wave.identified) return { ok: true, value: { rows, specs }, rows: rows.length, generalisation: null };
  const found = profileQuestions(definition);
  const key = (field: string) => found.find((q) => q.field === field)?.key;
  const keys: ProfileKeys = {
    country: key("country"),
    organisationType: key("organisationType"),
    roleCategory: key("roleCategory"),
    others: found.filter((q) => q.field === "organisation" || q.field === "jobTitle").map((q) => q.key),
  };
  const omitted = omittedQuestions(specs, keys);
  const done = await anonymise(rows, { k: wave.minGroupSize, opensAt: wave.opensAt, keys, omitted });
  if (!done)
    return {
      ok: false,
      completed: rows.length,
      message: `This wave is anonymous to the team: its responses can be downloaded once at least ${wave.minGroupSize} people (the wave's k) have answered; ${rows.length} ${rows.length === 1 ? "has" : "have"} so far.`,
    };
  const left = new Set(done.generalisation.omittedQuestions);
  return {
    ok: true,
    value: { rows: done.rows, specs: specs.filter((s) => !left.has(s.name)) },
    rows: done.rows.length,
    generalisation: done.generalisation,
  };
}

/** Every completed response of a wave as a table (one questionnaire version). */
export async function responseTable(
  wave: ExportedWave,
  labels: boolean,
): Promise<ResponseExport<{ header: string[]; cells: Cell[][] }>> {
  const got = await exportedResponses(wave);
  if (!got.ok) return got;
  return {
    ...got,
    value: exportTable(got.value.specs, got.value.rows, { labels, anonymous: !wave.identified }),
  };
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
export async function responseRecords(wave: ExportedWave): Promise<ResponseExport<Record<string, unknown>[]>> {
  const got = await exportedResponses(wave);
  if (!got.ok) return got;
  const records = got.value.rows.map((r) =>
    wave.identified
      ? {
          id: r.id,
          completedAt: r.completedAt,
          source: r.source,
          country: r.country,
          region: r.region,
          organisationType: r.organisationType,
          roleCategory: r.roleCategory,
          data: r.data,
        }
      : {
          rowId: r.id,
          completedWeek: r.week ?? null,
          source: r.source || null,
          country: r.country,
          region: r.region,
          organisationType: r.organisationType,
          roleCategory: r.roleCategory,
          data: r.data,
        },
  );
  return { ...got, value: records };
}
