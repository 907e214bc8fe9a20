import { describe, expect, it } from "vitest";
import { renderMarkdown, renderWaveEmail } from "~/lib/email";

describe("the panel team's Markdown on a report", () => {
  it("renders emphasis, lists and safe links", () => {
    expect(renderMarkdown("**Non-existent at 1 in 5**\n\n- one\n- two")).toBe(
      "<p><strong>Non-existent at 1 in 5</strong></p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n",
    );
    expect(renderMarkdown("[methodology](/results/x#methodology) and [source](https://example.org)")).toBe(
      '<p><a href="/results/x#methodology">methodology</a> and <a href="https://example.org">source</a></p>\n',
    );
  });

  it("carries no markup, script, image or dangerous link, however it is written", () => {
    const attempts = [
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      '<a href="javascript:alert(1)">x</a>',
      "[x](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[x]( javascript:alert(1))",
      "[x](data:text/html;base64,PHNjcmlwdD4=)",
      "[x](//evil.example/path)",
      "![tracker](https://evil.example/pixel.png)",
      "<iframe src=https://evil.example></iframe>",
      "**bold<style>body{display:none}</style>**",
    ];
    const allowed = new Set([
      "p",
      "strong",
      "em",
      "ul",
      "ol",
      "li",
      "a",
      "code",
      "pre",
      "br",
      "blockquote",
      "h1",
      "h2",
      "h3",
      "h4",
      "h5",
      "h6",
      "hr",
      "del",
    ]);
    for (const text of attempts) {
      const html = renderMarkdown(text);
      // Every tag is one Markdown makes, and the only attribute is a safe href on a link.
      for (const [, name, attributes] of html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)) {
        expect(allowed.has(String(name).toLowerCase()), `${text} → ${html}`).toBe(true);
        if (attributes?.trim())
          expect(attributes.trim(), `${text} → ${html}`).toMatch(/^href="(https?:\/\/|\/[^/]|#|mailto:)[^"]*"$/);
      }
    }
  });

  it("keeps an email's own links, and never links a hostile value put in a link's address", () => {
    const email = renderWaveEmail("Hi", "[Answer]({{link}}) and [me]({{firstName}})", {
      firstName: "javascript:alert(1)",
      link: "https://panel.example/s/abc",
      surveyTitle: "S",
      closeDate: "1 May",
      unsubscribeLink: "",
    });
    expect(email.html).toContain('<a href="https://panel.example/s/abc">Answer</a>');
    expect(email.html).toContain('<a href="#">me</a>');
    expect(email.html).not.toContain("javascript:");
  });
});
