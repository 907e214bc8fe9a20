import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, UNAVAILABLE_SENTENCE } from "~/lib/web";

/**
 * Runs `fn`; when the database cannot be reached, throws a 503 with Retry-After and a sentence
 * (JSON for the respondent endpoints, text for pages) instead of a 500.
 */
export async function orUnavailable<T>(fn: () => Promise<T>, format: "text" | "json" = "text"): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    throw unavailableResponse(format);
  }
}

/** The 503 a request gets while the database cannot be reached: Retry-After and a sentence. */
function unavailableResponse(format: "text" | "json" = "text"): Response {
  const headers = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };
  return format === "json"
    ? Response.json(
        { ok: false, error: UNAVAILABLE_SENTENCE, retryAfter: RETRY_AFTER_SECONDS },
        { status: 503, headers },
      )
    : new Response(UNAVAILABLE_SENTENCE, {
        status: 503,
        headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
      });
}
