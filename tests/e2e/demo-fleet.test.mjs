// End to end: the demo page's fleet view (index.html built by trunk, mountPingFleet) in
// Chromium: against mock-central with its site picker (the sites of /__mock/sites), under
// the strict CSP central-proxy sends; and served by central-proxy for a "real account",
// where the site is a name to type. Screenshots light and dark, at 1200 px and 360 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "./support/stack.mjs";
import { openPage, screenshot, DIST } from "./support/browser.mjs";
import { startMockCentral } from "./support/mock-central.mjs";
import { axeViolations } from "./support/axe.mjs";
import { startCentralProxy } from "./support/central-proxy.mjs";
import { eventLog } from "./support/demo-page.mjs";

const HQ_VERDICT = "2 of 40 APs lose packets: hq-ap-07 (60%), hq-ap-23 (60%)";
const WIDE = { width: 1200, height: 1000 };
const NARROW = { width: 360, height: 900 };

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => stack?.stop());

test("the demo's fleet: the sites of /__mock/sites in the picker, HQ run to its verdict under the strict CSP, events in the log, no console error", async () => {
  const page = await openPage(stack.browser, { viewport: WIDE, locale: "en-GB", timezoneId: "UTC" });
  const answer = await page.goto(`${stack.server.url}/?csp=strict`);
  assert.match(answer.headers()["content-security-policy"], /style-src 'self'/, "the page runs under the strict CSP");

  // Every site of the stand-in, with its name, AP count and description.
  const picker = page.locator("select[name=site]");
  await picker.waitFor({ state: "visible", timeout: 15_000 });
  const sites = await (await fetch(`${stack.mock.url}/__mock/sites`)).json();
  assert.deepEqual(sites.map((s) => s.siteName).sort(), ["CAMPUS", "DEMO", "HQ", "LOCKED", "WAREHOUSE"]);
  const offered = await picker.locator("option").evaluateAll((options) => options.map((o) => [o.value, o.textContent]));
  assert.deepEqual(offered, sites.map((s) => [s.siteId, `${s.siteName} (${s.apCount} AP${s.apCount === 1 ? "" : "s"}): ${s.description}`]));
  assert.equal(await page.locator("input[name=siteName]").isVisible(), false, "no site name to type: the sites are listed");

  // No run before the button: a fleet costs a few requests per AP.
  assert.equal(await page.locator("#ping-fleet .apw-fleet").count(), 0);
  const hq = sites.find((s) => s.siteName === "HQ");
  await picker.selectOption(hq.siteId);
  assert.match(await page.locator("#fleet-site-about").textContent(), /^HQ, 40 APs: two APs \(hq-ap-07, hq-ap-23\) with a lossy uplink/);
  await page.locator("#fleet-form").getByRole("button", { name: "Start fleet test" }).click();
  const verdict = page.locator("#ping-fleet .apw-fleet__verdict");
  await verdict.filter({ hasText: /lose packets|no loss|beyond/ }).waitFor({ timeout: 90_000 });
  assert.equal(await verdict.textContent(), HQ_VERDICT);

  // The log tells the run: its progress on one line, then the verdict.
  const log = await eventLog(page);
  assert.deepEqual(log.find(([type]) => type === "fleet-complete"), ["fleet-complete", HQ_VERDICT]);
  assert.deepEqual(log.find(([type]) => type === "fleet-progress"), ["fleet-progress", "40 of 40 done, 0 failed, 0 offline"]);
  assert.equal(log.filter(([type]) => type === "fleet-progress").length, 1, "one progress line per run");
  assert.ok(log.some(([type]) => type === "ping-complete"), `the single widget's run is logged too: ${JSON.stringify(log)}`);
  // The list of APs went to the stand-in's API for HQ's id.
  const lists = stack.forwarded.filter((r) => r.path.startsWith("/network-monitoring/v1/aps"));
  assert.ok(lists.length >= 1 && lists.every((r) => decodeURIComponent(r.path).includes(hq.siteId)), JSON.stringify(lists));

  await page.waitForFunction(() => document.querySelectorAll("#ping-fleet .apw-fleet__row").length === 40);
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    for (const [width, viewport] of [["wide", WIDE], ["narrow", NARROW]]) {
      await page.setViewportSize(viewport);
      // Nothing of the demo's own layout wider than the window.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${colorScheme} ${width}: the page scrolls sideways by ${overflow} px`);
      if (width === "wide") {
        // The demo gives the fleet table room for every column: no sideways scroll in it.
        const box = await page.locator("#ping-fleet .apw-fleet__box").evaluate((el) => el.scrollWidth - el.clientWidth);
        assert.ok(box <= 0, `${colorScheme} wide: the fleet table scrolls sideways by ${box} px`);
      }
      if (width === "narrow") {
        // One column of fields (a field spanning two must not add a second, squeezed one).
        const lefts = await page.locator("#ping-form > label:not([hidden]), #fleet-form > label:not([hidden])")
          .evaluateAll((labels) => [...new Set(labels.map((l) => Math.round(l.getBoundingClientRect().left)))]);
        assert.equal(lefts.length, 1, `one column of fields at 360 px: lefts ${lefts}`);
      }
      await screenshot(page, `demo-fleet-hq-${colorScheme}-${width}`);
    }
  }

  // Start again: the previous view is destroyed, a new one runs.
  await page.setViewportSize(WIDE);
  const warehouse = sites.find((s) => s.siteName === "WAREHOUSE");
  await picker.selectOption(warehouse.siteId);
  await page.locator("#fleet-form").getByRole("button", { name: "Start fleet test" }).click();
  await verdict.filter({ hasText: /beyond the APs/ }).waitFor({ timeout: 90_000 });
  assert.equal(await page.locator("#ping-fleet .apw-fleet").count(), 1, "one fleet view");
  assert.deepEqual(page.problems, []);
});

test("the demo page with a finished fleet run and its event log has no axe-core violation, light and dark", async () => {
  const page = await openPage(stack.browser, { viewport: WIDE });
  // No strict CSP here: axe-core is injected as an inline script.
  await page.goto(`${stack.server.url}/`);
  await page.locator("select[name=site]").waitFor({ state: "visible", timeout: 15_000 });
  await page.locator("select[name=site]").selectOption({ index: 0 }); // HQ, listed first
  await page.locator("#fleet-form").getByRole("button", { name: "Start fleet test" }).click();
  await page.locator("#ping-fleet .apw-fleet__verdict").filter({ hasText: /lose packets|no loss|beyond/ }).waitFor({ timeout: 90_000 });
  await page.locator("#event-log li code", { hasText: "fleet-complete" }).waitFor();
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    assert.deepEqual(await axeViolations(page, "main"), [], colorScheme);
  }
  assert.deepEqual(page.problems, []);
});

test("the demo served by central-proxy: a site name to type (no /__mock/sites), HQ run to its verdict", async () => {
  const secret = "e2e-client-secret";
  const mock = await startMockCentral(["--reply-interval-ms", "150", "--client-id", "e2e-client", "--client-secret", secret]);
  const proxy = await startCentralProxy({ centralUrl: mock.url, clientId: "e2e-client", secret, args: ["--serve", DIST] });
  const page = await openPage(stack.browser, { viewport: WIDE });
  page.requested = [];
  page.on("request", (r) => page.requested.push(new URL(r.url()).pathname));
  try {
    await page.goto(`${proxy.url}/`);
    const siteName = page.locator("input[name=siteName]");
    await siteName.waitFor({ state: "visible", timeout: 15_000 });
    assert.equal(await page.locator("select[name=site]").isVisible(), false, "no site picker");
    await siteName.fill("HQ");
    await page.locator("#fleet-form").getByRole("button", { name: "Start fleet test" }).click();
    const verdict = page.locator("#ping-fleet .apw-fleet__verdict");
    await verdict.filter({ hasText: /lose packets|no loss|beyond/ }).waitFor({ timeout: 90_000 });
    assert.equal(await verdict.textContent(), HQ_VERDICT);
    assert.deepEqual(page.requested.filter((p) => p.startsWith("/__mock/")), [], "nothing asked of the stand-in's own lists");
    await screenshot(page, "demo-fleet-through-proxy-light-wide");
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
    proxy.stop();
    mock.stop();
  }
});
