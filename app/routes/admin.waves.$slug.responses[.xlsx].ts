import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadResponses } from "~/flows/export-responses.server";
import { downloadResponse } from "~/http/download.server";
import { requireWaveAdmin } from "~/http/session.server";

/** Response-level data: owners and editors of the wave's panel only (viewers see results through the disclosure engine). */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const { admin, wave } = await requireWaveAdmin(request, params.slug, "editor");
  const labels = new URL(request.url).searchParams.get("codes") !== "1";
  return downloadResponse(await downloadResponses(wave, { label: admin.email, adminId: admin.id }, "xlsx", labels));
}
