import { useEffect, useRef, useState } from "react";
import { Model, type CompleteEvent, type SurveyModel } from "survey-core";
import { Survey } from "survey-react-ui";
import { randomUuid } from "~/lib/uuid";

interface ServerError {
  question: string;
  message: string;
}

// Our type and colours; SurveyJS's default green on white fails WCAG contrast.
const QUORUM_THEME = {
  themeName: "quorum",
  colorPalette: "light",
  isPanelless: false,
  cssVariables: {
    "--sjs-font-family": 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    "--sjs-general-backcolor-dim": "#eef2f7",
    "--sjs-primary-backcolor": "#1a5fb4",
    "--sjs-primary-backcolor-dark": "#164f96",
    "--sjs-primary-backcolor-light": "rgba(26, 95, 180, 0.1)",
    "--sjs-primary-forecolor": "#ffffff",
    "--sjs-primary-forecolor-light": "rgba(255, 255, 255, 0.25)",
    "--sjs-special-red": "#b3261e",
    "--sjs-special-red-light": "rgba(179, 38, 30, 0.1)",
  },
};

type Status = { kind: "idle" } | { kind: "sending" } | { kind: "error"; message: string };

/** Shows the server's validation errors at their questions and returns the respondent to the first one. */
function showServerErrors(survey: SurveyModel, errors: ServerError[]): string | undefined {
  survey.clear(false, false);
  let first: ReturnType<SurveyModel["getQuestionByName"]> | undefined;
  const unplaced: string[] = [];
  for (const e of errors) {
    const q = survey.getQuestionByName(e.question);
    if (q) {
      q.addError(e.message);
      first ??= q;
    } else {
      unplaced.push(e.message);
    }
  }
  if (first?.page) {
    survey.currentPage = first.page;
    first.focus(true);
  }
  return unplaced.length > 0 ? unplaced.join(" ") : undefined;
}

/** The SurveyJS runner for one questionnaire; posts the answers to the page's own URL on completion. */
export default function SurveyRunner({ definition, extra }: { definition: Record<string, unknown>; extra?: () => Record<string, unknown> }) {
  const [survey] = useState(() => {
    const model = new Model(definition);
    // The page's own header already shows the title and description.
    model.showTitle = false;
    model.applyTheme(QUORUM_THEME);
    if (!("showProgressBar" in definition)) {
      model.showProgressBar = true;
      model.progressBarLocation = "top";
    }
    return model;
  });
  const submissionId = useRef(randomUuid());
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  useEffect(() => {
    const postUrl = window.location.pathname;
    const onComplete = async (sender: SurveyModel, options: CompleteEvent) => {
      setStatus({ kind: "sending" });
      options.showSaveInProgress("Sending your answers…");
      try {
        const res = await fetch(postUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ ...extra?.(), data: sender.data, complete: true, submissionId: submissionId.current }),
        });
        if (res.ok) {
          window.location.assign(`${postUrl.replace(/\/$/, "")}/thanks`);
          return;
        }
        if (res.status === 409 || res.status === 410) {
          window.location.reload();
          return;
        }
        const body = (await res.json().catch(() => ({}))) as { errors?: ServerError[]; error?: string };
        if (res.status === 422 && body.errors) {
          const extra = showServerErrors(sender, body.errors);
          setStatus({ kind: "error", message: extra ?? "Some answers need your attention: see the highlighted questions." });
          return;
        }
        sender.clear(false, false);
        setStatus({ kind: "error", message: body.error ?? "Your answers could not be saved. Please press Submit again in a moment." });
      } catch {
        sender.clear(false, false);
        setStatus({ kind: "error", message: "Your answers could not be sent: check your connection, then press Submit again. Nothing you entered is lost." });
      }
    };
    survey.onComplete.add(onComplete);
    return () => survey.onComplete.remove(onComplete);
  }, [survey, extra]);

  return (
    <>
      <div aria-live="polite" className="survey-status">
        {status.kind === "error" ? (
          <p className="error" role="alert">
            {status.message}
          </p>
        ) : null}
      </div>
      <Survey model={survey} />
    </>
  );
}
