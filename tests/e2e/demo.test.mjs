// End to end: the demo page (index.html built by trunk) against mock-central, in Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { startStack } from "./support/stack.mjs";
import { openPage, screenshot } from "./support/browser.mjs";

let stack;
before(async () => {
  // An AP a little slower than a packet a second: the widget first asks after the run
  // time it expects (count × 1 s), and the test, still running then, shows its progress.
  stack = await startStack({ mockArgs: ["--reply-interval-ms", "1300"] });
});
after(async () => stack?.stop());

test("the demo page runs a ping test from 0% to 100% with no console error", async () => {
  const page = await openPage(stack.browser, { viewport: { width: 1000, height: 900 } });
  // Not served by central-proxy: the page offers the stand-in's devices and its demo token.
  await page.goto(`${stack.server.url}/`);
  assert.equal(await page.locator("input[name=token]").inputValue(), "demo-token");
  assert.ok(await page.locator("input[name=token]").isVisible(), "the token field is shown, filled in");
  const bar = page.getByRole("progressbar");
  await bar.waitFor({ state: "visible", timeout: 15_000 });
  // Every value the bar takes, recorded in the page as it changes (no sampling).
  await page.evaluate(() => {
    const record = () => {
      const value = Number(document.querySelector("[role=progressbar]")?.getAttribute("aria-valuenow") ?? NaN);
      if (!Number.isNaN(value) && window.seenProgress.at(-1) !== value) window.seenProgress.push(value);
    };
    window.seenProgress = [];
    record();
    // The whole page: the bar is found again if it is ever drawn anew.
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-valuenow"] });
  });
  await page.waitForFunction(() => window.seenProgress.at(-1) === 100, null, { timeout: 20_000 });
  const seen = await page.evaluate(() => window.seenProgress);
  assert.equal(seen.at(-1), 100, `reached 100%: ${seen}`);
  assert.ok(seen.some((v) => v > 0 && v < 100), `showed progress on the way: ${seen}`);
  assert.deepEqual(seen, [...seen].sort((a, b) => a - b), "progress only rises");
  await page.locator(".apw-table").waitFor();
  assert.match(await page.locator(".apw-badge").textContent(), /Completed/i);
  assert.notEqual(await page.locator("#ping-form input[name=taskId]").inputValue(), "", "the started task id is shown");
  await screenshot(page, "demo-completed");

  // "Download JSON" saves exactly what parsePingStatus returns for the server's answer.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download JSON" }).click(),
  ]);
  const saved = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  const task = await page.locator("#ping-form input[name=taskId]").inputValue();
  const serial = await page.locator("#ping-form input[name=serial]").inputValue();
  const answer = await (await fetch(`${stack.mock.url}/network-troubleshooting/v1alpha1/aps/${serial}/ping/async-operations/${task}`, {
    headers: { Authorization: "Bearer demo-token" },
  })).text();
  const expected = await page.evaluate(async (body) => {
    const glue = await import("/ap-ping-widget.js");
    return glue.parsePingStatus(body);
  }, answer);
  assert.deepEqual(saved, expected);
  assert.equal(saved.statistics.replies.length, expected.statistics.replies.length);

  // The stand-in's devices are offered with what each shows; the serial field still takes any.
  const picker = page.locator("#ping-form select[name=device]");
  await picker.waitFor({ state: "visible" });
  const offered = await picker.locator("option").allTextContents();
  const devices = await (await fetch(`${stack.mock.url}/__mock/devices`)).json();
  assert.deepEqual(offered.slice(1), devices.map((d) => `${d.name}: ${d.serial}`));
  assert.ok(offered.some((o) => o.includes("(lossy)")) && offered.some((o) => o.includes("(offline)")), `${offered}`);
  await picker.selectOption("CNF7G9X002");
  assert.equal(await page.locator("#ping-form input[name=serial]").inputValue(), "CNF7G9X002");
  await page.locator("#ping-form input[name=serial]").fill("MYOWNSERIAL1");
  assert.equal(await picker.inputValue(), "", "a serial of one's own leaves the picker on 'any serial'");
  assert.equal(await page.locator("#demo-devices option").count(), devices.length, "and the field suggests the devices");
  await screenshot(page, "demo-device-picker-light-wide");
  await page.setViewportSize({ width: 360, height: 900 });
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "demo-device-picker-dark-narrow");
  assert.deepEqual(page.problems, []);
});
