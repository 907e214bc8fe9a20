import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { scriptJson, type SurveyBoot } from "~/lib/survey-boot";
import { longDate } from "~/lib/dates";
import { useNonce } from "~/lib/nonce";
import type { RespondentPage } from "~/flows/respond.server";

const SurveyRunner = lazy(() => import("~/components/SurveyRunner.client"));

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function Loading() {
  return (
    <p className="loading" role="status">
      Loading the questionnaire…
    </p>
  );
}

/** After answering: when the results come, and where a panel member finds them (and their own answers). */
export function NextStep({ panelName }: { panelName: string | null }) {
  return panelName ? (
    <p>
      The {panelName} team will email you the results once they are published. They will also be on{" "}
      <a href="/me">your panel page</a>, with your own answers beside them.
    </p>
  ) : (
    <p>
      The results will be at <a href="/results">published results</a> once they are out.
    </p>
  );
}

/** What a respondent sees at a personal or open link: the questionnaire, or why not. */
export function RespondentView({ page }: { page: Exclude<RespondentPage, { kind: "not-found" }> & { surveyScript?: string | null } }) {
  const hydrated = useHydrated();
  const nonce = useNonce();
  const email = useRef<HTMLInputElement>(null);
  const extra = useCallback(() => (email.current ? { email: email.current.value } : {}), []);
  // Once a link is used or closed, no copy of its answers stays on this device.
  useEffect(() => {
    if (page.kind !== "answered" && page.kind !== "closed") return;
    try {
      window.localStorage.removeItem(`quorum:answers:${window.location.pathname}`);
    } catch {
      // storage disabled
    }
  }, [page.kind]);

  if (page.kind === "answered") {
    return (
      <main id="main" className="page narrow">
        <div className="notice">
          <p className="brand">{page.panelName ?? "Quorum"}</p>
          <h1>{page.title}</h1>
          <p>You already answered on {longDate(page.answeredAt)}. Thank you.</p>
          <NextStep panelName={page.panelName} />
        </div>
      </main>
    );
  }
  if (page.kind === "not-open" || page.kind === "closed") {
    return (
      <main id="main" className="page narrow">
        <div className="notice">
          <h1>{page.title}</h1>
          <p>
            {page.kind === "not-open"
              ? `This survey opens on ${longDate(page.opensAt)}.`
              : `This survey closed on ${longDate(page.closedAt)}.`}
          </p>
        </div>
      </main>
    );
  }
  return (
    <main id="main" className="page survey-page">
      <header className="survey-header">
        <p className="brand">{page.panelName ?? "Quorum"}</p>
        <h1>{page.title}</h1>
        {page.resume ? (
          <p>Welcome back{page.firstName ? `, ${page.firstName}` : ""}: your answers so far are kept, and you continue where you left off.</p>
        ) : page.firstName ? (
          <p>Welcome, {page.firstName}.</p>
        ) : null}
        {page.description ? <p className="lede">{page.description}</p> : null}
      </header>
      <noscript>
        <p className="notice">This questionnaire needs JavaScript to run in your browser. Please turn it on, or open the link on another device.</p>
      </noscript>
      {page.askEmail ? (
        <div className="field open-email">
          <label htmlFor="respondent-email">Your email address</label>
          <p className="hint" id="respondent-email-hint">This survey takes one response per address; it is not shown with your answers.</p>
          <input id="respondent-email" ref={email} type="email" autoComplete="email" aria-describedby="respondent-email-hint" required />
        </div>
      ) : null}
      {page.surveyScript ? (
        // Filled by the standalone script root.tsx adds for this page (app/entries/survey.client.tsx).
        <>
          <div id="survey-root">
            <Loading />
          </div>
          <script
            type="application/json"
            id="quorum-survey-data"
            nonce={nonce}
            dangerouslySetInnerHTML={{ __html: scriptJson({ definition: page.definition, resume: page.resume ?? null, autosave: page.autosave } satisfies SurveyBoot) }}
          />
        </>
      ) : hydrated ? (
        <Suspense fallback={<Loading />}>
          <SurveyRunner definition={page.definition} extra={extra} resume={page.resume} autosave={page.autosave} />
        </Suspense>
      ) : (
        <Loading />
      )}
    </main>
  );
}

