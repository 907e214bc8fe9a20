import { stringify } from "csv-stringify/sync";

/** RFC 4180 CSV with a UTF-8 byte-order mark (so Excel reads accents), formula-looking cells neutralised, the header's too (it can come from an upload). */
export function toCsv(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  const clean = rows.map((r) =>
    r.map((v) => (v === null || v === undefined ? "" : typeof v === "string" ? neutraliseCell(v) : String(v))),
  );
  return "\uFEFF" + stringify([header.map(neutraliseCell), ...clean], { record_delimiter: "\r\n" });
}

export function csvResponse(body: string, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}

/**
 * A cell made safe for spreadsheets: text starting with = + - @ (or their full-width forms), tab or CR cannot
 * run as a formula, nor can one behind leading spaces of any kind (a no-break space, zero-width ones), which
 * some spreadsheets skip before reading a formula (issue 23).
 */
export function neutraliseCell(value: string): string {
  return /^[\s\u200b-\u200d\u2060\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/u.test(value) ? `'${value}` : value;
}
