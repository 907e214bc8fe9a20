import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { invite, sendInvitations } from "~/flows/fieldwork.server";
import { invitationUrl } from "~/flows/personal-links.server";
import { apiJson, readJsonBody, requireApiWave } from "~/http/api.server";

const schema = z.object({
  emails: z.array(z.string().trim().email("each entry must be an email address")).max(50_000).optional(),
  send: z.boolean().default(true),
  links: z.boolean().default(false),
});

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiJson({ error: "Use POST." }, 405);
  const { actor, wave } = await requireApiWave(request, params.slug, "editor");
  const parsed = schema.safeParse(await readJsonBody(request));
  if (!parsed.success)
    return apiJson(
      {
        error: 'Send {"emails"?: [...], "send": true|false, "links": true|false}.',
        fields: parsed.error.flatten().fieldErrors,
      },
      400,
    );
  const result = await invite(wave, actor, parsed.data.emails);
  const sent = parsed.data.send ? await sendInvitations(wave, actor) : { queued: 0 };
  return apiJson({
    invited: result.created,
    alreadyInvited: result.alreadyInvited,
    notEligible: result.notEligible,
    // People the panel's contact rule says must rest: not invited, each with why.
    resting: result.resting,
    emailsQueued: sent.queued,
    ...(parsed.data.links
      ? { links: result.invitees.map((p) => ({ email: p.email, url: invitationUrl(wave.id, p.id) })) }
      : {}),
  });
}
