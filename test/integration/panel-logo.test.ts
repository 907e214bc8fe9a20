import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { invite, sendInvitations } from "~/flows/fieldwork.server";
import { loadRespondentPage, loadThanks, submitAnswers } from "~/flows/respond.server";
import { imageTypeOf } from "~/lib/panel";
import { getPanelById } from "~/models/panel.server";
import { action as logoAction, loader as logoPage } from "~/routes/admin.panels.$slug.logo";
import { loader as logoFile } from "~/routes/panels.$slug.logo";
import { adminSession, outcomeOf, runHandler } from "../helpers/admin";
import { answers2021, invitedPanelist } from "../helpers/fixtures";

// The smallest valid PNG (one transparent pixel).
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

function upload(
  slug: string,
  cookie: string,
  file: { bytes: Uint8Array; name: string; type: string } | null,
  intent = "upload",
) {
  const form = new FormData();
  form.set("intent", intent);
  if (file) form.set("logo", new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  return new Request(`http://localhost/admin/panels/${slug}/logo`, {
    method: "POST",
    headers: { Cookie: cookie, Host: "localhost" },
    body: form,
  });
}

describe("a panel's logo", () => {
  it("is told by its bytes, not its name", () => {
    expect(imageTypeOf(PNG)).toBe("image/png");
    expect(
      imageTypeOf(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")),
    ).toBeNull();
    expect(imageTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
  });

  it("is uploaded by an editor, served to anyone, and shown on the survey page and in invitations", async () => {
    const { panel, wave, token } = await invitedPanelist();
    const { cookie } = await adminSession("editor");

    // An SVG named .png, and a file too large, are refused with a sentence; nothing is stored.
    const svg = await outcomeOf(
      logoAction({
        request: upload(panel.slug, cookie, {
          bytes: Buffer.from("<svg onload='alert(1)'/>"),
          name: "logo.png",
          type: "image/png",
        }),
        params: { slug: panel.slug },
        context: {},
      }),
    );
    expect(svg.status).toBe(400);
    expect(JSON.stringify(svg.body)).toContain("not a PNG, JPEG or WebP image");
    const big = await outcomeOf(
      logoAction({
        request: upload(panel.slug, cookie, {
          bytes: Buffer.concat([PNG, Buffer.alloc(300 * 1024)]),
          name: "big.png",
          type: "image/png",
        }),
        params: { slug: panel.slug },
        context: {},
      }),
    );
    expect(big.status).toBe(400);
    expect((await getPanelById(panel.id))?.logoVersion).toBeNull();

    const ok = await outcomeOf(
      logoAction({
        request: upload(panel.slug, cookie, { bytes: PNG, name: "logo.png", type: "image/png" }),
        params: { slug: panel.slug },
        context: {},
      }),
    );
    expect(ok.status).toBe(200);
    const version = (await getPanelById(panel.id))?.logoVersion;
    expect(version).toBeGreaterThan(0);
    const [audit] = await sql<
      { action: string }[]
    >`select action from audit_log where entity = 'panel' and entity_id = ${panel.id} order by id desc limit 1`;
    expect(audit?.action).toBe("set-logo");

    // Served as the image it is, to anyone, and never as something a browser would run.
    const res = await runHandler(logoFile, new Request(`http://localhost/panels/${panel.slug}/logo?v=${version}`), {
      slug: panel.slug,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    const again = await runHandler(
      logoFile,
      new Request(`http://localhost/panels/${panel.slug}/logo`, {
        headers: { "If-None-Match": res.headers.get("ETag") as string },
      }),
      { slug: panel.slug },
    );
    expect(again.status).toBe(304);

    // The survey page and the invitation carry it beside the panel's name.
    const page = await loadRespondentPage(token);
    expect(page.kind === "open" && page.panelLogo).toBe(`/panels/${panel.slug}/logo?v=${version}`);
    await invite(wave, { label: "test" });
    await sendInvitations(wave, { label: "test" });
    const [mail] = await sql<
      { htmlBody: string }[]
    >`select html_body from emails where kind = 'invitation' and panelist_id = (select panelist_id from invitations where wave_id = ${wave.id} limit 1)`;
    expect(mail?.htmlBody).toMatch(
      new RegExp(`<img src="http://[^"]+/panels/${panel.slug}/logo\\?v=${version}" alt="Test panel"`),
    );

    // And the thank-you page.
    expect(await submitAnswers(token, { data: answers2021, complete: true })).toMatchObject({ kind: "saved" });
    expect((await loadThanks(token))?.panelLogo).toBe(`/panels/${panel.slug}/logo?v=${version}`);

    // A viewer sees it but cannot change it; removing it leaves the name alone.
    const viewer = await adminSession("viewer");
    expect(
      (
        await outcomeOf(
          logoPage({
            request: new Request(`http://localhost/admin/panels/${panel.slug}/logo`, {
              headers: { Cookie: viewer.cookie },
            }),
            params: { slug: panel.slug },
            context: {},
          }),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await outcomeOf(
          logoAction({
            request: upload(panel.slug, viewer.cookie, null, "remove"),
            params: { slug: panel.slug },
            context: {},
          }),
        )
      ).status,
    ).toBe(403);
    await outcomeOf(
      logoAction({ request: upload(panel.slug, cookie, null, "remove"), params: { slug: panel.slug }, context: {} }),
    );
    expect((await getPanelById(panel.id))?.logoVersion).toBeNull();
    expect(
      (await runHandler(logoFile, new Request(`http://localhost/panels/${panel.slug}/logo`), { slug: panel.slug }))
        .status,
    ).toBe(404);
  });
});
