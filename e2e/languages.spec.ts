import { hash } from "@node-rs/argon2";
import { chooseInDropdown, chosenIn, expect, test } from "./fixtures";

const PASSWORD = "e2e password that is long";

test("the panel team sends a wave to Latin America: a Spanish-speaking panelist's invitation is in Spanish, an English speaker's in English", async ({
  page,
  db,
}) => {
  await db`insert into admins (email, password_hash, role) values ('e2e-languages@example.org', ${await hash(PASSWORD)}, 'editor')
    on conflict (lower(email)) do update set password_hash = excluded.password_hash`;
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill("e2e-languages@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Panels" })).toBeVisible();

  await page.goto("/admin/waves/new");
  await page.getByLabel("Panel", { exact: true }).selectOption("global-he");
  await page.getByLabel("Questionnaire", { exact: true }).selectOption("for-credit-micro-credentials-2024");
  await page.getByLabel("Slug").fill("e2e-latin-america");
  await page.getByLabel("Title", { exact: true }).fill("Micro-credentials: Latin America");
  await page.getByLabel("Latin America & Caribbean").check();
  await page.getByRole("button", { name: "Create the wave" }).click();
  await page.getByRole("button", { name: "Send invitations" }).click();
  await page
    .getByRole("alertdialog")
    .getByRole("button", { name: /^Send \d+ emails?$/ })
    .click();
  await expect(page.getByText(/email(s)? queued\.$/)).toBeVisible();

  const mails = await db<{ id: number; language: string | null }[]>`
    select e.id, p.language from emails e join panelists p on p.id = e.panelist_id
    where e.kind = 'invitation' and e.subject like '%: Micro-credentials: Latin America' order by e.id`;
  const spanish = mails.find((m) => m.language === "es");
  const english = mails.find((m) => m.language === null || m.language === "en");
  expect(spanish, "a demo panelist in Latin America reads Spanish").toBeDefined();
  await page.goto(`/admin/outbox/${spanish!.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Su invitación: Micro-credentials: Latin America");
  await expect(page.locator(".email-text")).toContainText("Nos gustaría conocer su opinión");
  await expect(page.locator(".email-text")).toContainText("[personal link]");
  if (english) {
    await page.goto(`/admin/outbox/${english.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Your invitation: Micro-credentials: Latin America",
    );
  }
});

test("the Arabic text of the 2024 questionnaire lays out right to left", async ({ page, state }) => {
  await page.goto(`${new URL(state.links.find((l) => l.includes("/s/")) as string).pathname}`);
  // The demo's first link is to the 2021 questionnaire (English only): no switcher there.
  await expect(page.getByRole("navigation", { name: "Language" })).toHaveCount(0);
  await page.goto(`${new URL(state.spanishLink).pathname}?lang=ar`);
  await expect(page.locator("main")).toHaveAttribute("dir", "rtl");
  await expect(page.getByText("أهلًا", { exact: false })).toBeVisible();
  const direction = await page.locator(".sd-root-modern").evaluate((el) => getComputedStyle(el).direction);
  expect(direction).toBe("rtl");
  // Choosing Spanish again is remembered with the link, for the next test's visit.
  await page.goto(`${new URL(state.spanishLink).pathname}?lang=es`);
  await expect(page.locator("main")).toHaveAttribute("lang", "es");
});

// A demo panelist who reads Spanish answers the 2024 questionnaire (in English, Spanish and French).
test("a Spanish-speaking panelist answers in Spanish, switches to English and back without losing answers, and is thanked in Spanish", async ({
  page,
  state,
  db,
}) => {
  const path = new URL(state.spanishLink).pathname;
  await page.goto(path);
  await expect(page.locator("main")).toHaveAttribute("lang", "es");
  await expect(page.getByText(/^Bienvenido\/a( de nuevo)?, \w+[.:]/)).toBeVisible();
  await expect(page.getByText("Este cuestionario está en español.", { exact: false })).toBeVisible();
  await expect(page.getByText("¿En qué país está su institución u organización?")).toBeVisible();

  // What the panel knows of her is filled in, said in Spanish; she confirms or corrects it.
  await expect(
    page.getByText("Algunas respuestas vienen rellenadas con lo que el panel sabe de usted", { exact: false }),
  ).toBeVisible();
  await chooseInDropdown(page, /En qué país/, "México");
  await page.getByText("Universidad pública", { exact: true }).click();

  // English keeps the answers given so far (they are saved on the server and in this browser).
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.locator("main")).toHaveAttribute("lang", "en");
  await expect(page.getByText("In which country is your institution or organisation based?")).toBeVisible();
  await expect(chosenIn(page, /In which country/)).toContainText("Mexico");
  await expect(page.getByRole("radio", { name: "Public university" })).toBeChecked();
  await page.getByRole("link", { name: "Español" }).click();
  await expect(page.locator("main")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("radio", { name: "Universidad pública" })).toBeChecked();
  await page.getByRole("button", { name: "Siguiente" }).click();

  // Page 2. survey-core's own strings are Spanish too: a required question left empty says so in Spanish.
  await page.getByRole("button", { name: "Siguiente" }).click();
  await expect(page.getByText("Por favor conteste la pregunta.").first()).toBeVisible();
  await page
    .getByRole("radiogroup", { name: /ofrece hoy microcredenciales/ })
    .getByText("Sí", { exact: true })
    .click();
  await page.getByText("Sí, ampliar lo que ofrecemos").click();
  await page.getByText("Mucho más probable").click();
  await page.getByRole("button", { name: "Siguiente" }).click();

  // Page 3: the five reasons (agree with each), and the 1–5 scale.
  const agree = page.getByRole("radio", { name: /, columna De acuerdo$/ });
  await expect(agree).toHaveCount(5);
  // SurveyJS draws its own circles over the inputs: tick each as a click on the circle would.
  for (const radio of await agree.all()) await radio.check({ force: true });
  // Its description names the numbers ("1 = muy en desacuerdo, 5 = muy de acuerdo"): they are shown, the end words beneath.
  const scale = page.getByRole("radiogroup", { name: /Las microcredenciales permiten/ });
  await expect(scale.getByText("Muy de acuerdo", { exact: true })).toBeVisible();
  await scale.getByText("5", { exact: true }).click();
  await page.getByRole("button", { name: "Siguiente" }).click();

  // Page 4
  await page.getByText("Dudas sobre la calidad de los programas").click();
  await page.getByRole("button", { name: "Siguiente" }).click();

  // Page 5
  await page.getByRole("button", { name: "Enviar mis respuestas" }).click();
  await expect(page.getByRole("heading", { name: /^Gracias, \w+$/ })).toBeVisible();
  await expect(page.getByText(/^Sus respuestas a .+ están guardadas\.$/)).toBeVisible();
  await expect(page.locator("main")).toHaveAttribute("lang", "es");

  const token = path.split("/").pop() as string;
  const [row] = await db<{ language: string; data: Record<string, unknown> }[]>`
    select r.language, r.data from responses r join invitations i on i.id = r.invitation_id where i.token_hash = sha256(convert_to(${token}, 'UTF8'))`;
  expect(row?.language).toBe("es");
  // Stored as choice values, never as the Spanish words.
  expect(row?.data).toMatchObject({
    country: "MX",
    organisationType: "public-university",
    offerToday: "yes",
    plans5y: "expand",
    barriers: ["quality"],
  });
  await page.screenshot({ path: "test-results/thanks-spanish.png" });
});

test("a reader whose browser speaks French gets the report in French, with no ?lang= in the link", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "fr-FR" });
  const page = await context.newPage();
  const response = await page.goto("/results/for-credit-micro-credentials-2024-demo-results");
  expect(response?.headers().vary).toMatch(/Accept-Language/i);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(
    page.getByRole("heading", {
      name: "Votre établissement propose-t-il aujourd’hui des micro-certifications créditées ?",
    }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Méthodologie" })).toBeVisible();
  // A link to another language still wins.
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await context.close();
});
