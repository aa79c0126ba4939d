// Measures the inbox in headless Chromium: first contentful paint and bytes transferred.
//   node e2e/perf.mjs <url> <cookie-name> <cookie-value>   → one JSON line on stdout
import { chromium } from "playwright-core";

const [url, name, value] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
await context.addCookies([{ name, value, url }]);
const runs = [];
for (let i = 0; i < 5; i++) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  runs.push(await page.evaluate(async () => {
    const nav = performance.getEntriesByType("navigation")[0];
    // The paint entry is recorded once the frame is drawn: wait for it (buffered) up to 5 s.
    const fcp = await new Promise((done) => {
      new PerformanceObserver((list) => {
        const e = list.getEntriesByName("first-contentful-paint")[0];
        if (e) done(e);
      }).observe({ type: "paint", buffered: true });
      setTimeout(() => done(null), 5000);
    });
    const resources = performance.getEntriesByType("resource");
    return {
      fcp_ms: fcp ? fcp.startTime : null,
      html_ms: nav.responseEnd,
      html_bytes: nav.encodedBodySize,
      asset_bytes: resources.reduce((n, r) => n + (r.encodedBodySize || 0), 0),
      lines: document.querySelectorAll("#rows li.line").length,
    };
  }));
  await page.close();
}
await browser.close();
console.log(JSON.stringify(runs));
