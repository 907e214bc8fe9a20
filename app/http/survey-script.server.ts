import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project root: the nearest folder above this module with a package.json (from app/http/ in tests, build/ in the app). */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const root = projectRoot();

let known: string | undefined;

/**
 * The address of the respondent page's standalone script (scripts/build-survey.ts), or null when it
 * was not built (e.g. under `remix dev`): the page then runs the questionnaire through Remix as before.
 */
export function surveyScript(): string | null {
  if (known) return known;
  try {
    const manifest = JSON.parse(
      readFileSync(path.join(root, "public", "build", "survey", "manifest.json"), "utf8"),
    ) as { survey?: string };
    known = manifest.survey;
    return known ?? null;
  } catch {
    return null;
  }
}
