import { toCsv } from "~/lib/format";
import { audit, type Actor } from "~/models/audit.server";
import type { Wave } from "~/models/wave.server";
import { responseRecords, responseTable, xlsx, type ResponseExport } from "~/results/export.server";

export type ResponseFormat = "csv" | "xlsx" | "json";

const TYPES: Record<ResponseFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
};

/** A file to send, or why there is none yet. */
export type Download =
  | { ok: true; body: string | Uint8Array<ArrayBuffer>; contentType: string; fileName: string }
  | { ok: false; message: string };

/**
 * A download of a wave's responses (owners and editors only: the route checks the role). An
 * anonymous wave's is anonymised (see results/anonymous-export); every download is audited, with
 * how far it was generalised. An anonymous wave with fewer than k responses has none yet.
 */
export async function downloadResponses(
  wave: Wave,
  actor: Actor,
  format: ResponseFormat,
  labels = true,
): Promise<Download> {
  const got: ResponseExport<unknown> =
    format === "json" ? await responseRecords(wave) : await responseTable(wave, labels);
  if (!got.ok) return got;
  await audit(actor, "download-responses", "wave", wave.id, {
    format,
    rows: got.rows,
    anonymised: got.generalisation ?? false,
  });
  const file = { ok: true as const, contentType: TYPES[format], fileName: `${wave.slug}-responses.${format}` };
  if (format === "json") {
    const body = {
      wave: wave.slug,
      identified: wave.identified,
      ...(got.generalisation ? { anonymised: got.generalisation } : {}),
      responses: got.value,
    };
    return { ...file, body: JSON.stringify(body) };
  }
  const table = got.value as { header: string[]; cells: (string | number | null)[][] };
  return {
    ...file,
    body: format === "csv" ? toCsv(table.header, table.cells) : new Uint8Array(await xlsx(table, wave.slug)),
  };
}
