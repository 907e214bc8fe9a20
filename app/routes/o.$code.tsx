import { orUnavailable } from "~/http/unavailable.server";
import { clientIp } from "~/http/load-context";
import { recordUnknownToken } from "~/http/rate-limit.server";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { browserKey } from "~/http/browser-key.server";
import { LinkErrorBoundary } from "~/components/GeneralErrorBoundary";
import { RespondentView } from "~/components/RespondentView";
import { surveyScript } from "~/http/survey-script.server";
import { loadOpenPage } from "~/flows/respond-open-link.server";
import { browserLanguages } from "~/lib/language";

/** Rendered without Remix's client runtime: the questionnaire runs from its own script (see root.tsx). */
export const handle = { standalone: true };

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const h = new Headers({ "Cache-Control": "no-store" });
  const cookie = loaderHeaders.get("Set-Cookie");
  if (cookie) h.set("Set-Cookie", cookie);
  return h;
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && "title" in data ? `${data.title} · Quorum` : "Quorum" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { key, setCookie } = await browserKey(request);
  const asked = new URL(request.url).searchParams.get("lang");
  const page = await orUnavailable(() =>
    loadOpenPage(
      params.code ?? "",
      key,
      asked && /^[a-z]{2}$/.test(asked) ? asked : null,
      browserLanguages(request.headers.get("accept-language")),
    ),
  );
  if (page.kind === "not-found") {
    await recordUnknownToken(clientIp(context));
    throw new Response("Not Found", { status: 404 });
  }
  return data(
    { ...page, surveyScript: surveyScript() },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

export default function OpenLinkPage() {
  return <RespondentView page={useLoaderData<typeof loader>()} />;
}

export { LinkErrorBoundary as ErrorBoundary };
