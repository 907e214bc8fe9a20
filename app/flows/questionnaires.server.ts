import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { getEnv } from "~/env.server";
import { checkDefinition } from "~/lib/survey";
import { storeVersion } from "~/models/questionnaire.server";

export interface SyncReport {
  file: string;
  slug: string;
  outcome: "created" | "new-version" | "unchanged" | "reverted" | "skipped";
  version?: number;
  errors?: string[];
  /** Why completions are checked by survey-core's Model, which is slower than the compiled check. */
  slowBecause?: string;
  /** Its languages (its own first), and the texts each other language lacks, with their line and key. */
  languages?: string[];
  missingStrings?: Record<string, string[]>;
}

/** Stable JSON text: the same content always hashes the same, whatever its formatting. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Reads every `.json` file in the folder, checks it, and stores each new content as a new immutable
 * version. A broken file is reported and skipped; the others still load.
 */
export async function syncQuestionnaires(dir: string): Promise<SyncReport[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  const reports: SyncReport[] = [];
  for (const file of files) {
    const slug = file.replace(/\.json$/, "");
    if (!SLUG.test(slug)) {
      reports.push({
        file,
        slug,
        outcome: "skipped",
        errors: ["the file name must be lower-case letters, digits and dashes, such as my-survey-2025.json"],
      });
      continue;
    }
    const check = checkDefinition(await fs.readFile(path.join(dir, file), "utf8"), {
      choicesHosts: getEnv().QUORUM_CHOICES_HOSTS,
    });
    if (!check.ok || !check.definition) {
      reports.push({ file, slug, outcome: "skipped", errors: check.errors });
      continue;
    }
    const hash = createHash("sha256").update(canonical(check.definition)).digest("hex");
    const title = check.title ?? slug;
    const stored = await storeVersion(file, slug, title, hash, check.definition, check.questionCount ?? 0);
    reports.push({
      ...stored,
      ...(check.slowBecause ? { slowBecause: check.slowBecause } : {}),
      languages: check.languages,
      missingStrings: check.missingStrings,
    });
  }
  return reports;
}
