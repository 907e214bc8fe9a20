import type { LoaderFunctionArgs } from "@remix-run/node";
import { catalogue } from "~/i18n";
import { currentPanelist } from "~/http/me.server";
import { audit } from "~/models/audit.server";
import { personalData } from "~/models/personal-data.server";

/**
 * GET /me/data.json: everything Quorum holds about the signed-in person (right of access), as a JSON
 * attachment. Only with a full sign-in (a results-only link is refused), never cached; audited.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { panelist } = await currentPanelist(request);
  if (!panelist)
    return new Response("Sign in at /me with the link we email you, then download your data from there.", {
      status: 401,
      headers: { "Cache-Control": "no-store" },
    });
  const memberships = await personalData(panelist.id);
  await audit({ label: `panelist:${panelist.id}` }, "download-own-data", "panelist", panelist.id, {});
  const body = JSON.stringify(
    {
      about: catalogue(panelist.language ?? "en").me.dataAbout,
      exportedAt: new Date().toISOString(),
      memberships,
    },
    null,
    2,
  );
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="my-quorum-data.json"',
      "Cache-Control": "no-store",
    },
  });
}
