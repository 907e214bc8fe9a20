import type { ActionFunctionArgs } from "@remix-run/node";
import { submitAnswers } from "~/models/respondent.server";
import { readAnswersBody, submitReply } from "~/respondent-http.server";

/** POST /s/:token (the server rewrites it here): validate and store a respondent's answers. */
export async function action({ request, params }: ActionFunctionArgs) {
  const body = await readAnswersBody(request);
  if (!body.ok) return body.response;
  return submitReply(await submitAnswers(params.token ?? "", body.value));
}

export function loader() {
  return new Response("Not Found", { status: 404 });
}
