// What the quotes page needs of a questionnaire version (quotable.ts) is worked out once per version
// and language, in a worker thread of its own that ends when it has answered: building survey-core's
// model of a questionnaire and running its conditions never holds a request back.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Quotable } from "./quotable";

/** The thread's entry: next to this file in the sources, or found from the Remix build (build/index.js). */
function workerFile(): string {
  for (const candidate of ["./quotable-worker.mjs", "../app/results/quotable-worker.mjs"]) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(url)) return fileURLToPath(url);
  }
  throw new Error(`the quotes thread's entry (app/results/quotable-worker.mjs) is missing near ${import.meta.url}`);
}

const known = new Map<string, Promise<Quotable>>();

/** quotableQuestions(definition, language) from a worker thread, once per questionnaire version and language. */
export function quotableOffThread(versionId: number, definition: object, language: string): Promise<Quotable> {
  const key = `${versionId}:${language}`;
  let found = known.get(key);
  if (!found) {
    found = new Promise<Quotable>((resolve, reject) => {
      const worker = new Worker(workerFile(), { workerData: { definition, language } });
      worker.once("message", (answer: Quotable) => resolve(answer));
      worker.once("error", reject);
      worker.once("exit", (code) =>
        reject(new Error(`the quotes thread stopped (exit code ${code}) without answering`)),
      );
    });
    found.catch(() => known.delete(key)); // tried again on the next request
    known.set(key, found);
  }
  return found;
}
