// Launches Debian's Chromium through playwright-core, with the flags this closed network
// needs, and collects what a page logs so tests can assert there were no errors.
import { chromium } from "playwright-core";
import path from "node:path";
import fs from "node:fs/promises";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const DIST = path.join(ROOT, "dist");
export const SCREENSHOTS = path.join(ROOT, "target", "screenshots");

const ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--no-first-run",
  "--disable-sync", "--disable-quic",
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ARGS,
  });
}

/** A new page whose console errors and page errors are collected in `page.problems`. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") {
      page.problems.push(`console.error: ${msg.text()} (${msg.location().url})`);
    }
  });
  page.on("pageerror", (err) => page.problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => {
    // A request the widget aborts on purpose (destroy, timeout) is not a problem.
    if (req.failure()?.errorText !== "net::ERR_ABORTED") {
      page.problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
    }
  });
  return page;
}

/** Saves a full-page PNG under target/screenshots/ and returns its path. */
export async function screenshot(page, name) {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
