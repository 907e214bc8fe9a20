// The published report as a reader on a slow phone gets it (part of npm run bench:pages): the HTML
// it is sent (bytes, and gzip as the server sends it), whether any script comes with it, first
// contentful paint on Lighthouse's slow-4G profile (150 ms round trip, 1.6 Mbps down, 750 kbps up)
// with a 4× slower CPU at 390×844, and the server's time for the page against its JSON.
import { gzipSync } from "node:zlib";
import type { Browser } from "@playwright/test";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export interface ReportPageFigures {
  htmlBytes: number;
  htmlGzipBytes: number;
  scripts: number;
  slowPhoneFcpMs: number;
  serverMs: number;
  jsonServerMs: number;
}

async function firstContentfulPaint(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(url, { waitUntil: "load" });
  const fcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const seen = performance.getEntriesByName("first-contentful-paint")[0];
        if (seen) return resolve(seen.startTime);
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName("first-contentful-paint")[0];
          if (entry) resolve(entry.startTime);
        }).observe({ type: "paint", buffered: true });
      }),
  );
  await context.close();
  return fcp;
}

async function serverTime(url: string, requests: number): Promise<number> {
  for (let i = 0; i < 20; i += 1) await (await fetch(url)).arrayBuffer(); // warm up
  const times: number[] = [];
  for (let i = 0; i < requests; i += 1) {
    const t = performance.now();
    await (await fetch(url)).arrayBuffer();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** The report's figures, medians of `loads` cold loads and `requests` requests. */
export async function measureReportPage(
  browser: Browser,
  url: string,
  loads: number,
  requests: number,
): Promise<ReportPageFigures> {
  const html = Buffer.from(await (await fetch(url)).arrayBuffer());
  const scripts = (html.toString("utf8").match(/<script\b/g) ?? []).length;
  const paints: number[] = [];
  for (let i = 0; i < loads; i += 1) paints.push(await firstContentfulPaint(browser, url));
  return {
    htmlBytes: html.length,
    htmlGzipBytes: gzipSync(html).length,
    scripts,
    slowPhoneFcpMs: Math.round(median(paints)),
    serverMs: await serverTime(url, requests),
    jsonServerMs: await serverTime(`${url}.json`, requests),
  };
}
