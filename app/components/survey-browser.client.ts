// What the respondent page's runner does with the browser: its theme, the server's errors placed
// at their questions, the device copy of answers in localStorage, and JSON posts that survive a
// closing page.
import type { SurveyModel } from "survey-core";
import { parseLocalCopy, scaleKind, type LocalCopy } from "~/lib/respondent";

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

/** What the person changed on the server-rendered first page before the script took over. */
export interface PlainAnswers {
  values: Record<string, string | string[]>;
  comments: Record<string, string>;
}

/** Reads the answers given on the plain first page (app/components/PlainPage), only those changed there. */
export function readPlainAnswers(container: ParentNode): PlainAnswers {
  const found: PlainAnswers = { values: {}, comments: {} };
  for (const box of container.querySelectorAll<HTMLElement>("[data-plain-question]")) {
    const name = box.dataset.plainQuestion ?? "";
    const type = box.dataset.plainType;
    if (type === "dropdown") {
      const select = box.querySelector("select");
      const defaultValue = [...(select?.options ?? [])].find((o) => o.defaultSelected)?.value ?? "";
      if (select && select.value !== defaultValue) found.values[name] = select.value;
    } else if (type === "text" || type === "comment") {
      const input = box.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${CSS.escape(name)}"]`);
      if (input && input.value !== input.defaultValue) found.values[name] = input.value;
    } else {
      const inputs = [...box.querySelectorAll<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`)];
      if (inputs.some((i) => i.checked !== i.defaultChecked)) {
        const checked = inputs.filter((i) => i.checked).map((i) => i.value);
        found.values[name] = type === "checkbox" ? checked : (checked[0] ?? "");
      }
    }
    const other = box.querySelector<HTMLTextAreaElement>("[data-plain-comment]");
    if (other && other.value !== other.defaultValue) found.comments[name] = other.value;
  }
  return found;
}

/** Carries the plain page's answers into survey-core, each as the question's own value (a number stays a number). */
export function adoptPlainAnswers(survey: SurveyModel, answers: PlainAnswers): void {
  for (const [name, raw] of Object.entries(answers.values)) {
    const q = survey.getQuestionByName(name) as unknown as Record<string, unknown> | null;
    if (!q) continue;
    const items = ((q.visibleRateValues ?? q.visibleChoices) as { value: unknown }[] | undefined) ?? [];
    const real = (s: string) => items.find((c) => String(c.value) === s)?.value;
    if (Array.isArray(raw)) q.value = raw.map(real).filter((v) => v !== undefined);
    else if (raw === "") q.value = undefined;
    else if (items.length > 0) q.value = real(raw);
    else q.value = q.inputType === "number" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  for (const [name, text] of Object.entries(answers.comments)) survey.setComment(name, text);
}

type OtherBoxOptions = { ariaLabel?: () => string | null };
type WithOtherBox = {
  getOtherTextAreaOptions?: (item: { text: string }) => OtherBoxOptions;
};

/**
 * Names the box survey-core opens beside "Other" ("Other (please describe): in your own words"), as
 * the plain first page does: survey-core leaves it without a name on radio and checkbox questions
 * (axe: label, critical). Its options are made when the box is first drawn, so this runs before.
 */
export function nameOtherBoxes(survey: SurveyModel, ownWords: string): void {
  for (const question of survey.getAllQuestions() as unknown as WithOtherBox[]) {
    const options = question.getOtherTextAreaOptions;
    if (typeof options !== "function") continue;
    question.getOtherTextAreaOptions = (item) => {
      const made = options.call(question, item);
      const named = made.ariaLabel;
      return { ...made, ariaLabel: () => named?.() || `${item.text}: ${ownWords}` };
    };
  }
}

/**
 * What the runner changes in survey-react-ui's drawing of a question. Scales are one row, even at
 * 360 px (app.css): numbers with their end words beneath, or words in equal columns. The native list
 * is not named by its question and carries a decorative chevron button without a name: the list is
 * named by its title and the chevron hidden from assistive technology.
 */
export function adaptRendering(survey: SurveyModel): void {
  survey.onAfterRenderQuestion.add((_sender, options) => {
    const rates = (options.question as unknown as { visibleRateValues?: { value: unknown; text: string }[] })
      .visibleRateValues;
    if (options.question.getType() === "rating" && rates) {
      options.htmlElement.dataset.quorumScale = scaleKind(rates);
      options.htmlElement.style.setProperty("--quorum-scale-count", String(rates.length));
    }
    const select = options.htmlElement.querySelector("select");
    if (!select || options.question.getType() !== "dropdown") return;
    select.setAttribute("aria-labelledby", `${options.question.id}_ariaTitle`);
    for (const bar of options.htmlElement.querySelectorAll(".sd-formbox__group"))
      bar.setAttribute("aria-hidden", "true");
  });
}
