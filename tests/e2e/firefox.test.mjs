// End to end in Firefox ESR over WebDriver (geckodriver + selenium-webdriver), against
// mock-central over real HTTP: a whole test through mountPingWidget, the custom element,
// an error state, the page's language, the fleet view's run of HQ to its verdict, and a
// traceroute to its verdict. The
// Chromium suite covers every case; this one checks that what an admin sees holds in the
// other engine.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "./support/stack.mjs";
import { launchFirefox, waitFor, firefoxScreenshot } from "./support/firefox.mjs";

let stack;
before(async () => {
  stack = await startStack({ chromium: false });
});
after(async () => stack?.stop());

/** A Firefox on the embedding page with `query`; closed after `fn`, whatever happens. */
async function withPage(query, fn, size = {}) {
  const driver = await launchFirefox(size);
  try {
    await driver.get(`${stack.server.url}/embed.html?${new URLSearchParams(query)}`);
    await waitFor(driver, "return window.pingReady === true");
    await fn(driver);
    assert.deepEqual(await driver.executeScript("return window.pageErrors"), [], "no error in the page");
  } finally {
    await driver.quit();
  }
}

const firstEvent = (driver, type) => waitFor(
  driver,
  "return window.pingEvents.find((e) => e.type === arguments[0])?.detail",
  20_000,
  type,
);

test("Firefox: a whole test through mountPingWidget, the card, chart and table match the server", async () => {
  await withPage({ serial: "CNF7G9X002", count: "6" }, async (driver) => {
    const { taskId } = await firstEvent(driver, "ping-started");
    const complete = await firstEvent(driver, "ping-complete");
    // The page grows with the result and Firefox's scrollbar takes width: the chart is
    // drawn again for the width that is left.
    await waitFor(driver, `const box = document.querySelector(".apw-chart__box");
      return box && Number(box.querySelector("svg")?.getAttribute("viewBox").split(" ")[2]) === box.clientWidth;`);
    const server = JSON.parse(
      await stack.mock.status(`/network-troubleshooting/v1alpha1/aps/CNF7G9X002/ping/async-operations/${taskId}`),
    );
    assert.equal(complete.status, "COMPLETED");
    const s = complete.statistics;
    assert.equal(s.transmitted, Number(server.output.transmittedPacketsCount));
    const seen = await driver.executeScript(() => ({
      badge: document.querySelector(".apw-badge").textContent,
      sent: [...document.querySelectorAll(".apw-stat")].find((e) => e.querySelector("dt").textContent === "Sent")
        .querySelector("dd").textContent,
      rows: document.querySelectorAll(".apw-table tbody tr").length,
      tips: document.querySelectorAll(".apw-chart__points title").length,
      chartWidth: document.querySelector(".apw-chart__svg").getAttribute("viewBox").split(" ")[2],
      boxWidth: document.querySelector(".apw-chart__box").clientWidth,
      scroll: document.documentElement.scrollWidth - innerWidth,
    }));
    assert.equal(seen.badge, "Completed");
    assert.equal(seen.sent, String(s.transmitted));
    assert.equal(seen.rows, s.replies.length + s.missingSequences.length, "a row per reply and per lost packet");
    assert.equal(seen.tips, s.replies.length, "a tip per reply");
    assert.equal(Number(seen.chartWidth), seen.boxWidth, "the chart is drawn for the width Firefox gives it");
    assert.ok(seen.scroll <= 0, `no sideways scroll (${seen.scroll}px)`);
    await firefoxScreenshot(driver, "firefox-completed-light-wide");
  });
});

test("Firefox: the custom element renders in its shadow root, narrow and dark, in German", async () => {
  const query = {
    mode: "element", serial: "CNF7G9X002", lang: "de-DE",
    messages: JSON.stringify({ badgeCompleted: "Abgeschlossen", avgRtt: "Mittlere RTT" }),
  };
  await withPage(query, async (driver) => {
    const complete = await firstEvent(driver, "ping-complete");
    const seen = await driver.executeScript(() => {
      const root = window.pingElement.shadowRoot;
      return {
        badge: root.querySelector(".apw-badge").textContent,
        avg: [...root.querySelectorAll(".apw-stat")].find((e) => e.querySelector("dt").textContent === "Mittlere RTT")
          .querySelector("dd").textContent,
        outside: document.querySelectorAll(".apw").length,
        scroll: document.documentElement.scrollWidth - innerWidth,
      };
    });
    assert.equal(seen.badge, "Abgeschlossen");
    const avg = complete.statistics.rtt.avgMs;
    assert.equal(seen.avg, `${new Intl.NumberFormat("de-DE", { maximumFractionDigits: avg < 10 ? 2 : 1 }).format(avg)} ms`);
    assert.equal(seen.outside, 0, "nothing in the page's own DOM");
    assert.ok(seen.scroll <= 0, `no sideways scroll at 360 px (${seen.scroll}px)`);
    await firefoxScreenshot(driver, "firefox-element-dark-narrow");
  }, { width: 360, height: 900, colorScheme: "dark" });
});

test("Firefox: a 401 stops with the API's code, message and what to do", async () => {
  await withPage({ token: "wrong" }, async (driver) => {
    const error = await firstEvent(driver, "ping-error");
    assert.equal(error.status, 401);
    assert.equal(error.kind, "unauthorized");
    const alert = await waitFor(driver, "return document.querySelector('[role=alert]')?.textContent");
    assert.match(alert, /Authentication required\..*HTTP 401 · HPE_GL_ERROR_UNAUTHORIZED.*Check the API token/s);
    await firefoxScreenshot(driver, "firefox-error-401-light-wide");
  });
});

test("Firefox: the fleet view runs HQ's 40 APs to its verdict, the two lossy ones first", async () => {
  const driver = await launchFirefox({ width: 1200, height: 1000 });
  try {
    await driver.get(`${stack.server.url}/fleet.html?siteName=HQ`);
    await waitFor(driver, "return window.fleetReady === true");
    // Running: the progress in words, with the time left.
    const running = await waitFor(driver, "return document.querySelector('.apw-progress-panel__status')?.textContent.match(/of 40 done/) && document.querySelector('.apw-progress-panel__status').textContent");
    assert.match(running, /of 40 done, about .* left/);
    const complete = await waitFor(
      driver,
      "return window.fleetEvents.find((e) => e.type === 'fleet-complete')?.detail",
      120_000,
    );
    assert.deepEqual(complete.counts, { done: 40, total: 40, failed: 0, offline: 0 });
    assert.equal(complete.verdict.text, "2 of 40 APs lose packets: hq-ap-07 (60%), hq-ap-23 (60%)");
    await waitFor(driver, "return document.querySelectorAll('.apw-fleet__row').length === 40");
    const seen = await driver.executeScript(() => ({
      verdict: document.querySelector(".apw-fleet__verdict").textContent,
      firstTwo: [...document.querySelectorAll(".apw-fleet__row .apw-fleet__name")].slice(0, 2).map((e) => e.textContent),
      scroll: document.documentElement.scrollWidth - innerWidth,
    }));
    assert.equal(seen.verdict, complete.verdict.text);
    assert.deepEqual(seen.firstTwo, ["hq-ap-07", "hq-ap-23"]);
    assert.ok(seen.scroll <= 0, `no sideways scroll (${seen.scroll}px)`);
    await firefoxScreenshot(driver, "firefox-fleet-hq-done-light-wide");
    assert.deepEqual(await driver.executeScript("return window.pageErrors"), [], "no error in the page");
  } finally {
    await driver.quit();
  }
});

test("Firefox: a traceroute runs to its verdict, a row a hop, the lossy hop marked", async () => {
  const driver = await launchFirefox({ width: 1000, height: 900 });
  try {
    await driver.get(`${stack.server.url}/trace.html?${new URLSearchParams({ widgets: "trace:CNF7G9X001:lossy-path.example", csp: "strict" })}`);
    await waitFor(driver, "return window.traceReady === true");
    const complete = await waitFor(driver, "return window.traceEvents.find((e) => e.type === 'traceroute-complete')?.detail");
    assert.equal(complete.status, "COMPLETED");
    assert.equal(complete.trace.reached, true);
    await waitFor(driver, "return document.querySelector('.apw-trace__verdict')");
    const seen = await driver.executeScript(() => ({
      verdict: document.querySelector(".apw-trace__verdict").textContent,
      rows: [...document.querySelectorAll(".apw-hops tbody tr")].map((r) => r.cells[0].textContent),
      marked: [...document.querySelectorAll(".apw-hop--marked")].map((r) => r.cells[0].textContent),
      fine: document.querySelector(".apw-hop__mark--fine")?.textContent,
      scroll: document.documentElement.scrollWidth - innerWidth,
    }));
    assert.equal(seen.verdict, "Reached 203.0.113.120 in 10 hops");
    assert.deepEqual(seen.rows, complete.trace.hops.map((h) => String(h.hop)));
    assert.deepEqual(seen.marked, ["4", "7"]);
    assert.match(seen.fine ?? "", /ICMP rate limit/);
    assert.ok(seen.scroll <= 0, `no sideways scroll (${seen.scroll}px)`);
    await firefoxScreenshot(driver, "firefox-trace-lossy-light-wide");
    assert.deepEqual(await driver.executeScript("return window.pageErrors"), [], "no error in the page");
  } finally {
    await driver.quit();
  }
});
