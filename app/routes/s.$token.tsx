import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LinkErrorBoundary } from "~/components/GeneralErrorBoundary";
import { RespondentView } from "~/components/RespondentView";
import { surveyScript } from "~/http/survey-script.server";
import { orUnavailable } from "~/http/unavailable.server";
import { clientIp } from "~/http/load-context";
import { loadRespondentPage } from "~/flows/respond.server";
import { recordUnknownToken } from "~/http/rate-limit.server";
import { browserLanguages } from "~/lib/language";

/** Rendered without Remix's client runtime: the questionnaire runs from its own script (see root.tsx). */
export const handle = { standalone: true };

export const headers: HeadersFunction = () => ({
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex",
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && "title" in data ? `${data.title} · Quorum` : "Quorum" },
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const asked = new URL(request.url).searchParams.get("lang");
  const page = await orUnavailable(() =>
    loadRespondentPage(
      params.token ?? "",
      asked && /^[a-z]{2}$/.test(asked) ? asked : null,
      browserLanguages(request.headers.get("accept-language")),
    ),
  );
  if (page.kind === "not-found") {
    await recordUnknownToken(clientIp(context));
    throw new Response("Not Found", { status: 404 });
  }
  return { ...page, surveyScript: surveyScript() };
}

export default function RespondentPage() {
  return <RespondentView page={useLoaderData<typeof loader>()} />;
}

export { LinkErrorBoundary as ErrorBoundary };
