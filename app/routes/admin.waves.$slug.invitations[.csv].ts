import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, toCsv } from "~/lib/format";
import { invitationStatusRows } from "~/models/fieldwork.server";
import { requireWaveAdmin } from "~/http/session.server";
import { fieldworkWeek } from "~/results/anonymous-export";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { wave } = await requireWaveAdmin(request, params.slug);
  const rows = await invitationStatusRows(wave);
  const iso = (d: Date | null) => (d ? d.toISOString() : "");
  // On an anonymous wave nobody's completion is given finer than the week of fieldwork (issue 21).
  const completed = (d: Date | null) => (!d ? "" : wave.identified ? iso(d) : fieldworkWeek(d, wave.opensAt));
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
        wave.identified ? "completed_at" : "completed_week",
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
        completed(r.completedAt),
      ]),
    ),
    `${wave.slug}-invitations.csv`,
  );
}
