// The respondent page as a busy executive on a slow phone gets it (part of npm run bench:pages):
// cold loads of fresh personal links on Lighthouse's slow-4G profile (150 ms round trip, 1.6 Mbps
// down, 750 kbps up) with a 4× slower CPU at 390×844, and the same unthrottled. Each load taps the
// first radio the page offers as soon as it is there, then chooses a country, and records (in the
// page, from navigation start) when each milestone happened; after the script has taken over, it
// checks the tapped answer is still chosen.
import type { Browser, Page } from "@playwright/test";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

interface RespondentLoad {
  /** First contentful paint: the panel's name and the heading. */
  headingMs: number;
  /** A first-page input on screen and enabled. */
  inputMs: number;
  /** A tapped first-page radio registered as checked (its change event). */
  answeredMs: number;
  /** A country chosen in the country question (its change event, or its value shown). */
  countryMs: number;
  /** The respondent script fully arrived (resource timing's responseEnd). */
  scriptMs: number;
  /** survey-react-ui's page drawn (the script has taken over). */
  takeoverMs: number;
  /** Whether the radio tapped before the takeover is still chosen after it. */
  kept: boolean;
  htmlBytes: number;
  scriptBytes: number;
}

export interface Profile {
  name: string;
  throttle: boolean;
}

export const SLOW_PHONE: Profile = { name: "slow phone", throttle: true };
export const UNTHROTTLED: Profile = { name: "unthrottled", throttle: false };

// Runs in the page before anything else: notes when the milestones happen.
const OBSERVER = `(() => {
  const marks = (window.__quorumMarks = {});
  const note = (name) => { if (marks[name] === undefined) marks[name] = performance.now(); };
  const usable = (el) => !el.disabled && el.getClientRects().length > 0;
  const look = () => {
    const main = document.getElementById("main");
    if (!main) return;
    if (marks.input === undefined && [...main.querySelectorAll("input[type=radio], input[type=checkbox], select")].some(usable))
      requestAnimationFrame(() => note("input"));
    if (marks.takeover === undefined && main.querySelector(".sd-root-modern .sd-question")) requestAnimationFrame(() => note("takeover"));
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true });
  document.addEventListener("change", (e) => {
    const t = e.target;
    if (t instanceof HTMLInputElement && t.type === "radio" && t.checked) note("answered");
    if (t instanceof HTMLSelectElement && t.value) note("country");
  }, true);
})();`;

async function mark(page: Page, name: string, timeoutMs = 60_000): Promise<number> {
  const handle = await page.waitForFunction(
    (n) => (window as unknown as { __quorumMarks: Record<string, number> }).__quorumMarks[n],
    name,
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue()) as number;
}

async function oneLoad(browser: Browser, url: string, profile: Profile): Promise<RespondentLoad> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (profile.throttle) {
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  }
  await page.addInitScript(OBSERVER);
  await page.goto(url, { waitUntil: "commit" });
  // Tap the first radio as soon as it is on screen (SurveyJS hides its inputs behind their labels: tap the label).
  const radio = page.locator("#main label:has(input[type=radio]:not(:checked))").first();
  await radio.waitFor({ state: "visible", timeout: 60_000 });
  await radio.tap();
  const answeredMs = await mark(page, "answered");
  let countryMs: number;
  const select = page.locator("#main select").first();
  if ((await select.count()) > 0) {
    await select.selectOption({ label: (await select.inputValue()) === "KE" ? "Chile" : "Kenya" });
    countryMs = await mark(page, "country");
  } else {
    // survey-react-ui's own dropdown: open it, type, pick the option.
    const input = page.getByRole("combobox", { name: /country/i });
    await page.locator(".sd-dropdown", { has: input }).click();
    await page.keyboard.type("Kenya");
    await page.getByRole("option", { name: "Kenya", exact: true }).click();
    await page.locator(".sd-dropdown", { hasText: "Kenya" }).first().waitFor();
    countryMs = await page.evaluate(() => performance.now());
  }
  const takeoverMs = await mark(page, "takeover");
  const kept = await page.locator("#main .sd-root-modern input[type=radio]:checked").count();
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const script = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find((r) =>
      r.name.includes("/build/survey/"),
    );
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    return {
      heading: fcp?.startTime ?? 0,
      script: script?.responseEnd ?? 0,
      htmlBytes: nav.encodedBodySize,
      scriptBytes: script?.encodedBodySize ?? 0,
    };
  });
  const inputMs = await mark(page, "input");
  await context.close();
  return {
    headingMs: timing.heading,
    inputMs,
    answeredMs,
    countryMs,
    scriptMs: timing.script,
    takeoverMs,
    kept: kept > 0,
    htmlBytes: timing.htmlBytes,
    scriptBytes: timing.scriptBytes,
  };
}

export type RespondentFigures = Omit<RespondentLoad, "kept"> & { kept: number; loads: number };

/** Medians over one cold load per link (each link fresh: nothing saved, nothing cached). */
export async function measureRespondentPage(
  browser: Browser,
  links: string[],
  profile: Profile,
): Promise<RespondentFigures> {
  const loads: RespondentLoad[] = [];
  for (const link of links) loads.push(await oneLoad(browser, link, profile));
  const m = (f: (l: RespondentLoad) => number) => Math.round(median(loads.map(f)));
  return {
    headingMs: m((l) => l.headingMs),
    inputMs: m((l) => l.inputMs),
    answeredMs: m((l) => l.answeredMs),
    countryMs: m((l) => l.countryMs),
    scriptMs: m((l) => l.scriptMs),
    takeoverMs: m((l) => l.takeoverMs),
    htmlBytes: m((l) => l.htmlBytes),
    scriptBytes: m((l) => l.scriptBytes),
    kept: loads.filter((l) => l.kept).length,
    loads: loads.length,
  };
}

/** One line of the table bench:pages prints. */
export function respondentRow(name: string, f: RespondentFigures): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return (
    `  ${name.padEnd(12)} ${s(f.headingMs).padStart(8)} ${s(f.inputMs).padStart(9)} ${s(f.answeredMs).padStart(9)} ` +
    `${s(f.countryMs).padStart(9)} ${s(f.scriptMs).padStart(9)} ${s(f.takeoverMs).padStart(9)}   ` +
    `${(f.htmlBytes / 1024).toFixed(1)} KB / ${(f.scriptBytes / 1024).toFixed(1)} KB   ${f.kept}/${f.loads}`
  );
}
