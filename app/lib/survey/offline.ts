import { settings } from "survey-core";

/**
 * survey-core loads a question's `choicesByUrl` list itself, with `fetch` where there is no XMLHttpRequest:
 * on the server, a Model made to check a completion (or to read a questionnaire) would ask whatever host
 * the file names, with a path built from the respondent's answers (issue 23, item 11). The server never
 * needs those lists: answers to such questions are checked as text (README, "Questionnaires"). So outside
 * a browser every such request is stopped before it leaves: fetch gets an aborted signal (it fails at once,
 * opening no connection) and an XMLHttpRequest, were one defined, a request that is never sent. Importing
 * this module is enough; the browser (which has a window) keeps loading lists from the hosts
 * QUORUM_CHOICES_HOSTS allows (the page's connect-src).
 */
type ChoicesRequest = { url: string; request?: { send(): void }; fetchOptions?: RequestInit };

/** How many list requests were stopped in this process (the attack test reads it). */
export const stoppedChoiceRequests = { count: 0 };

if (typeof window === "undefined") {
  const web = settings.web as unknown as {
    onBeforeRequestChoices?: (sender: unknown, options: ChoicesRequest) => void;
  };
  web.onBeforeRequestChoices = (_sender, options) => {
    stoppedChoiceRequests.count += 1;
    options.url = "data:application/json,[]";
    options.fetchOptions = { ...options.fetchOptions, signal: AbortSignal.abort() };
    if (options.request) options.request = { send() {} };
  };
}
