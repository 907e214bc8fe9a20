import { getPanelistById } from "~/models/panelist.server";
import { getSession } from "./session.server";

/** The signed-in panelist who may manage their profile (a results-only sign-in may not). */
export async function currentPanelist(request: Request) {
  const session = await getSession(request);
  const id = session.get("panelistId");
  const full = session.get("scope") !== "results";
  const panelist = id && full ? await getPanelistById(id) : undefined;
  return {
    session,
    panelist: panelist && panelist.status !== "erased" ? panelist : undefined,
    resultsOnly: Boolean(id) && !full,
  };
}
