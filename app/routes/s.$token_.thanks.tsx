import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { NextStep } from "~/components/RespondentView";
import { loadThanks } from "~/flows/respond.server";

// Referrer-Policy: no-referrer comes from the HTTP server for every /s/ address.
export const meta: MetaFunction = () => [{ title: "Thank you · Quorum" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  return { thanks: (await loadThanks(params.token ?? "")) ?? null };
}

export default function Thanks() {
  const { thanks } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="page narrow">
      <div className="notice">
        {thanks ? <p className="brand">{thanks.panelName}</p> : null}
        <h1>Thank you{thanks?.firstName ? `, ${thanks.firstName}` : ""}</h1>
        <p>{thanks ? `Your answers to ${thanks.title} are saved.` : "Your answers are saved."}</p>
        <NextStep panelName={thanks?.panelName ?? null} />
        <p className="hint">You can close this page.</p>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
