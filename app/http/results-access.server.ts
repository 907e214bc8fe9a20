import { getSession } from "~/http/session.server";
import { getAdmin } from "~/models/admin.server";
import { roleOnPanel } from "~/lib/web";
import { currentPublication } from "~/models/publication.server";
import type { Snapshot } from "~/results/snapshot";
import { panelistAnswers } from "~/models/response.server";
import { getWaveBySlug, type Wave } from "~/models/wave.server";

export type Reader =
  | { kind: "admin" }
  | { kind: "respondent"; answers: Record<string, unknown> }
  | { kind: "panelist" }
  | { kind: "anonymous" };

/**
 * Who is reading a wave's results: an admin, someone who answered it (signed in: the link in the
 * "results are out" email signs them in once), a panelist of its panel, or anyone else. A link
 * carries no answers: someone it was forwarded to sees only what everyone may.
 */
export async function resultsReader(request: Request, wave: Wave): Promise<Reader> {
  const session = await getSession(request);
  const adminId = session.get("adminId");
  const admin = adminId ? await getAdmin(adminId) : undefined;
  // An admin reads as an admin only the waves of their own panels; elsewhere they are anyone.
  if (admin && roleOnPanel(admin, wave.panelId)) return { kind: "admin" };
  const panelistId = session.get("panelistId");
  if (panelistId) {
    const row = await panelistAnswers(panelistId, wave.id);
    if (row?.data) return { kind: "respondent", answers: row.data };
    if (row && row.panelId === wave.panelId) return { kind: "panelist" };
  }
  return { kind: "anonymous" };
}

/** Whether a reader may see a wave's published results, by the wave's audience. */
export function mayRead(audience: Wave["audience"], reader: Reader): boolean {
  if (reader.kind === "admin" || audience === "public") return true;
  if (audience === "panel") return reader.kind === "panelist" || reader.kind === "respondent";
  return reader.kind === "respondent";
}

/**
 * The current publication of a wave that this request may read, with its reader: a 404 when it is
 * not published, a 403 (with a sentence saying how to get access) when the audience excludes them.
 */
export async function readablePublication(request: Request, slug: string | undefined) {
  const wave = slug ? await getWaveBySlug(slug) : undefined;
  const publication = wave ? await currentPublication<Snapshot>(wave.id) : undefined;
  if (!wave || !publication) throw new Response("These results are not published.", { status: 404 });
  const reader = await resultsReader(request, wave);
  if (!mayRead(wave.audience, reader)) throw new Response(noAccessSentence(wave.audience), { status: 403 });
  return { wave, publication, reader };
}

/** How to get access to results of an audience one is not in. */
function noAccessSentence(audience: Wave["audience"]): string {
  return audience === "panel"
    ? "These results are for members of the panel: sign in at /me with the email you joined with."
    : "These results are for the people who answered: open them from the link in your results email, or sign in at /me and come back.";
}
