import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// One level up from this module: the project root, both from app/ (tests) and from build/ (the app).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let known: string | undefined;

/**
 * The address of the respondent page's standalone script (scripts/build-survey.ts), or null when it
 * was not built (e.g. under `remix dev`): the page then runs the questionnaire through Remix as before.
 */
export function surveyScript(): string | null {
  if (known) return known;
  try {
    const manifest = JSON.parse(readFileSync(path.join(root, "public", "build", "survey", "manifest.json"), "utf8")) as { survey?: string };
    known = manifest.survey;
    return known ?? null;
  } catch {
    return null;
  }
}
