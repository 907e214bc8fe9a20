import { FiguresBusy } from "~/results/figures-pool.server";

/**
 * Awaits work that computes figures; when the figure threads are busy or a computation ran out of
 * time, answers 503 with Retry-After and the sentence (as JSON for the API).
 */
export async function busyAs503<T>(work: Promise<T>, as: "page" | "json" = "page"): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof FiguresBusy)) throw error;
    const headers = { "Retry-After": String(error.retryAfterSeconds), "Cache-Control": "no-store" };
    throw as === "json"
      ? Response.json({ error: error.message }, { status: 503, headers })
      : new Response(error.message, { status: 503, headers });
  }
}
