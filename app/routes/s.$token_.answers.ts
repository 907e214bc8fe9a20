import type { ActionFunctionArgs } from "@remix-run/node";
import { submitAnswers } from "~/flows/respond.server";
import { orUnavailable } from "~/http/unavailable.server";
import { clientIp } from "~/http/load-context";
import { recordUnknownToken, unknownTokenGuard } from "~/http/rate-limit.server";
import { readAnswersBody, submitReply } from "~/http/respondent.server";

/** POST /s/:token (the server rewrites it here): validate and store a respondent's answers. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const body = await readAnswersBody(request);
  if (!body.ok) return body.response;
  // An address that opened too many links matching nothing is refused, whatever this link is: the
  // count is read with the link, in the same statement (a link that matches nothing is counted below).
  const guard = unknownTokenGuard(clientIp(context), "json");
  const outcome = await orUnavailable(() => submitAnswers(params.token ?? "", body.value, undefined, guard), "json");
  if (outcome.kind === "not-found") await recordUnknownToken(clientIp(context), "json");
  return submitReply(outcome);
}

export function loader() {
  return new Response("Not Found", { status: 404 });
}
