// Personal links are never stored: an email holds a placeholder where each goes, and a list of what
// each placeholder stands for. The links are made when the message is delivered.

/** What a personal link in an email is. */
export type LinkSpec =
  /** The invitation's survey link (derived from the server secret). */
  | { kind: "survey"; waveId: number; panelistId: number }
  /** One-click unsubscribe (derived from the server secret). */
  | { kind: "unsubscribe"; panelistId: number }
  /** An admin's single-use password reset, issued when the message goes out. */
  | { kind: "admin-reset"; adminId: number; minutes: number }
  /** A single-use link, issued when the message goes out. */
  | {
      kind: "single-use";
      panelistId: number;
      purpose: "sign-in" | "results" | "confirm" | "email-change";
      hours: number;
      payload?: { next?: string; email?: string; consentVersion?: number };
    };

/** Where placeholders point: a reserved domain, so one can never be followed anywhere. */
const BASE = "https://personal-link.invalid/";
const PLACEHOLDER = /https:\/\/personal-link\.invalid\/(\d+)/g;

/** What an admin sees instead of a link. */
const HIDDEN_LINK = "[personal link]";

/** The links of one email as they are composed: each gets a placeholder address to put in the text. */
export class LinkList {
  readonly specs: LinkSpec[] = [];

  /** The placeholder for a link (the same link twice gets the same placeholder). */
  add(spec: LinkSpec): string {
    const key = JSON.stringify(spec);
    let i = this.specs.findIndex((s) => JSON.stringify(s) === key);
    if (i < 0) i = this.specs.push(spec) - 1;
    return `${BASE}${i}`;
  }
}

/** A text with its placeholders replaced by the links made for them (escaped for HTML when asked). */
export function fillLinks(text: string, urls: string[], escape: (s: string) => string = (s) => s): string {
  return text.replace(PLACEHOLDER, (whole, i: string) =>
    urls[Number(i)] === undefined ? whole : escape(urls[Number(i)] as string),
  );
}

/** A text as admins see it: every placeholder (and so every personal link) reads "[personal link]". */
export function hideLinks(text: string): string {
  return text.replace(PLACEHOLDER, HIDDEN_LINK);
}

/**
 * An email's HTML (links already hidden) as the outbox shows it in a sandboxed frame: a personal
 * link's button or anchor keeps its look but goes nowhere, and says "[personal link]" when pointed at.
 */
export function previewHtml(hiddenHtml: string): string {
  return hiddenHtml.replaceAll(`href="${HIDDEN_LINK}"`, `title="${HIDDEN_LINK}"`);
}
