import surveyCss from "survey-core/survey-core.fontless.min.css";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { scriptJson, type SurveyBoot } from "~/lib/respondent";
import { fill } from "~/lib/format";
import { useNonce } from "~/lib/web";
import { PlainPage } from "~/components/PlainPage";
import type { PageLanguage, RespondentPage } from "~/flows/respond.server";

const SurveyRunner = lazy(() => import("~/components/SurveyRunner.client"));

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function Loading({ text }: { text: string }) {
  return (
    <p className="loading" role="status">
      {text}
    </p>
  );
}

/** After answering: when the results come, and where a panel member finds them (and their own answers). */
export function NextStep({ panelName, text }: { panelName: string | null; text: PageLanguage["text"] }) {
  return panelName ? (
    <p>
      {fill(text.nextPanel, { panel: panelName })} <a href="/me">{text.nextPanelLink}</a>
      {text.nextPanelAfter}
    </p>
  ) : (
    <p>
      {text.nextOpen} <a href="/results">{text.nextOpenLink}</a>
      {text.nextOpenAfter}
    </p>
  );
}

/**
 * The languages the questionnaire has, each by its own name, as plain links (they work without
 * JavaScript; answers given so far stay in this browser and on the server, so nothing is lost).
 */
function LanguageSwitcher({ page }: { page: PageLanguage }) {
  if (page.languages.length < 2) return null;
  // Inside a sentence, Spanish, French and Portuguese write language names in lower case.
  const named = page.languages.find((l) => l.code === page.language)?.name ?? page.language;
  const current = ["es", "fr", "pt"].includes(page.language) ? named.toLocaleLowerCase(page.language) : named;
  return (
    <nav className="language-switcher" aria-label={page.text.label}>
      <p>
        {fill(page.text.isIn, { language: current })} {page.text.alsoIn}:{" "}
        {page.languages
          .filter((l) => l.code !== page.language)
          .map((l, i) => (
            <span key={l.code}>
              {i > 0 ? " · " : ""}
              <a href={`?lang=${l.code}`} hrefLang={l.code} lang={l.code}>
                {l.name}
              </a>
            </span>
          ))}
      </p>
    </nav>
  );
}

/** What a respondent sees at a personal or open link: the questionnaire, or why not. */
export function RespondentView({
  page,
}: {
  page: Exclude<RespondentPage, { kind: "not-found" }> & { surveyScript?: string | null };
}) {
  const hydrated = useHydrated();
  const nonce = useNonce();
  const email = useRef<HTMLInputElement>(null);
  const extra = useCallback(() => (email.current ? { email: email.current.value } : {}), []);
  const t = page.text;
  // The runner's words from the page's catalogue (the rest of its sentences come as runnerText).
  const runnerWords = {
    rankingHint: t.rankingHint,
    rankingPickHint: t.rankingPickHint,
    otherDescribe: t.otherDescribe,
  };
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
      <main id="main" className="page narrow" lang={page.language} dir={page.dir}>
        <div className="notice">
          <p className="brand">
            {page.panelLogo ? <img className="panel-logo" src={page.panelLogo} alt="" /> : null}
            {page.panelName ?? "Quorum"}
          </p>
          <h1>{page.title}</h1>
          <p>{page.answeredText}</p>
          <NextStep panelName={page.panelName} text={t} />
        </div>
      </main>
    );
  }
  if (page.kind === "not-open" || page.kind === "closed") {
    return (
      <main id="main" className="page narrow" lang={page.language} dir={page.dir}>
        <div className="notice">
          <h1>{page.title}</h1>
          <p>{fill(page.kind === "not-open" ? t.opensOn : t.closedOn, { date: page.dateText })}</p>
        </div>
      </main>
    );
  }
  return (
    <main id="main" className="page survey-page" lang={page.language} dir={page.dir}>
      <header className="survey-header">
        <p className="brand">
          {page.panelLogo ? <img className="panel-logo" src={page.panelLogo} alt="" /> : null}
          {page.panelName ?? "Quorum"}
        </p>
        <h1>{page.title}</h1>
        {page.resume ? (
          <p>{page.firstName ? fill(t.welcomeBackNamed, { name: page.firstName }) : t.welcomeBack}</p>
        ) : page.firstName ? (
          <p>{fill(t.welcome, { name: page.firstName })}</p>
        ) : null}
        {page.description ? <p className="lede">{page.description}</p> : null}
        {page.identity ? (
          <p className="notice identified" role="note">
            {page.identity === "email" ? t.identifiedEmail : t.identified}
          </p>
        ) : null}
        {!page.resume && page.prefill && Object.keys(page.prefill).length ? (
          <p className="hint">{t.prefilled}</p>
        ) : null}
        <LanguageSwitcher page={page} />
      </header>
      <noscript>
        <p className="notice">{t.noscript}</p>
      </noscript>
      {page.askEmail ? (
        <div className="field open-email">
          <label htmlFor="respondent-email">{t.emailLabel}</label>
          <p className="hint" id="respondent-email-hint">
            {t.emailHint}
          </p>
          <input
            id="respondent-email"
            ref={email}
            type="email"
            autoComplete="email"
            aria-describedby="respondent-email-hint"
            required
          />
        </div>
      ) : null}
      {page.surveyScript ? (
        // Filled by the standalone script root.tsx adds for this page (app/entries/survey.client.tsx).
        <>
          <div id="survey-root">
            {page.plain ? (
              <PlainPage
                page={page.plain}
                values={page.resume?.data ?? page.prefill ?? {}}
                loadingText={t.loadingRest}
                otherLabel={t.otherDescribe}
              />
            ) : (
              <Loading text={t.loading} />
            )}
          </div>
          <script
            type="application/json"
            id="quorum-survey-data"
            nonce={nonce}
            dangerouslySetInnerHTML={{
              __html: scriptJson({
                definition: page.definition,
                resume: page.resume ?? null,
                prefill: page.prefill,
                autosave: page.autosave,
                language: page.language,
                text: { ...page.runnerText, ...runnerWords },
                version: page.version,
              } satisfies SurveyBoot),
            }}
          />
        </>
      ) : hydrated ? (
        <Suspense fallback={<Loading text={t.loading} />}>
          <SurveyRunner
            definition={page.definition}
            extra={extra}
            resume={page.resume}
            prefill={page.prefill}
            autosave={page.autosave}
            language={page.language}
            text={{ ...page.runnerText, ...runnerWords }}
            version={page.version}
          />
        </Suspense>
      ) : (
        <Loading text={t.loading} />
      )}
      {/* survey-core's 38 KB of CSS (gzip) is for the script's page: in the body, it does not hold up the first paint. */}
      <link rel="stylesheet" href={surveyCss} />
    </main>
  );
}
