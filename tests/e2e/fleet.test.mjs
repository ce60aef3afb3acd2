// End to end: the fleet view (<ap-ping-fleet>, mountPingFleet) against mock-central's
// sites over real HTTP, in Chromium: HQ's run, its verdict and order, an opened row, and
// screenshots light and dark, wide and at 320 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack, isHttpStatusReport } from "./support/stack.mjs";
import { openPage, screenshot } from "./support/browser.mjs";
import fs from "node:fs/promises";

let stack;
before(async () => {
  // Central's published 7 a second; the page's budget sends 5.
  stack = await startStack({ mockArgs: ["--rate-limit-per-second", "7"] });
});
after(async () => stack?.stop());

const WIDE = { width: 1200, height: 1000 };
const NARROW = { width: 320, height: 900 };

/** fleet.html with `query`, in the en-GB locale and UTC. */
async function openFleet(query, { viewport = WIDE, colorScheme = "light" } = {}) {
  const page = await openPage(stack.browser, { viewport, colorScheme, locale: "en-GB", timezoneId: "UTC" });
  await page.goto(`${stack.server.url}/fleet.html?${new URLSearchParams(query)}`);
  await page.waitForFunction(() => window.fleetReady === true, null, { timeout: 15_000 });
  return page;
}

async function waitForFleetEvent(page, type, timeout = 90_000) {
  await page.waitForFunction((t) => window.fleetEvents.some((e) => e.type === t), type, { timeout });
  return page.evaluate((t) => window.fleetEvents.find((e) => e.type === t).detail, type);
}

const rowNames = (page) => page.locator(".apw-fleet__row .apw-fleet__name").allTextContents();

test("HQ: 40 APs, the two lossy ones named in the verdict and first in the table", async () => {
  const page = await openFleet({ siteName: "HQ" });
  await page.locator(".apw-fleet__estimate", { hasText: "About 121 requests" }).waitFor({ timeout: 20_000 });
  await page.locator(".apw-progress-panel__status", { hasText: /of 40 done, about .* left/ }).waitFor();
  await screenshot(page, "fleet-hq-mounted-running-light-wide");
  const complete = await waitForFleetEvent(page, "fleet-complete");
  assert.equal(complete.aps.length, 40);
  assert.deepEqual(complete.counts, { done: 40, total: 40, failed: 0, offline: 0 });
  assert.equal(complete.verdict.kind, "someAps");
  assert.equal(complete.verdict.text, "2 of 40 APs lose packets: hq-ap-07 (60%), hq-ap-23 (60%)");
  assert.deepEqual(complete.verdict.worst.map((w) => w.name), ["hq-ap-07", "hq-ap-23"]);
  const ap07 = complete.aps.find((a) => a.name === "hq-ap-07");
  assert.equal(ap07.serial, "HQ00000007");
  assert.equal(ap07.result.status, "COMPLETED", "the same object parsePingStatus returns");
  assert.equal(ap07.result.statistics.lossPercent, 60);
  assert.equal(ap07.figures.lossPercent, 60);
  const progress = await page.evaluate(() => window.fleetEvents.filter((e) => e.type === "fleet-progress").map((e) => e.detail));
  assert.ok(progress.length >= 2, `fleet-progress as the counts change: ${progress.length}`);
  assert.deepEqual(progress.at(-1), { done: 40, total: 40, failed: 0, offline: 0 });

  const verdict = page.locator(".apw-fleet__verdict");
  assert.equal(await verdict.textContent(), complete.verdict.text);
  assert.equal(await page.locator("[aria-live=polite].apw-visually-hidden").first().textContent(), complete.verdict.text);
  // Drawn over frames: wait for every row.
  await page.waitForFunction(() => document.querySelectorAll(".apw-fleet__row").length === 40);
  const names = await rowNames(page);
  assert.deepEqual(names.slice(0, 2), ["hq-ap-07", "hq-ap-23"], "the worst loss first");
  assert.equal(new Set(names).size, 40);

  // Under the page's budget (5 a second, 1,100 ms windows): no 429 from the mock's 7.
  const log = await stack.mock.requests();
  const entries = Array.isArray(log) ? log : log.requests ?? [];
  assert.equal(entries.filter((r) => r.status === 429).length, 0, "no 429");
  const statusPolls = entries.filter((r) => r.kind === "status").length;
  console.log(`HQ: ${entries.length} requests (${entries.filter((r) => r.kind === "list").length} list, ${entries.filter((r) => r.kind === "start").length} start, ${statusPolls} status)`);

  // Sorting by name, then back by loss.
  await page.getByRole("button", { name: "Name" }).click();
  assert.equal(await page.locator("th[aria-sort=ascending]").textContent(), "Name");
  assert.deepEqual((await rowNames(page)).slice(0, 2), ["hq-ap-01", "hq-ap-02"]);
  await page.getByRole("button", { name: "Loss" }).click();
  assert.equal(await page.locator("th[aria-sort=descending]").textContent(), "Loss");
  assert.deepEqual((await rowNames(page)).slice(0, 2), ["hq-ap-07", "hq-ap-23"]);

  // The filter.
  await page.getByLabel("Filter by name, serial or model").fill("HQ0000002");
  await page.waitForFunction(() => document.querySelectorAll(".apw-fleet__row").length === 10);
  await page.getByLabel("Filter by name, serial or model").fill("");
  await page.waitForFunction(() => document.querySelectorAll(".apw-fleet__row").length === 40);
  await screenshot(page, "fleet-hq-mounted-done-light-wide");

  // A row opens that AP's full result in place.
  await page.getByRole("button", { name: "hq-ap-07" }).click();
  const detail = page.locator(".apw-fleet__detail");
  await detail.locator(".apw-summary").waitFor();
  await detail.locator(".apw-chart__points").waitFor();
  assert.ok(await detail.locator(".apw-table tbody tr").count() >= 3, "its replies and lost sequences");
  await screenshot(page, "fleet-hq-mounted-row-open-light-wide");

  const problems = page.problems.filter((p) => !isHttpStatusReport(p));
  assert.deepEqual(problems, []);
  await page.close();
});

test("<ap-ping-fleet>: the finished HQ run and an opened row, light and dark, at 1200 px and 320 px", async () => {
  const looks = [[WIDE, "light", "wide"], [WIDE, "dark", "wide"], [NARROW, "light", "narrow"], [NARROW, "dark", "narrow"]];
  for (const [viewport, colorScheme, width] of looks) {
    // The element: its shadow root keeps the host page's table borders out.
    const page = await openFleet({ siteId: "24833497", mode: "element" }, { viewport, colorScheme });
    const complete = await waitForFleetEvent(page, "fleet-complete");
    const failed = complete.aps.filter((a) => a.error).map((a) => [a.name, a.error]);
    assert.deepEqual(failed, [], `${colorScheme} ${width}: no AP's test failed`);
    assert.equal(complete.verdict.kind, "someAps");
    await page.locator(".apw-fleet__row").nth(39).waitFor();
    // The page itself never scrolls sideways; the table scrolls inside its own box.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, `the page scrolls sideways at ${viewport.width} px`);
    await screenshot(page, `fleet-hq-done-${colorScheme}-${width}`);
    await page.getByRole("button", { name: "hq-ap-23" }).click();
    await page.locator(".apw-fleet__detail .apw-chart__points").waitFor();
    await page.locator(".apw-fleet__detail").scrollIntoViewIfNeeded();
    const overflowOpen = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflowOpen, 0, `an opened row makes the page scroll sideways at ${viewport.width} px`);
    await screenshot(page, `fleet-hq-row-open-${colorScheme}-${width}`);
    await page.close();
  }
});

test("a lower allowance than the estimate waits for the admin; Run again runs the same fleet anew", async () => {
  const page = await openPage(stack.browser, { viewport: WIDE, locale: "en-GB", timezoneId: "UTC" });
  // The list says the day's allowance has 10 requests left, until an hour from now.
  await page.route("**/network-monitoring/v1/aps?**", async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers(), "x-ratelimit-remaining": "10", "x-ratelimit-reset": new Date(Date.now() + 3_600_000).toISOString() };
    await route.fulfill({ response, headers });
  });
  await stack.mock.clearRequests();
  await page.goto(`${stack.server.url}/fleet.html?${new URLSearchParams({ siteName: "WAREHOUSE", mode: "element" })}`);
  const alert = page.locator(".apw-alert", { hasText: "This run needs about 34 requests, but Central allows only 10 more until its limit resets." });
  await alert.waitFor({ timeout: 20_000 });
  await screenshot(page, "fleet-warehouse-confirm-light-wide");
  const before = await stack.mock.requests();
  assert.deepEqual((Array.isArray(before) ? before : before.requests).map((r) => r.kind), ["list"], "nothing started before the admin confirms");
  await page.getByRole("button", { name: "Start anyway" }).click();
  const complete = await waitForFleetEvent(page, "fleet-complete");
  assert.equal(complete.verdict.kind, "beyondAps");
  assert.match(complete.verdict.text, /^All 11 APs lose packets to 8\.8\.8\.8: the problem is beyond the APs/);
  const offline = complete.aps.find((a) => a.name === "wh-ap-12");
  assert.deepEqual([offline.status, offline.state, offline.result], ["offline", "offline", null]);
  assert.equal(await page.locator(".apw-fleet__row--offline .apw-badge").textContent(), "offline: not tested");

  // Run again: the list again, the confirmation again (the allowance is still low), and a new run.
  await page.getByRole("button", { name: "Run again" }).click();
  await alert.waitFor();
  await page.getByRole("button", { name: "Start anyway" }).click();
  await page.waitForFunction(() => window.fleetEvents.filter((e) => e.type === "fleet-complete").length === 2, null, { timeout: 90_000 });
  const log = await stack.mock.requests();
  const kinds = (Array.isArray(log) ? log : log.requests).map((r) => r.kind);
  assert.equal(kinds.filter((k) => k === "list").length, 2);
  assert.equal(kinds.filter((k) => k === "start").length, 22, "11 online APs, twice; the offline one never");
  assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
  await page.close();
});

test("options the view cannot take are refused by name, before anything is sent", async () => {
  const page = await openFleet({ siteName: "HQ", mode: "element" });
  const refusal = (options) => page.evaluate((o) => {
    try {
      window.mountPingFleet(document.createElement("div"), o);
      return "mounted";
    } catch (error) {
      return error.message;
    }
  }, options);
  assert.equal(await refusal({ destination: "8.8.8.8" }), "invalid fleet options: one of siteId, siteName or serials is required");
  assert.equal(await refusal({ siteId: "24833497", siteName: "HQ", destination: "8.8.8.8" }), "invalid fleet options: give only one of siteId, siteName or serials");
  assert.equal(await refusal({ siteName: "HQ" }), "invalid fleet options: destination is required");
  assert.match(await refusal({ siteName: "HQ", destination: "8.8.8.8", count: 101 }), /^invalid fleet options: count .*100/);
  assert.match(await refusal({ siteName: "HQ", destination: "8.8.8.8", lossyAbovePercent: 100 }), /^invalid fleet options: lossyAbovePercent must be a percentage at least 0 and below 100/);
  assert.equal(await refusal({ serials: "HQ00000001", destination: "8.8.8.8" }), "mounted", "a string of serials, as the attribute gives");
  assert.equal(await refusal({ serials: [1], destination: "8.8.8.8" }), "invalid fleet options: serials must be an array of strings");
  // The element says it as a fleet-error of kind configuration.
  const detail = await page.evaluate(() => new Promise((resolve) => {
    const host = document.createElement("ap-ping-fleet");
    host.addEventListener("fleet-error", (e) => resolve(e.detail));
    host.setAttribute("destination", "8.8.8.8");
    document.body.append(host);
  }));
  assert.deepEqual(detail, { status: null, errorCode: null, message: "invalid fleet options: one of siteId, siteName or serials is required", kind: "configuration" });
  await page.close();
});

test("HQ's downloads: the CSV has one line per AP, the JSON is the fleet-complete detail", async () => {
  const page = await openFleet({ siteName: "HQ" });
  const complete = await waitForFleetEvent(page, "fleet-complete");
  assert.equal(complete.aps.length, 40);

  const [csvDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  assert.equal(csvDownload.suggestedFilename(), "ping-fleet-HQ.csv");
  const csv = await fs.readFile(await csvDownload.path(), "utf8");
  const lines = csv.split(/\r?\n/).filter((line) => line !== "");
  assert.equal(lines[0], "name,serial,model,state,loss_percent,median_ms,avg_ms,jitter_ms,error");
  assert.equal(lines.length, 41, "the header and one line per AP");
  const rows = lines.slice(1).map((line) => line.split(","));
  assert.ok(rows.every((cells) => cells.length === 9), "9 cells a line");
  assert.deepEqual(rows.map((cells) => cells[1]).sort(), complete.aps.map((a) => a.serial).sort(), "each AP once");
  const ap07 = rows.find((cells) => cells[0] === "hq-ap-07");
  assert.equal(ap07[1], "HQ00000007");
  assert.equal(ap07[4], "60", "hq-ap-07 loses 60%");
  for (const cells of rows) {
    const ap = complete.aps.find((a) => a.serial === cells[1]);
    assert.equal(Number(cells[4]), ap.figures.lossPercent, `${cells[0]}'s loss as fleet-complete says`);
    assert.equal(Number(cells[5]), ap.figures.medianMs, `${cells[0]}'s median as fleet-complete says`);
    assert.equal(cells[8], "", `${cells[0]} has no error`);
  }

  const [jsonDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download JSON" }).click(),
  ]);
  assert.equal(jsonDownload.suggestedFilename(), "ping-fleet-HQ.json");
  const json = JSON.parse(await fs.readFile(await jsonDownload.path(), "utf8"));
  assert.deepEqual(json, complete, "the JSON is the fleet-complete detail");
  assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
  await page.close();
});

test("a 403 on the list stops the run with fleet-error listForbidden, says why, and starts nothing", async () => {
  await stack.mock.clearRequests();
  const page = await openFleet({ siteName: "LOCKED" });
  const error = await waitForFleetEvent(page, "fleet-error", 30_000);
  assert.equal(error.kind, "listForbidden");
  assert.equal(error.status, 403);
  assert.equal(error.errorCode, "HPE_GL_ERROR_FORBIDDEN");
  const alert = page.locator(".apw-fleet [role=alert]");
  await alert.waitFor();
  assert.equal(await alert.locator(".apw-alert__next").textContent(), error.message, "the message, shown as text");
  assert.match(error.message, /may not list this site's access points \(403\)/);
  assert.match(await alert.textContent(), /HPE_GL_ERROR_FORBIDDEN/);
  await screenshot(page, "fleet-locked-403-light-wide");
  // Nothing started, nor anything after the list; no rows, no verdict, no downloads.
  const log = await stack.mock.requests();
  assert.deepEqual(log.map((r) => `${r.kind} ${r.status}`), ["list 403"]);
  assert.equal(await page.locator(".apw-fleet__row").count(), 0);
  assert.equal((await page.locator(".apw-fleet__verdict").allTextContents()).join(""), "", "no verdict");
  assert.equal(await page.getByRole("button", { name: "Download CSV" }).count(), 0);
  assert.equal(await page.evaluate(() => window.fleetEvents.filter((e) => e.type === "fleet-complete").length), 0);
  assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
  await page.close();
});

test("under a raised lossyAbovePercent, the verdict does not say 'no loss' of APs that lost packets", async () => {
  const page = await openFleet({ serials: "HQ00000007,HQ00000001,HQ00000002,HQ00000003", lossy: "70" });
  const complete = await waitForFleetEvent(page, "fleet-complete", 60_000);
  assert.equal(complete.aps.find((a) => a.name === "hq-ap-07").figures.lossPercent, 60);
  assert.doesNotMatch(complete.verdict.text, /no loss/, "hq-ap-07 lost 60%");
  await page.close();
});

test("a small fleet under a per-second limit starts without asking: the allowance refills within the second", async () => {
  const page = await openPage(stack.browser, { viewport: WIDE, locale: "en-GB", timezoneId: "UTC" });
  // As a 7-a-second account's fresh window says after the list: 6 left, reset in a second
  // (set here, so that the mock's window, which earlier tests' requests may share, cannot
  // change it).
  await page.route("**/network-monitoring/v1/aps?**", async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers(), "x-ratelimit-remaining": "6", "x-ratelimit-reset": new Date(Date.now() + 1000).toISOString() };
    await route.fulfill({ response, headers });
  });
  await page.goto(`${stack.server.url}/fleet.html?${new URLSearchParams({ serials: "HQ00000001,HQ00000002" })}`);
  await page.locator(".apw-fleet__estimate", { hasText: "About 7 requests" }).waitFor({ timeout: 20_000 });
  // The run's 6 other requests take over a second at 5 a second (1,100 ms windows): the
  // allowance refills before it runs out.
  await page.waitForFunction(
    () => window.fleetEvents.some((e) => e.type === "fleet-complete") || [...document.querySelectorAll("button")].some((b) => b.textContent === "Start anyway"),
    null,
    { timeout: 30_000 },
  );
  const asked = await page.locator(".apw-alert").allTextContents();
  assert.equal(await page.getByRole("button", { name: "Start anyway" }).count(), 0, `asked: ${asked.join(" ")}`);
  const complete = await waitForFleetEvent(page, "fleet-complete", 30_000);
  assert.deepEqual(complete.counts, { done: 2, total: 2, failed: 0, offline: 0 });
  await page.close();
});
