import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { describeSegment, segmentSchema } from "~/lib/panel";
import { DEFAULT_INVITATION_BODY, renderWaveEmail, unknownMergeFields } from "~/lib/email";
import { longDate } from "~/lib/format";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { countSegment } from "~/models/segment.server";
import { waveInputFromForm } from "~/flows/launch-wave.server";
import { assertPanelSlugRole, requireAdmin } from "~/http/session.server";

/** Live figures for the launch form: who the segment reaches, and the invitation for a sample panelist. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, "editor");
  const input = waveInputFromForm(new URL(request.url).searchParams);
  const segment = segmentSchema.safeParse(input.segment);
  const panel = await assertPanelSlugRole(admin, input.panel, "editor");
  const reach = panel && segment.success ? await countSegment(panel.id, segment.data) : null;
  const title =
    input.title ?? (input.questionnaire ? (await getCurrentVersion(input.questionnaire))?.title : undefined);
  const base = getEnv().publicUrl;
  const body = input.invitationBody ?? DEFAULT_INVITATION_BODY;
  const subject = input.invitationSubject ?? "Your invitation: {{surveyTitle}}";
  const email = renderWaveEmail(subject, body, {
    firstName: "Ana",
    surveyTitle: title ?? "the questionnaire",
    link: `${base}/s/EXAMPLE-PERSONAL-LINK`,
    closeDate: input.closesAt && input.closesAt !== "invalid" ? longDate(input.closesAt) : "the closing date",
    unsubscribeLink: `${base}/u/EXAMPLE`,
  });
  return Response.json(
    {
      reach,
      segment: segment.success ? describeSegment(segment.data) : segment.error.issues.map((i) => i.message).join(" "),
      unknownFields: unknownMergeFields(`${subject} ${body}`),
      email,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
