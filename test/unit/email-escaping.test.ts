import { describe, expect, it } from "vitest";
import { confirmEmail, signInEmail, DEFAULT_INVITATION_BODY, renderWaveEmail } from "~/lib/email";

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

describe("the results email", () => {
  const base = {
    name: "Ana Rojas",
    panelName: "Panel",
    surveyTitle: "Survey",
    url: "https://panel.example/results/w",
    signInUrl: "https://panel.example/me/link/x",
    meUrl: "https://panel.example/me",
    unsubscribeUrl: "https://panel.example/u/1.x",
  };

  it("offers an address to share only where anyone may open it", async () => {
    const { resultsOutEmail } = await import("~/lib/email");
    const pub = resultsOutEmail({ ...base, audience: "public", answered: true });
    expect(pub.text).toContain("To share the results, send this address instead: https://panel.example/results/w");
    // Respondents only: the address answers 403 to anyone else, so the email offers none.
    const own = resultsOutEmail({ ...base, audience: "respondents", answered: true });
    expect(own.text).not.toContain("To share");
    expect(own.text).not.toContain("https://panel.example/results/w");
    expect(own.text).toContain("These results are only for the people who answered, so there is no address to share");
    // Panel members: another member signs in first; a member who did not answer gets a sign-in button too.
    const member = resultsOutEmail({ ...base, audience: "panel", answered: false });
    expect(member.text).toContain("See the results: https://panel.example/me/link/x");
    expect(member.text).toContain(
      "another member can read them at https://panel.example/results/w after signing in at https://panel.example/me",
    );
    expect(resultsOutEmail({ ...base, audience: "respondents", answered: true, language: "es" }).text).toContain(
      "Estos resultados son solo para quienes respondieron",
    );
  });
});
