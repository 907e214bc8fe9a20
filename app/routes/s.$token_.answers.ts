import type { ActionFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/http/load-context";
import { personalLinkAction } from "~/http/respondent.server";

/**
 * POST /s/:token (the server rewrites it here): validate and store a respondent's answers. The server
 * answers completions without this action (answerPersonalLink, the same checks and replies from the
 * bytes it read); other callers and larger or chunked bodies come here.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return personalLinkAction(request, params.token ?? "", () => clientIp(context));
}

export function loader() {
  return new Response("Not Found", { status: 404 });
}
