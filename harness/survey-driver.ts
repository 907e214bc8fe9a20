// Drives survey-core page by page as a respondent would: on each page, only visible and enabled
// questions get answers (optional ones are sometimes skipped), a page is left only when survey-core
// lets the respondent go on, and the result is `survey.data` as the page posts it on completion.
import { Model, type PageModel, type Question } from "survey-core";

type Json = Record<string, unknown>;
type Q = Question & Json;
type Random = () => number;

const WORDS = [
  "learners",
  "credentials",
  "stack",
  "across",
  "providers",
  "employers",
  "trust",
  "quality",
  "pathways",
  "credit",
  "skills",
  "badges",
];

function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function shuffle<T>(random: Random, list: readonly T[]): T[] {
  return [...list]
    .map((v) => [random(), v] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, v]) => v);
}

function sentence(random: Random, min = 1, max = 12): string {
  const n = min + Math.floor(random() * (max - min + 1));
  return Array.from({ length: n }, () => pick(random, WORDS)).join(" ");
}

function textFor(q: Q, random: Random): unknown {
  const type = String(q.inputType ?? "text");
  const min = q.min as number | string | undefined;
  const max = q.max as number | string | undefined;
  if (type === "number" || type === "range") {
    const lo = min !== undefined && min !== "" ? Number(min) : 0;
    const hi = max !== undefined && max !== "" ? Number(max) : lo + 500;
    const step = Number(q.step) || 1;
    const span = Math.max(0, Math.floor((hi - lo) / step));
    return Math.round((lo + step * Math.floor(random() * (span + 1))) * 1000) / 1000;
  }
  if (type === "date") {
    const lo = Date.parse(String(min || "2018-01-01"));
    const hi = Date.parse(String(max || "2026-12-31"));
    return new Date(lo + random() * (hi - lo)).toISOString().slice(0, 10);
  }
  if (type === "email") return `person${Math.floor(random() * 1e6)}@example.org`;
  if (type === "tel") return `+44 20 ${1000 + Math.floor(random() * 8999)} ${1000 + Math.floor(random() * 8999)}`;
  if (type === "url") return "https://example.org/about";
  const validators = (q.validators as unknown as (Json & { getType(): string })[] | undefined) ?? [];
  const length = validators.find((v) => v.getType() === "textvalidator");
  let text = sentence(random, 1, 4);
  if (length?.allowDigits === false) text = text.replace(/\d/g, "");
  if (length?.maxLength) text = text.slice(0, Number(length.maxLength));
  if (length?.minLength && text.length < Number(length.minLength)) text = text.padEnd(Number(length.minLength), "x");
  // Some answers are letters and digits (postcodes, IDs), which length validators must take.
  return random() < 0.2 && length?.allowDigits !== false ? `AB${Math.floor(random() * 99)}` : text;
}

function choiceValues(q: Q): unknown[] {
  const hidden = new Set([q.selectAllItem, q.noneItem, q.otherItem, q.refuseItem, q.dontKnowItem].filter(Boolean));
  return (q.visibleChoices as (Json & { value: unknown; isEnabled: boolean })[])
    .filter((c) => !hidden.has(c) && c.isEnabled !== false)
    .map((c) => c.value);
}

function fillChoice(q: Q, random: Random): void {
  const type = q.getType();
  const values = choiceValues(q);
  const other = q.showOtherItem ? (q.otherItem as { value: unknown }).value : undefined;
  const none = q.showNoneItem ? (q.noneItem as { value: unknown }).value : undefined;
  const multiple = type === "checkbox" || type === "tagbox" || (type === "imagepicker" && q.multiSelect);
  if (type === "ranking") {
    const order = shuffle(random, values);
    q.value = q.selectToRankEnabled ? order.slice(0, 1 + Math.floor(random() * Math.min(3, order.length))) : order;
    return;
  }
  if (multiple) {
    if (none !== undefined && random() < 0.15) {
      q.value = [none];
      return;
    }
    const max = Math.min(Number(q.maxSelectedChoices) || values.length, values.length);
    const min = Math.min(Math.max(1, Number(q.minSelectedChoices) || 1), max);
    let chosen = shuffle(random, values).slice(0, min + Math.floor(random() * (max - min + 1)));
    if (q.allowCustomChoices && random() < 0.3)
      chosen = [...chosen.slice(0, Math.max(0, max - 1)), `custom ${Math.floor(random() * 100)}`];
    const useOther = other !== undefined && random() < 0.2 && chosen.length < max;
    if (q.valuePropertyName) q.renderedValue = useOther ? [...chosen, other] : chosen;
    else q.value = useOther ? [...chosen, other] : chosen;
    if (useOther) q.otherValue = sentence(random, 1, 3);
    return;
  }
  if (q.allowCustomChoices && random() < 0.3) {
    q.value = `custom ${Math.floor(random() * 100)}`;
  } else if (other !== undefined && random() < 0.2) {
    q.renderedValue = other;
    q.otherValue = sentence(random, 1, 3);
  } else if (values.length > 0) {
    q.value = pick(random, values);
  }
}

/**
 * Types into the comment box of each chosen choice that has one (SurveyJS 3's `showCommentArea` on a
 * choice), as a respondent may: always when the comment is required, else most of the time. survey-core
 * then stores the answer as `{value, comment}` (a checkbox's items each `{value}` or `{value, comment}`).
 */
function commentChoices(q: Q, random: Random, force: boolean): void {
  const items = (q.visibleChoices as (Json & { showCommentArea?: boolean; isCommentRequired?: boolean })[]) ?? [];
  const isShowing = q.isCommentShowing as unknown as (item: unknown) => boolean;
  const setComment = q.setCommentValue as unknown as (item: unknown, text: string) => void;
  for (const item of items) {
    if (item === q.otherItem || !item.showCommentArea || !isShowing.call(q, item)) continue;
    if (item.isCommentRequired || force || random() < 0.7) setComment.call(q, item, sentence(random, 1, 6));
  }
}

function fillTable(q: Q, random: Random, force: boolean): void {
  if (q.getType() === "matrixdynamic") {
    const max = Number(q.maxRowCount) || 5;
    const add = Math.floor(random() * 3);
    for (let i = 0; i < add && (q.rowCount as number) < max; i += 1) (q.addRow as () => void)();
  }
  for (const row of q.visibleRows as { cells: { question: Q }[] }[]) {
    for (const cell of row.cells) {
      const cq = cell.question;
      // Optional cells stay empty now and then, even on a retry (unique columns may need it).
      if (cq.isVisible && !cq.isReadOnly) fillQuestion(cq, random, force && cq.isRequired);
    }
  }
}

/** Gives one question an answer the page could give; `force` fills optional ones too. */
function fillQuestion(q: Q, random: Random, force = false): void {
  const type = q.getType();
  if (["expression", "html", "image"].includes(type)) return;
  if (!force && !q.isRequired && random() < 0.25) return;
  switch (type) {
    case "radiogroup":
    case "dropdown":
    case "checkbox":
      fillChoice(q, random);
      return commentChoices(q, random, force);
    case "tagbox":
    case "ranking":
    case "imagepicker":
    case "buttongroup":
      return fillChoice(q, random);
    case "rating":
      q.value = pick(
        random,
        (q.visibleRateValues as { value: unknown }[]).map((v) => v.value),
      );
      return;
    case "boolean":
      q.booleanValue = random() < 0.5;
      return;
    case "text":
      q.value = textFor(q, random);
      return;
    case "comment":
      q.value = sentence(random, 3, 14);
      return;
    case "signaturepad":
      q.value = "data:image/png;base64,iVBORw0KGgo=";
      return;
    case "file":
      q.value = [{ name: "cv.txt", type: "text/plain", content: "data:text/plain;base64,aGVsbG8=" }];
      return;
    case "multipletext":
      for (const item of q.items as { editor: Q }[]) fillQuestion(item.editor, random, force);
      return;
    case "matrix": {
      const columns = (q.visibleColumns as { value: unknown }[]).map((c) => c.value);
      const order = q.eachRowUnique ? shuffle(random, columns) : [];
      (q.visibleRows as { value: unknown }[]).forEach((row, i) => {
        if (!q.isAllRowRequired && !q.eachRowRequired && random() < 0.15) return;
        row.value = q.eachRowUnique ? order[i % order.length] : pick(random, columns);
      });
      return;
    }
    case "matrixdropdown":
    case "matrixdynamic":
      return fillTable(q, random, force);
    case "paneldynamic": {
      const max = Number(q.maxPanelCount) || 5;
      const add = Math.floor(random() * 3);
      for (let i = 0; i < add && (q.panelCount as number) < max; i += 1) (q.addPanel as () => void)();
      for (const panel of q.panels as { questions: Q[] }[]) {
        for (const inner of panel.questions)
          if (inner.isVisible && !inner.isReadOnly) fillQuestion(inner, random, force);
      }
      return;
    }
    default:
      throw new Error(`the driver cannot answer a ${type}`);
  }
}

function editable(page: PageModel): Q[] {
  return (page.questions as Q[]).filter((q) => q.isVisible && q.isParentVisible && !q.isReadOnly);
}

/** Whether survey-core would let the respondent leave this page (errors shown but not focused). */
function pageOk(page: PageModel): boolean {
  return page.validate(true, false);
}

function questionsWithErrors(page: PageModel): Q[] {
  return editable(page).filter(
    (q) => q.getAllErrors().length > 0 || (q.parent as unknown as { errors?: unknown[] })?.errors?.length,
  );
}

/** Answers a questionnaire page by page; returns what the page posts on completion, or undefined if the respondent got stuck. */
export function respond(definition: object, random: Random): Json | undefined {
  const survey = new Model(definition);
  let posted: Json | undefined;
  survey.onComplete.add((sender) => {
    posted = structuredClone(sender.data) as Json;
  });
  if (survey.firstPageIsStartPage) survey.start();
  for (let guard = 0; guard < 40 && posted === undefined; guard += 1) {
    const page = survey.currentPage as PageModel;
    const seen = new Set<Q>();
    // Answering can show more questions: keep going until nothing new appears.
    for (let pass = 0; pass < 5; pass += 1) {
      const fresh = editable(page).filter((q) => !seen.has(q));
      if (fresh.length === 0) break;
      for (const q of fresh) {
        seen.add(q);
        fillQuestion(q, random);
      }
    }
    // A skip trigger moves the respondent to another page as soon as its answer is given: go on from there.
    if (survey.currentPage !== page) continue;
    for (let attempt = 0; attempt < 12 && !pageOk(page); attempt += 1) {
      // First the questions survey-core complains about; then, as a respondent would, the whole page.
      const wrong = attempt < 4 ? questionsWithErrors(page) : [];
      for (const q of wrong.length > 0 ? wrong : editable(page)) {
        q.clearValue();
        fillQuestion(q, random, true);
      }
      for (const q of editable(page).filter((x) => !seen.has(x))) {
        seen.add(q);
        fillQuestion(q, random, true);
      }
    }
    if (survey.currentPage !== page) continue;
    if (!pageOk(page)) {
      if (process.env.DRIVER_DEBUG)
        console.log(
          "stuck on",
          page.name,
          JSON.stringify(survey.data),
          editable(page).flatMap((q) => q.getAllErrors().map((e) => `${q.name}: ${e.getText()}`)),
          (page.errors ?? []).map((e) => e.getText()),
        );
      return undefined;
    }
    if (survey.isLastPage) survey.completeLastPage();
    else if (!survey.nextPage()) return undefined;
  }
  return posted;
}
