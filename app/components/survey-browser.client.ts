// What the respondent page's runner does with the browser: its theme, the server's errors placed
// at their questions, the device copy of answers in localStorage, and JSON posts that survive a
// closing page.
import type { SurveyModel } from "survey-core";
import { parseLocalCopy, type LocalCopy } from "~/lib/respondent";

export interface ServerError {
  question: string;
  message: string;
}

// Our type and colours; SurveyJS's default green on white fails WCAG contrast.
export const QUORUM_THEME = {
  themeName: "quorum",
  colorPalette: "light",
  isPanelless: false,
  cssVariables: {
    "--sjs-font-family": 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    "--sjs-general-backcolor-dim": "#eef2f7",
    "--sjs-primary-backcolor": "#1a5fb4",
    "--sjs-primary-backcolor-dark": "#164f96",
    "--sjs-primary-backcolor-light": "rgba(26, 95, 180, 0.1)",
    "--sjs-primary-forecolor": "#ffffff",
    "--sjs-primary-forecolor-light": "rgba(255, 255, 255, 0.25)",
    "--sjs-special-red": "#b3261e",
    "--sjs-special-red-light": "rgba(179, 38, 30, 0.1)",
  },
};

/** Shows the server's validation errors at their questions and returns the respondent to the first one. */
export function showServerErrors(survey: SurveyModel, errors: ServerError[]): string | undefined {
  survey.clear(false, false);
  let first: ReturnType<SurveyModel["getQuestionByName"]> | undefined;
  const unplaced: string[] = [];
  for (const e of errors) {
    const q = survey.getQuestionByName(e.question);
    if (q) {
      q.addError(e.message);
      first ??= q;
    } else {
      unplaced.push(e.message);
    }
  }
  if (first?.page) {
    survey.currentPage = first.page;
    first.focus(true);
  }
  return unplaced.length > 0 ? unplaced.join(" ") : undefined;
}

export function readLocal(key: string): LocalCopy | undefined {
  try {
    return parseLocalCopy(window.localStorage.getItem(key));
  } catch {
    return undefined; // storage disabled: the server copy still works
  }
}

export function writeLocal(key: string, copy: LocalCopy): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(copy));
  } catch {
    // storage full or disabled
  }
}

export function clearLocal(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // storage disabled
  }
}

// Browsers refuse a keepalive request whose body passes 64 KB.
const KEEPALIVE_LIMIT = 60 * 1024;

/**
 * POSTs JSON; status 0 when the network failed. `outlivePage` asks the browser to finish the
 * request after the page is gone (keepalive), which only small bodies may do.
 */
export async function postJson(
  url: string,
  body: unknown,
  outlivePage = false,
): Promise<{ status: number; retryAfter: string | null; json: Record<string, unknown> }> {
  const text = JSON.stringify(body);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: text,
      keepalive: outlivePage && new TextEncoder().encode(text).length < KEEPALIVE_LIMIT,
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: res.status, retryAfter: res.headers.get("Retry-After"), json };
  } catch {
    return { status: 0, retryAfter: null, json: {} };
  }
}
