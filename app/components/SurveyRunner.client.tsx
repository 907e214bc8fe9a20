import { useLayoutEffect, useRef, useState } from "react";
import { Model, type CompleteEvent, type SurveyModel } from "survey-core";
import { Survey } from "survey-react-ui";
import {
  type RunnerText,
  isTransient,
  newestCopy,
  retryDelayMs,
  type SavedCopy,
  randomUuid,
  showScaleNumbers,
} from "~/lib/respondent";
import {
  adoptPlainAnswers,
  adaptRendering,
  clearLocal,
  nameOtherBoxes,
  postJson,
  QUORUM_THEME,
  readLocal,
  showServerErrors,
  writeLocal,
  type PlainAnswers,
  type ServerError,
} from "./survey-browser.client";

type SaveState = "idle" | "saving" | "saved" | "offline";
type Status = { kind: "idle" } | { kind: "error"; message: string };

/**
 * The SurveyJS runner for one questionnaire. Answers are kept in this browser as they are given;
 * on personal links they are also saved to the server (on every page change and a moment after
 * each answer), so the link resumes on any device. Completing posts to the page's own URL with a
 * submission id, and keeps retrying on its own through outages; the id makes retries harmless.
 */
export default function SurveyRunner({
  definition,
  extra,
  resume,
  prefill,
  autosave,
  language,
  text,
  takeOver,
  version,
}: {
  definition: Record<string, unknown>;
  extra?: () => Record<string, unknown>;
  resume?: SavedCopy | null;
  /** Starting answers to the questions the panel knows from the profile, when nothing is saved. */
  prefill?: Record<string, string>;
  autosave: boolean;
  /** The questionnaire's language to show, and the runner's own sentences in it. */
  language: string;
  text: RunnerText;
  /** Replaces the server-rendered first page, returning what was answered on it. */
  takeOver?: () => PlainAnswers;
  /** The questionnaire version shown, sent with the completion (the server can check it before looking the link up). */
  version?: number;
}) {
  const saveLabel: Record<SaveState, string> = {
    idle: "",
    saving: text.saving,
    saved: text.saved,
    offline: text.offline,
  };
  const [storageKey] = useState(() => `quorum:answers:${window.location.pathname}`);
  const [start] = useState(() => newestCopy(resume, readLocal(storageKey)));
  const [survey] = useState(() => {
    const model = new Model(definition);
    // The questionnaire's own translations, and survey-core's strings ("Next", "Response required.") in the same language.
    model.locale = language;
    // The page's own header already shows the title and description.
    model.showTitle = false;
    model.applyTheme(QUORUM_THEME);
    // Scales of words whose description names their numbers show the numbers (as the plain first page does).
    showScaleNumbers(model);
    nameOtherBoxes(model, text.otherDescribe);
    if (!("showProgressBar" in definition)) {
      model.showProgressBar = true;
      model.progressBarLocation = "aboveheader";
    }
    // A bar with words ("Answered 3/12 questions") fits a phone; the step list SurveyJS draws for
    // pages is cut after a few steps there and ticks a page before it is done.
    if (!("progressBarType" in definition)) model.progressBarType = "questions";
    for (const q of model.getAllQuestions() as unknown as Record<string, unknown>[]) {
      const type = (q.getType as () => string)();
      // Scales stay buttons on a phone (SurveyJS turns them into a "Select…" dropdown when narrow).
      if (type === "rating" && q.displayMode === "auto") q.displayMode = "buttons";
      // A native list, as on the server-rendered first page: quick to draw and to use on a phone, even with 246 countries.
      if (type === "dropdown" && (!q.renderAs || q.renderAs === "default")) q.renderAs = "select";
      if (type === "ranking" && !q.description) {
        q.description = q.selectToRankEnabled ? text.rankingPickHint : text.rankingHint;
      }
    }
    adaptRendering(model);
    // After Next or Previous, the new page's first question comes into view, not the top of the
    // page (on a phone, the logo, title and introduction filled most of the screen).
    model.onScrollToTop.add((_sender, options) => {
      options.allow = false;
      requestAnimationFrame(() => {
        const first =
          document.querySelector("#survey-root .sd-page .sd-question") ?? document.getElementById("survey-root");
        first?.scrollIntoView({ block: "start" });
      });
    });
    if (start) {
      model.data = start.data;
      if (start.page > 0 && start.page < model.visiblePageCount) model.currentPageNo = start.page;
    } else if (prefill) {
      model.data = prefill;
    }
    return model;
  });
  const submissionId = useRef(
    start && "submissionId" in start && start.submissionId ? start.submissionId : randomUuid(),
  );
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [saveState, setSaveState] = useState<SaveState>("idle");

  // A layout effect: it runs right after the page is drawn and before anything else can happen, so
  // nothing answered on the server-rendered first page is lost between reading it and replacing it.
  useLayoutEffect(() => {
    const postUrl = window.location.pathname;
    let completing = false;
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    let dirty = false;
    let attempt = 0;
    let unsaved = false;

    const keepLocal = (pendingComplete = false) =>
      writeLocal(storageKey, {
        data: survey.data as Record<string, unknown>,
        page: survey.currentPageNo,
        savedAt: new Date().toISOString(),
        submissionId: pendingComplete ? submissionId.current : undefined,
        pendingComplete,
      });

    // Progress to the server (personal links only): one request at a time, the latest answers win.
    const saveProgress = async () => {
      if (!autosave || completing) return;
      if (inFlight) {
        dirty = true;
        return;
      }
      inFlight = true;
      dirty = false;
      setSaveState("saving");
      const res = await postJson(postUrl, { data: survey.data, complete: false, page: survey.currentPageNo, language });
      inFlight = false;
      if (completing) return;
      if (res.status === 200) {
        attempt = 0;
        unsaved = false;
        setSaveState("saved");
        if (dirty) void saveProgress();
      } else if (res.status === 409 || res.status === 410) {
        clearLocal(storageKey);
        window.location.reload();
      } else if (isTransient(res.status)) {
        unsaved = true;
        setSaveState("offline");
        clearTimeout(retryTimer);
        retryTimer = setTimeout(() => void saveProgress(), retryDelayMs(attempt++, res.retryAfter));
      } else {
        // A value the server will not take (it is checked again on completion): keep it on this device.
        setSaveState("idle");
      }
    };

    // Nothing is saved for a visit that changed nothing (answers filled in from the profile are not the person's yet).
    let touched = Boolean(start);
    const onValueChanged = () => {
      touched = true;
      keepLocal();
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void saveProgress(), 1500);
    };
    // Past the first page, the page's header shrinks to one line (app.css).
    const compactHeader = () =>
      document.querySelector(".survey-header")?.classList.toggle("survey-header--compact", survey.currentPageNo > 0);
    compactHeader();
    const onPageChanged = () => {
      compactHeader();
      touched = true;
      keepLocal();
      clearTimeout(saveTimer);
      void saveProgress();
    };
    // A phone switching apps may never come back: save what there is while the page is hidden.
    const onHidden = () => {
      if (document.visibilityState !== "hidden" || !autosave || completing || !touched) return;
      clearTimeout(saveTimer);
      void postJson(postUrl, { data: survey.data, complete: false, page: survey.currentPageNo, language }, true);
    };

    // Completion: retried on its own until the server answers; the same submission id each time.
    let completeOptions: CompleteEvent | undefined;
    const sendCompletion = async () => {
      clearTimeout(retryTimer);
      completeOptions?.showSaveInProgress(attempt === 0 ? text.sending : text.sendingAgain);
      const res = await postJson(postUrl, {
        ...extra?.(),
        data: survey.data,
        complete: true,
        submissionId: submissionId.current,
        language,
        ...(version === undefined ? {} : { version }),
      });
      if (res.status === 200) {
        clearLocal(storageKey);
        window.location.assign(`${postUrl.replace(/\/$/, "")}/thanks`);
        return;
      }
      if (res.status === 409 || res.status === 410) {
        clearLocal(storageKey);
        window.location.reload();
        return;
      }
      if (isTransient(res.status)) {
        const delay = retryDelayMs(attempt++, res.retryAfter);
        const why = res.status === 0 ? text.noConnection : res.status === 429 ? text.slowDown : text.unavailable;
        completeOptions?.showSaveError(
          text.retrying.replace("{{why}}", why).replace("{{seconds}}", String(Math.round(delay / 1000))),
        );
        retryTimer = setTimeout(() => void sendCompletion(), delay);
        return;
      }
      completing = false;
      attempt = 0;
      keepLocal();
      const errors = res.json.errors as ServerError[] | undefined;
      if (res.status === 422 && errors) {
        const unplaced = showServerErrors(survey, errors);
        setStatus({ kind: "error", message: unplaced ?? text.attention });
        return;
      }
      survey.clear(false, false);
      setStatus({ kind: "error", message: typeof res.json.error === "string" ? res.json.error : text.notSaved });
    };
    const onComplete = (_sender: SurveyModel, options: CompleteEvent) => {
      completing = true;
      clearTimeout(saveTimer);
      completeOptions = options;
      attempt = 0;
      setStatus({ kind: "idle" });
      keepLocal(true);
      void sendCompletion();
    };
    const onOnline = () => {
      if (completing) {
        attempt = 0;
        void sendCompletion();
      } else if (unsaved) {
        void saveProgress();
      }
    };

    survey.onValueChanged.add(onValueChanged);
    survey.onCurrentPageChanged.add(onPageChanged);
    survey.onComplete.add(onComplete);
    window.addEventListener("online", onOnline);
    document.addEventListener("visibilitychange", onHidden);
    // What was answered on the plain first page counts as answered now (kept on the device, autosaved).
    const adopted = takeOver?.();
    if (adopted) adoptPlainAnswers(survey, adopted);
    // Pressed Complete, then lost the tab before the server answered: send it now.
    if (start && "pendingComplete" in start && start.pendingComplete) survey.doComplete();
    return () => {
      clearTimeout(saveTimer);
      clearTimeout(retryTimer);
      survey.onValueChanged.remove(onValueChanged);
      survey.onCurrentPageChanged.remove(onPageChanged);
      survey.onComplete.remove(onComplete);
      window.removeEventListener("online", onOnline);
      document.removeEventListener("visibilitychange", onHidden);
    };
  }, [survey, extra, autosave, storageKey, start, text, language, takeOver, version]);

  return (
    <>
      <div aria-live="polite" className="survey-status">
        {status.kind === "error" ? (
          <p className="error" role="alert">
            {status.message}
          </p>
        ) : null}
        {saveState !== "idle" ? <p className={`save-state save-${saveState}`}>{saveLabel[saveState]}</p> : null}
      </div>
      <Survey model={survey} />
    </>
  );
}
