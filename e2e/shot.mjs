// Takes screenshots of a running desk (a helper for looking at the screens by hand):
//   node e2e/shot.mjs <base-url> <one-time-login-path> <out-dir> [paths...]
import { chromium } from "playwright-core";

const [base, login, out, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic"],
});
for (const [label, viewport] of [["wide", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
  const page = await browser.newPage({ viewport });
  if (label === "wide") await page.goto(base + login);
  else {
    const cookies = await browser.contexts()[0].cookies();
    await page.context().addCookies(cookies);
  }
  for (const p of paths) {
    await page.goto(base + p);
    await page.waitForTimeout(300);
    const name = p.replace(/[^a-z0-9]+/gi, "_") || "root";
    await page.screenshot({ path: `${out}/${label}${name}.png`, fullPage: false });
  }
}
await browser.close();
