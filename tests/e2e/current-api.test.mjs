// End to end: the widget against answers shaped like the current API description
// (a COMPLETED test without a result, 403, a 429 with only X-RateLimit-Reset, a spent
// request budget, the v1 paths), in Chromium against mock-central over real HTTP.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack, isHttpStatusReport } from "./support/stack.mjs";
import { screenshot } from "./support/browser.mjs";
import { openEmbed, waitForEvent, whileAWidgetPolls, requestsBesideControl, WIDE, NARROW } from "./support/embed-page.mjs";

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => stack?.stop());

const open = (query, options) => openEmbed(stack, query, options);

/** The widget's root: in the page, or in the custom element's shadow root. */
const widget = (page, mode) => (mode === "element" ? page.locator("ap-ping-status .apw") : page.locator(".apw"));

/** The status GETs the mock saw for one task, with their arrival times. */
async function polls(taskId) {
  return (await stack.mock.requests()).filter((r) => r.method === "GET" && r.path.endsWith(`/${taskId}`));
}

const gaps = (requests) => requests.slice(1).map((r, i) => r.atMs - requests[i].atMs);

for (const [mode, viewport, colorScheme] of [["mount", WIDE, "light"], ["element", NARROW, "dark"]]) {
  test(`COMPLETED with a failReason ends without a result (${mode}, ${colorScheme})`, async () => {
    const page = await open({ mode, serial: "CNF7G9X012", destination: "www.djgdij.com" }, { viewport, colorScheme });
    const complete = await waitForEvent(page, "ping-complete");
    assert.equal(complete.status, "COMPLETED");
    assert.equal(complete.outcome, "noResult");
    assert.equal(complete.failReason, "Destination not resolved");
    assert.equal(complete.statistics.lossPercent, null, "nothing was sent: no loss figure");
    assert.equal(complete.statistics.error, "host address failed because the ipv4/v6 address www.djgdij.com is invalid.");
    const root = widget(page, mode);
    assert.equal(await root.locator(".apw-badge").textContent(), "No result");
    assert.equal(await root.locator(".apw-progress-panel__status").textContent(), "Ended without a result: Destination not resolved");
    assert.equal(
      await root.locator("[role=status][aria-live]").first().textContent(),
      "Ping test ended without a result. Destination not resolved. host address failed because the ipv4/v6 address www.djgdij.com is invalid.",
    );
    const card = await root.locator(".apw-noresult").textContent();
    assert.match(card, /The test ended without a result for www\.djgdij\.com/);
    assert.match(card, /The access point said: host address failed because the ipv4\/v6 address www\.djgdij\.com is invalid\./);
    assert.equal(await root.locator(".apw-summary, .apw-table").count(), 0, "no numbers of zero");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scroll (${overflow}px)`);
    await screenshot(page, `widget-no-result-${colorScheme}-${viewport === WIDE ? "wide" : "narrow"}`);
    assert.deepEqual(page.problems, []);
  });
}

test("403 stops polling with the code, the message and the missing permission", async () => {
  await stack.mock.clearRequests();
  const page = await open({ serial: "CNF7G9X013" });
  const error = await waitForEvent(page, "ping-error");
  assert.deepEqual([error.status, error.errorCode, error.kind], [403, "HPE_GL_ERROR_FORBIDDEN", "forbidden"]);
  const alert = page.getByRole("alert");
  assert.match(await alert.textContent(), /Forbidden: Access is denied\..*HTTP 403 · HPE_GL_ERROR_FORBIDDEN.*troubleshooting access/s);
  await screenshot(page, "widget-error-403-light-wide");
  const sent = (await requestsBesideControl(stack)).length;
  await whileAWidgetPolls(stack);
  assert.equal((await requestsBesideControl(stack)).length, sent, "nothing more after a 403");
  assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
});

test("a 429 with only X-RateLimit-Reset waits until the reset and says until when", async () => {
  await stack.mock.clearRequests();
  const resets = [];
  const watch = (page) => page.on("response", (r) => {
    if (r.status() === 429) resets.push(r.headers()["x-ratelimit-reset"]);
  });
  const page = await open({ serial: "CNF7G9X009", count: "4" }, { viewport: NARROW, colorScheme: "dark", watch });
  const { taskId } = await waitForEvent(page, "ping-started");
  const retrying = page.locator(".apw-alert--retrying");
  await retrying.waitFor({ timeout: 10_000 });
  const title = await retrying.locator(".apw-alert__title").textContent();
  const shown = /^Rate limited until (\d\d):(\d\d):(\d\d) \(attempt 1 of 5\)$/.exec(title);
  assert.ok(shown, title);
  assert.equal(resets.length, 1);
  const reset = new Date(resets[0]);
  const shownSeconds = Number(shown[1]) * 3600 + Number(shown[2]) * 60 + Number(shown[3]);
  const resetSeconds = reset.getUTCHours() * 3600 + reset.getUTCMinutes() * 60 + reset.getUTCSeconds();
  assert.ok(Math.abs(shownSeconds - resetSeconds) <= 1, `shows the reset time ${resets[0]}: ${title}`);
  await screenshot(page, "widget-rate-limited-dark-narrow");
  await waitForEvent(page, "ping-complete", 30_000);
  const seen = await polls(taskId);
  // The first status request got the 429 with a reset 2.5 s later; the backoff alone
  // would have asked again within 1 s.
  assert.ok(gaps(seen)[0] >= 2400, `waited for the reset: ${gaps(seen)}`);
  assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
});

test("X-RateLimit-Remaining: 0 moves the next poll to the reset: no request is refused", async () => {
  await stack.mock.clearRequests();
  const before = (await stack.mock.state()).overBudget;
  const page = await open({ serial: "CNF7G9X014", count: "12", interval: "300", prestart: "1" });
  const { taskId } = await waitForEvent(page, "ping-started");
  const note = page.locator(".apw-progress-panel", { hasText: "Request budget used up: next check at" });
  await note.waitFor({ timeout: 10_000 });
  assert.match(await note.textContent(), /next check at \d\d:\d\d:\d\d/);
  await screenshot(page, "widget-budget-spent-light-wide");
  await waitForEvent(page, "ping-complete", 30_000);
  const measured = gaps(await polls(taskId));
  assert.ok(measured.length >= 2, `${measured}`);
  assert.ok(measured.every((g) => g >= 1400), `every gap waits for the 1.5 s reset, not the 300 ms interval: ${measured}`);
  const after = (await stack.mock.state()).overBudget;
  assert.equal(after - before, 0, "the mock refused no request for a spent budget");
  console.log(`gaps between status requests with a spent budget (interval 300 ms, reset 1.5 s): ${measured.join(", ")} ms`);
  assert.deepEqual(page.problems, []);
});

for (const mode of ["mount", "element"]) {
  test(`api-version v1: the POST and every poll use the v1 paths (${mode})`, async () => {
    await stack.mock.clearRequests();
    const page = await open({ mode, serial: "CNF7G9X001", api: "v1" });
    const complete = await waitForEvent(page, "ping-complete");
    assert.equal(complete.outcome, "measured");
    const requests = await stack.mock.requests();
    assert.ok(requests.length >= 2);
    for (const r of requests) assert.match(r.path, /^\/network-troubleshooting\/v1\/aps\/CNF7G9X001\/ping/, r.path);
    assert.deepEqual(page.problems, []);
  });
}

test("an unknown api-version is a configuration error, and nothing is sent", async () => {
  await stack.mock.clearRequests();
  const page = await open({ mode: "element", serial: "CNF7G9X001", api: "v2" });
  const error = await waitForEvent(page, "ping-error");
  assert.equal(error.kind, "configuration");
  assert.match(error.message, /API version "v2" is not one of "v1alpha1", "v1"/);
  assert.deepEqual(await stack.mock.requests(), []);
});

for (const mode of ["mount", "element"]) {
  test(`vlan, interfacePort, role and includeRawOutput reach the API (${mode})`, async () => {
    const page = await open({ mode, serial: "CNF7G9X001", vlan: "4095", iface: "eth0", role: "lab", raw: "false" });
    const complete = await waitForEvent(page, "ping-complete");
    // The stand-in validates every field as the API does (a 400 otherwise) and leaves the
    // AP's text out when includeRawOutput is false.
    assert.equal(complete.outcome, "measured");
    assert.equal(complete.rawOutput, null);
    assert.deepEqual(page.problems, []);
  });
}

test("a start request outside the API's limits is refused before it is sent", async () => {
  await stack.mock.clearRequests();
  const page = await open({ serial: "CNF7G9X001", count: "101" });
  const error = await waitForEvent(page, "ping-error");
  assert.equal(error.message, "Widget configuration: count must be between 1 and 100");
  assert.equal(error.kind, "configuration");
  assert.deepEqual(await stack.mock.requests(), []);
});
