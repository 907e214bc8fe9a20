import { isRouteErrorResponse, useRouteError } from "@remix-run/react";

type StatusHandler = (info: { status: number; data: unknown }) => React.ReactNode;

const defaults: Record<number, StatusHandler> = {
  429: ({ data }) => (
    <>
      <h1>Please wait a moment</h1>
      <p>{typeof data === "string" && data ? data : "Too many attempts: please try again in a few minutes."}</p>
    </>
  ),
  404: () => (
    <>
      <h1>We could not find that page</h1>
      <p>
        The address may be mistyped, or the link may have been replaced by a newer one. Check the link in your email, or
        ask the panel team for a new one.
      </p>
    </>
  ),
};

/** The one error display every route hands off to: a sentence for people, never a stack trace. */
export function GeneralErrorBoundary({ statusHandlers = {} }: { statusHandlers?: Record<number, StatusHandler> }) {
  const error = useRouteError();
  if (typeof document !== "undefined") console.error(error);
  if (isRouteErrorResponse(error)) {
    const handler = statusHandlers[error.status] ?? defaults[error.status];
    if (handler) return <div className="notice">{handler({ status: error.status, data: error.data })}</div>;
    return (
      <div className="notice">
        <h1>{error.status === 503 ? "Quorum is briefly unavailable" : "Something went wrong"}</h1>
        <p>{typeof error.data === "string" && error.data ? error.data : "Please try again in a moment."}</p>
      </div>
    );
  }
  return (
    <div className="notice">
      <h1>Something went wrong</h1>
      <p>
        Your answers so far are safe. Please reload the page in a moment; if it keeps happening, tell the panel team.
      </p>
    </div>
  );
}

/** The error boundary of a stand-alone page: the shared display inside the page frame. */
export function PageErrorBoundary() {
  return (
    <main id="main" className="page narrow">
      <GeneralErrorBoundary />
    </main>
  );
}

/** The error boundary of a respondent link (/s/, /o/): a friendly page for a link that does not work. */
export function LinkErrorBoundary() {
  return (
    <main id="main" className="page narrow">
      <GeneralErrorBoundary
        statusHandlers={{
          404: () => (
            <>
              <h1>This link is not valid</h1>
              <p>
                It may be mistyped or incomplete. Open the link from your invitation email again, or reply to that email
                to ask for a new one.
              </p>
            </>
          ),
        }}
      />
    </main>
  );
}
