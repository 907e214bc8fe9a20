import type { SavedCopy } from "./autosave";

/** What the respondent page hands its standalone script (as JSON in the page). */
export interface SurveyBoot {
  definition: Record<string, unknown>;
  resume: SavedCopy | null;
  autosave: boolean;
}

/** JSON for a `<script type="application/json">`: no `</script>` or `<!--` can end it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
