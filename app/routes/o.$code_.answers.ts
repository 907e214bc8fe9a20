import type { ActionFunctionArgs } from "@remix-run/node";
import { existingBrowserKey } from "~/browser-key.server";
import { readAnswersBody, submitReply } from "~/respondent-http.server";
import { submitOpenAnswers } from "~/models/open-link.server";

/** POST /o/:code (the server rewrites it here): a completed open-link response. */
export async function action({ request, params }: ActionFunctionArgs) {
  const body = await readAnswersBody(request);
  if (!body.ok) return body.response;
  return submitReply(await submitOpenAnswers(params.code ?? "", await existingBrowserKey(request), body.value));
}

export function loader() {
  return new Response("Not Found", { status: 404 });
}
