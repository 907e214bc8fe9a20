import type { ActionFunctionArgs } from "@remix-run/node";
import { existingBrowserKey } from "~/http/browser-key.server";
import { orUnavailable } from "~/http/unavailable.server";
import { clientIp } from "~/http/load-context";
import { consume, recordUnknownToken, tooMany } from "~/http/rate-limit.server";
import { readAnswersBody, submitReply } from "~/http/respondent.server";
import { submitOpenAnswers } from "~/flows/respond-open-link.server";

/** POST /o/:code (the server rewrites it here): a completed open-link response. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const body = await readAnswersBody(request);
  if (!body.ok) return body.response;
  // Each answer counts, accepted or not: answers that cannot be checked must not pile up from one place.
  const limited = await consume("openLink", clientIp(context));
  if (limited) return tooMany(limited, "json");
  const key = await existingBrowserKey(request);
  const outcome = await orUnavailable(() => submitOpenAnswers(params.code ?? "", key, body.value), "json");
  if (outcome.kind === "not-found") await recordUnknownToken(clientIp(context), "json");
  return submitReply(outcome);
}

export function loader() {
  return new Response("Not Found", { status: 404 });
}
