import { hash } from "@node-rs/argon2";
import { expect, test } from "./fixtures";

const PASSWORD = "security spec password that is long";

test("every page carries the security headers, and scripts run only with this response's nonce", async ({
  request,
  state,
}) => {
  const surveyPath = new URL(state.links.find((l) => l.includes("/s/")) as string).pathname;
  const nonces = new Set<string>();
  for (const path of ["/", "/admin/login", "/results", surveyPath]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    const headers = res.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    // Choice lists load only from this site and the hosts QUORUM_CHOICES_HOSTS names (the e2e server names one).
    expect(csp).toContain("connect-src 'self' https://lists.example.org;");
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, `${path} has a script nonce`).toBeTruthy();
    nonces.add(nonce as string);
    const html = await res.text();
    // Every <script> Remix wrote carries this response's nonce.
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe(path.startsWith("/s/") ? "no-referrer" : "strict-origin-when-cross-origin");
    expect(headers["x-powered-by"]).toBeUndefined();
  }
  expect(nonces.size).toBe(4);
  // Addresses that do not decode, or carry a NUL, are refused with a 400 before any route runs.
  for (const bad of ["/s/%E0%A4%A", "/results/%ZZ", "/join/global-he%00", "/results?segment=%00"]) {
    const res = await request.get(bad);
    expect(res.status(), bad).toBe(400);
    expect(await res.text()).toMatch(/This address is not valid/);
  }
  // A respondent's POST is answered ahead of the page middleware (no nonce, no per-request helmet):
  // its JSON reply still carries the headers, with a policy that allows nothing at all.
  for (const path of [surveyPath, "/s/" + "A".repeat(43), "/s/%E0%A4%A", "/S/" + "A".repeat(43) + "/"]) {
    const res = await request.post(path, { data: { data: {}, complete: false } });
    expect(res.status(), path).toBeLessThan(500);
    const headers = res.headers();
    expect(headers["content-security-policy"], path).toBe("default-src 'none';frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    if (res.status() !== 400) expect(headers["cache-control"]).toContain("no-store");
    expect(headers["x-powered-by"]).toBeUndefined();
  }
});

test("a cross-site form post is refused, and hostile search text is shown escaped", async ({ page, request, db }) => {
  await db`insert into admins (email, password_hash, role) values ('e2e-viewer@example.org', ${await hash(PASSWORD)}, 'viewer')
    on conflict (lower(email)) do update set password_hash = excluded.password_hash`;
  const cross = await request.post("/admin/login", {
    form: { email: "admin@example.org", password: "whatever" },
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
  });
  expect(cross.status()).toBe(403);
  // A page that hides its origin ("null") is refused with a sentence, not Remix's 500; the same from a
  // same-origin page (Fetch Metadata says so) goes through to the form's own check.
  const hidden = await request.post("/admin/login", {
    form: { email: "admin@example.org", password: "whatever" },
    headers: { Origin: "null" },
  });
  expect(hidden.status()).toBe(403);
  expect(await hidden.text()).toMatch(/hides where it comes from/);
  const sameOrigin = await request.post("/admin/login", {
    form: { email: "admin@example.org", password: "whatever" },
    headers: { Origin: "null", "Sec-Fetch-Site": "same-origin" },
  });
  expect(sameOrigin.status()).toBe(401);

  await page.goto("/admin/login");
  await page.getByLabel("Email").fill("e2e-viewer@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Panels" })).toBeVisible();
  const hostile = `"><img src=x onerror=alert(1)>%_\\'--`;
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  await page.goto(`/admin/panels/global-he/panelists?q=${encodeURIComponent(hostile)}`);
  await expect(page.getByRole("searchbox").or(page.getByLabel(/Search/))).toHaveValue(hostile);
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test("a sign-in never ends on another site, however the redirect is disguised (issue 23, item 1)", async ({
  page,
  db,
}) => {
  await db`insert into admins (email, password_hash, role) values ('e2e-redirect@example.org', ${await hash(PASSWORD)}, 'viewer')
    on conflict (lower(email)) do update set password_hash = excluded.password_hash`;
  // Nothing may leave the machine: a request to the attacker's host is answered here and counted.
  let reachedEvil = 0;
  await page.route(
    (url) => url.hostname.toLowerCase().includes("evil.example"),
    async (route) => {
      reachedEvil += 1;
      await route.fulfill({ status: 200, body: "phished" });
    },
  );
  /** Signs in from the sign-in page with this redirect; returns where the server sent the browser. */
  const signInTo = async (target: string) => {
    await page.context().clearCookies();
    await page.goto(`/admin/login?redirectTo=${encodeURIComponent(target)}`);
    await expect(page.locator('input[name="redirectTo"]')).toHaveValue(target.replace(/[\t\n\r]/g, ""));
    await page.getByLabel("Email").fill("e2e-redirect@example.org");
    await page.getByLabel("Password").fill(PASSWORD);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/admin/login") && r.request().method() === "POST"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await page.waitForURL((url) => url.pathname !== "/admin/login");
    return { location: answer.headers()["location"], landed: new URL(page.url()) };
  };
  for (const target of [
    "/.//evil.example/phish",
    "/..//evil.example/phish",
    "/a/..//evil.example/phish",
    "/%2e//evil.example/phish",
    "/%2E%2E//evil.example/phish",
    "/./\\evil.example/phish",
    "/\\/evil.example/phish",
    "//evil.example/phish",
  ]) {
    const { location, landed } = await signInTo(target);
    expect(location, target).toBe("/admin");
    expect(landed.hostname, target).toBe("localhost");
    expect(landed.pathname, target).toBe("/admin");
  }
  expect(reachedEvil).toBe(0);
  // An ordinary target is still where the sign-in sends the browser.
  expect((await signInTo("/admin/waves")).location).toBe("/admin/waves");
});
