import { Marked, type Tokens } from "marked";
import { escapeHtml } from "./email-templates";

/**
 * Markdown the panel team writes (report headlines and commentary, email templates), rendered to
 * HTML that carries nothing else: raw HTML is shown as text, links go only to http(s), mailto or
 * this site's own paths, and images become their alt text (a report loads nothing from elsewhere).
 */
const SAFE_URL = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

export function isSafeUrl(href: string): boolean {
  return SAFE_URL.test(href.trim());
}

/** `placeholder` lets a caller keep links whose address it fills in later (and checks then). */
export function safeMarkdown(options: { breaks: boolean; placeholder?: RegExp }): Marked {
  const marked = new Marked({ gfm: true, breaks: options.breaks, async: false });
  marked.use({
    renderer: {
      html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
      link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link) {
        const inner = this.parser.parseInline(token.tokens);
        const href = token.href.trim();
        return isSafeUrl(href) || options.placeholder?.test(href)
          ? `<a href="${escapeHtml(href)}">${inner}</a>`
          : inner;
      },
      image: ({ text }: Tokens.Image) => escapeHtml(text),
    },
  });
  return marked;
}

const report = safeMarkdown({ breaks: false });

/** Commentary and headlines of a published report, as safe HTML. */
export function renderMarkdown(text: string): string {
  return report.parse(text) as string;
}
