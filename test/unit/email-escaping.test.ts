import { describe, expect, it } from "vitest";
import { confirmEmail, signInEmail } from "~/lib/email-templates";
import { DEFAULT_INVITATION_BODY, renderWaveEmail } from "~/lib/wave-email";

const HOSTILE = [
  "https://evil.example/<b>x</b>",
  "Ana\t<img\tsrc=x\tonerror=alert(1)>",
  '<a href="https://evil.example">Click</a>',
  "[Claim your prize](https://evil.example)",
  "**Urgent** _now_ www.evil.example",
  "</p><script>alert(1)</script>",
];

describe("emails with hostile names", () => {
  it("escape every merge value in the HTML part, never link it, and always have a plain-text part", () => {
    for (const name of HOSTILE) {
      const mail = renderWaveEmail("Your invitation: {{surveyTitle}}", DEFAULT_INVITATION_BODY, {
        firstName: name,
        surveyTitle: "Survey",
        link: "https://panel.example/s/abc",
        closeDate: "1 May",
        unsubscribeLink: "https://panel.example/u/1.x",
      });
      expect(mail.html, name).not.toMatch(
        /<(img|script|b)\b|href="https:\/\/evil|href="http:\/\/www\.evil|<strong>Urgent|onerror=alert\(1\)>/,
      );
      expect(mail.html, name).toContain('href="https://panel.example/s/abc"');
      expect(mail.text, name).toContain(name); // the plain-text part says it as it is
      for (const m of [
        confirmEmail({ name, panelName: "Panel", url: "https://panel.example/join/confirm/x" }),
        signInEmail({ name, panelName: "Panel", url: "https://panel.example/me/link/x" }),
      ]) {
        expect(m.html, name).not.toMatch(/<(img|script|b)\b|href="https:\/\/evil|onerror=alert\(1\)>/);
        expect(m.text.length).toBeGreaterThan(0);
      }
    }
  });

  it("show raw HTML written into a template as text, and keep subjects on one line", () => {
    const mail = renderWaveEmail(
      "Hello\r\nBcc: x@evil.example {{firstName}}",
      "Dear {{firstName}},\n\n<iframe src=https://evil.example></iframe>",
      { firstName: "A\tB", surveyTitle: "", link: "", closeDate: "", unsubscribeLink: "" },
    );
    expect(mail.html).not.toContain("<iframe");
    expect(mail.html).toContain("&lt;iframe");
    expect(mail.subject).toBe("Hello Bcc: x@evil.example A B");
  });
});
