// End to end: the demo page built by `trunk build --release`, in a real Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStaticServer } from "./support/static-server.mjs";
import { launchBrowser, openPage, screenshot, DIST } from "./support/browser.mjs";

let server;
let browser;

before(async () => {
  server = await startStaticServer({ roots: [DIST] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the demo page loads the widget with a visible progress bar and no console error", async () => {
  const page = await openPage(browser, { viewport: { width: 900, height: 600 } });
  await page.goto(`${server.url}/`);
  const bar = page.getByRole("progressbar");
  await bar.waitFor({ state: "visible", timeout: 15_000 });
  assert.equal(await bar.getAttribute("aria-valuenow"), "40");
  const box = await page.locator(".apw-progress__track").boundingBox();
  assert.ok(box && box.width > 100, `the bar is drawn wide enough to see (${box?.width}px)`);
  await screenshot(page, "demo");
  assert.deepEqual(page.problems, []);
});
