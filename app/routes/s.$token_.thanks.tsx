import type { MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";

// Referrer-Policy: no-referrer comes from the HTTP server for every /s/ address.
export const meta: MetaFunction = () => [{ title: "Thank you · Quorum" }, { name: "robots", content: "noindex" }];

export default function Thanks() {
  return (
    <main id="main" className="page narrow">
      <div className="notice">
        <h1>Thank you</h1>
        <p>Your answers are saved.</p>
        <p>We will send you the results once they are published. You can close this page.</p>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
