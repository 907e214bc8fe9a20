import type { ActionFunctionArgs } from "@remix-run/node";
import { submitAnswers } from "~/flows/respond.server";
import { orUnavailable } from "~/http/unavailable.server";
import { clientIp } from "~/http/load-context";
import { recordUnknownToken } from "~/http/rate-limit.server";
import { readAnswersBody, submitReply } from "~/http/respondent.server";

/** POST /s/:token (the server rewrites it here): validate and store a respondent's answers. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const body = await readAnswersBody(request);
  if (!body.ok) return body.response;
  // A link that exists is always served; one that matches nothing is counted (429 past the address's allowance).
  const outcome = await orUnavailable(() => submitAnswers(params.token ?? "", body.value), "json");
  if (outcome.kind === "not-found") await recordUnknownToken(clientIp(context), "json");
  return submitReply(outcome);
}

export function loader() {
  return new Response("Not Found", { status: 404 });
}
