import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, toCsv } from "~/lib/format";
import { invitationStatusRows } from "~/models/fieldwork.server";
import { requireWaveAdmin } from "~/http/session.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { wave } = await requireWaveAdmin(request, params.slug);
  const rows = await invitationStatusRows(wave);
  const iso = (d: Date | null) => (d ? d.toISOString() : "");
  return csvResponse(
    toCsv(
      [
        "email",
        "name",
        "organisation",
        "country",
        "region",
        "panelist_status",
        "state",
        "emailed_at",
        "opened_at",
        "reminders",
        "completed_at",
      ],
      rows.map((r) => [
        r.email,
        r.name,
        r.organisation,
        r.country,
        r.region,
        r.panelistStatus,
        r.state,
        iso(r.sentAt),
        iso(r.openedAt),
        r.reminders,
        iso(r.completedAt),
      ]),
    ),
    `${wave.slug}-invitations.csv`,
  );
}
