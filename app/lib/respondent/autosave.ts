/** What the browser keeps of answers in progress (localStorage), so a closed tab or a lost connection loses nothing. */
export interface LocalCopy {
  data: Record<string, unknown>;
  page: number;
  savedAt: string;
  /** Set once the respondent pressed Complete: the id the server dedupes retries on, and that sending is still owed. */
  submissionId?: string;
  pendingComplete?: boolean;
}

export interface SavedCopy {
  data: Record<string, unknown>;
  page: number;
  savedAt: string;
}

/** Reads a stored copy, or undefined when there is none or it is not ours. */
export function parseLocalCopy(raw: string | null): LocalCopy | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<LocalCopy>;
    if (
      !value ||
      typeof value !== "object" ||
      !value.data ||
      typeof value.data !== "object" ||
      Array.isArray(value.data)
    )
      return undefined;
    if (typeof value.savedAt !== "string" || Number.isNaN(Date.parse(value.savedAt))) return undefined;
    return {
      data: value.data,
      page: Number.isInteger(value.page) && (value.page as number) >= 0 ? (value.page as number) : 0,
      savedAt: value.savedAt,
      submissionId: typeof value.submissionId === "string" ? value.submissionId : undefined,
      pendingComplete: value.pendingComplete === true,
    };
  } catch {
    return undefined;
  }
}

/** Where to resume: the more recent of the server's saved answers (any device) and this browser's copy. */
export function newestCopy(
  server: SavedCopy | null | undefined,
  local: LocalCopy | undefined,
): SavedCopy | LocalCopy | undefined {
  if (!server) return local;
  if (!local) return server;
  return Date.parse(local.savedAt) > Date.parse(server.savedAt) ? local : server;
}

/**
 * How long to wait before sending again: the server's Retry-After when it gave one, else
 * 1, 2, 4 … seconds, at most 30.
 */
export function retryDelayMs(attempt: number, retryAfter: string | null): number {
  const seconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : Math.min(30, 2 ** Math.max(0, attempt));
  return Math.min(30, Math.max(1, seconds)) * 1000;
}

/** Statuses worth retrying on their own: the server or the network is briefly unavailable. */
export function isTransient(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
