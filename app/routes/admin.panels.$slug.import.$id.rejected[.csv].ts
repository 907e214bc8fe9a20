import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, toCsv } from "~/lib/format";
import { importHeaders } from "~/flows/import-panelists.server";
import { getImport } from "~/models/panelist-import.server";
import { requirePanelAdmin } from "~/http/session.server";
import { recordId } from "~/http/ids";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { panel } = await requirePanelAdmin(request, params.slug, "editor");
  const id = recordId(params.id);
  const imp = id === undefined ? undefined : await getImport(panel.id, id);
  if (!imp?.finishedAt) throw new Response("There is no finished import here.", { status: 404 });
  const headers = importHeaders(imp);
  const rows = (imp.rejected ?? []).map((r) => [r.line, r.reasons.join(" "), ...r.cells]);
  return csvResponse(toCsv(["line", "reason", ...headers], rows), `rejected-${imp.fileName}`);
}
