import type { Download } from "~/flows/export-responses.server";

/** A download as an attachment, never cached; or, when there is none yet, the sentence that says why (409). */
export function downloadResponse(download: Download): Response {
  if (!download.ok) return new Response(download.message, { status: 409, headers: { "Cache-Control": "no-store" } });
  return new Response(download.body, {
    headers: {
      "Content-Type": download.contentType,
      "Content-Disposition": `attachment; filename="${download.fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}
