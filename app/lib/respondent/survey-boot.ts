import type { SavedCopy } from "./autosave";

/** The runner's own sentences, in the page's language (from the server's catalogues). */
export interface RunnerText {
  saving: string;
  saved: string;
  offline: string;
  sending: string;
  sendingAgain: string;
  noConnection: string;
  slowDown: string;
  unavailable: string;
  retrying: string;
  attention: string;
  notSaved: string;
  rankingHint: string;
  rankingPickHint: string;
  /** Names the box for one's own words beside "Other" ("Other (please describe): in your own words"). */
  otherDescribe: string;
}

/** What the respondent page hands its standalone script (as JSON in the page). */
export interface SurveyBoot {
  definition: Record<string, unknown>;
  resume: SavedCopy | null;
  /** Profile questions' starting answers when nothing is saved (the person confirms or corrects them). */
  prefill?: Record<string, string>;
  autosave: boolean;
  /** The questionnaire's language to show (survey-core's locale) and the runner's sentences in it. */
  language: string;
  text: RunnerText;
  /** The questionnaire version shown (personal links): sent with the completion, so it is checked before the link is looked up. */
  version?: number;
}

/** JSON for a `<script type="application/json">`: no `</script>` or `<!--` can end it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
