// Suppressed figures are computed off the event loop: `resultFigures` (figures.ts, pure and
// synchronous, plain data in and out) runs in a pool of worker threads (piscina), so a preview or a
// publication that takes seconds of CPU never holds a page, a completion or /healthz back.
// Identical inputs give identical figures, so one computation serves every request for the same
// wave state (three viewers previewing at once share one), and its answer is kept for the next.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { getEnv } from "~/env.server";
import type { FigureInput, PrivateRecord, ResultFigures } from "./figures";
import type { SamePeopleInput, SamePeopleOutput } from "./same-people";

export type FiguresOutput = { figures: ResultFigures; record: PrivateRecord };

/** The figure threads are all busy and their queue is full, or a computation ran out of time: try again later. */
export class FiguresBusy extends Error {
  constructor(
    readonly reason: "queue" | "timeout",
    readonly retryAfterSeconds: number,
  ) {
    super(
      reason === "queue"
        ? "The results are being worked out for other requests just now. Try again in a minute."
        : "Working out these results took too long, so it was stopped. Try again in a few minutes; if it happens again, tell whoever runs Quorum.",
    );
  }
}

/** The thread's entry: next to this file in the sources, or found from the Remix build (build/index.js). */
function workerFile(): string {
  for (const candidate of ["./figures-worker.mjs", "../app/results/figures-worker.mjs"]) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(url)) return fileURLToPath(url);
  }
  throw new Error(`the figure thread's entry (app/results/figures-worker.mjs) is missing near ${import.meta.url}`);
}

type Task = FigureInput | SamePeopleInput;
type TaskOutput = FiguresOutput | SamePeopleOutput;

let pool: Piscina<Task, TaskOutput> | undefined;

function figurePool(): Piscina<Task, TaskOutput> {
  if (!pool) {
    const env = getEnv();
    pool = new Piscina<Task, TaskOutput>({
      filename: workerFile(),
      minThreads: 0,
      maxThreads: env.QUORUM_FIGURE_THREADS,
      maxQueue: env.QUORUM_FIGURE_QUEUE + env.QUORUM_FIGURE_THREADS,
      // A thread stays up for ten minutes after its last computation: loading the engine through tsx takes a moment.
      idleTimeout: 600_000,
      // The threads run at a lower priority than the one answering requests (where the platform allows it).
      niceIncrement: 10,
    });
  }
  return pool;
}

const KEPT = 24;
let computations = 0;
let inFlight = 0;
const kept = new Map<string, Promise<TaskOutput>>();

/** A digest of everything the computation reads (a Map as its entries, in order). */
function inputKey(input: Task): string {
  const text = JSON.stringify(input, (_key, value: unknown) => (value instanceof Map ? [...value] : value));
  return createHash("sha256").update(text).digest("base64url");
}

/**
 * resultFigures(input), computed by a figure thread. Requests for the same input share one
 * computation and its answer (the last 24 are kept). At most QUORUM_FIGURE_THREADS run and
 * QUORUM_FIGURE_QUEUE wait; past that, and when a computation (waiting included) takes longer than
 * QUORUM_FIGURE_TIMEOUT (its thread is then stopped), it throws FiguresBusy.
 */
export function computeFigures(input: FigureInput, options: { timeoutMs?: number } = {}): Promise<FiguresOutput> {
  return runTask(input, options) as Promise<FiguresOutput>;
}

/** samePeopleFigures(input) (the change among the same people of two series waves), computed by a figure thread. */
export function computeSamePeople(
  input: SamePeopleInput,
  options: { timeoutMs?: number } = {},
): Promise<SamePeopleOutput> {
  return runTask(input, options) as Promise<SamePeopleOutput>;
}

function runTask(input: Task, options: { timeoutMs?: number }): Promise<TaskOutput> {
  const key = inputKey(input);
  const known = kept.get(key);
  if (known) {
    kept.delete(key);
    kept.set(key, known);
    return known;
  }
  const env = getEnv();
  if (inFlight >= env.QUORUM_FIGURE_THREADS + env.QUORUM_FIGURE_QUEUE)
    return Promise.reject(new FiguresBusy("queue", 30));
  inFlight += 1;
  computations += 1;
  const running = figurePool()
    .run(input, { signal: AbortSignal.timeout(options.timeoutMs ?? env.QUORUM_FIGURE_TIMEOUT * 1000) })
    .catch((error: unknown) => {
      kept.delete(key);
      if (error instanceof Error && /queue is at limit|no task queue/i.test(error.message))
        throw new FiguresBusy("queue", 30);
      if (error instanceof Error && error.name === "AbortError") throw new FiguresBusy("timeout", 120);
      throw error;
    })
    .finally(() => (inFlight -= 1));
  kept.set(key, running);
  while (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
  return running;
}

/** How busy the figure threads are (for /healthz and the load script). */
export function figurePoolStatus(): { threads: number; queued: number; kept: number; computations: number } {
  return { threads: pool?.threads.length ?? 0, queued: pool?.queueSize ?? 0, kept: kept.size, computations };
}

/** Stops the figure threads (at shutdown). */
export async function closeFiguresPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  kept.clear();
  computations = 0;
  await closing?.destroy();
}
