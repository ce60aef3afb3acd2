// End to end: the AP traceroute widget (mountTracerouteWidget, <ap-traceroute-status>)
// embedded in a plain admin page (pages/trace.html) under a strict CSP, against
// mock-central over real HTTP, in Chromium: each of the stand-in's paths (picked by
// destination) in both API versions, the events and the progress while a trace runs,
// Run again and the downloads, "Trace the path" from a lossy ping, two traces and a ping
// under the page's request budget, 320 px, and a trace through central-proxy.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { startStack, isHttpStatusReport } from "./support/stack.mjs";
import { screenshot, SCREENSHOTS } from "./support/browser.mjs";
import { openTracePage, traceEvents, waitForTraceEvent, TRACE } from "./support/trace-page.mjs";
import { measureRate, recordApiRequests, settledLog } from "./support/rate.mjs";

/** mock-central's lossy demo AP (warehouse-ap-02): its pings lose packets. */
const LOSSY_AP = "CNF7G9X002";
const NARROW = { width: 320, height: 900 };

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => stack?.stop());

const open = (query, options) => openTracePage(stack, query, options);

/** The text of the visible verdict line. */
const verdictOf = (page, slot = 0) => page.locator(`#slot-${slot} .apw-trace__verdict`).textContent();

/** The hop table's rows as [hop cell, host cell] texts (a silent run's one cell: [its text, null]). */
const hopRows = (page, slot = 0) => page.locator(`#slot-${slot} .apw-hops tbody tr`).evaluateAll((rows) =>
  rows.map((row) => [row.cells[0].textContent, row.cells[1]?.textContent ?? null]));

/** What mock-central answers now for the trace `taskId` of `serial`, as the widget would read it (parseTracerouteStatus). */
async function serverTrace(page, serial, taskId, version = "v1alpha1") {
  const body = await stack.mock.status(`/network-troubleshooting/${version}/aps/${serial}/traceroute/async-operations/${taskId}`);
  return page.evaluate(async (text) => (await import("/ap-ping-widget.js")).parseTracerouteStatus(text), body);
}

/** The API requests of the mock's log for `serial`'s traces: [method, path, kind]. */
const traceRequests = async (serial) => (await stack.mock.requests())
  .filter((r) => r.path.includes(`/aps/${serial}/traceroute`))
  .map((r) => [r.method, r.path, r.kind]);

test("reached in 8 hops (mountTracerouteWidget, v1alpha1): the verdict line, 8 rows, the events typed", async () => {
  await stack.mock.clearRequests();
  const page = await open({ widgets: `trace:CNF7G9X001:${TRACE.reached}` });
  const started = await waitForTraceEvent(page, "traceroute-started");
  const complete = await waitForTraceEvent(page, "traceroute-complete");
  assert.match(started.taskId, /^[0-9a-f-]{36}$/, "traceroute-started names the task");
  const progress = await traceEvents(page, "traceroute-progress");
  assert.ok(progress.length >= 1, "traceroute-progress while it ran");
  for (const { detail } of progress) {
    assert.ok(["INITIATED", "RUNNING"].includes(detail.status), detail.status);
    assert.equal(detail.isTerminal, false);
    assert.equal(detail.trace, null, "no path until it ends");
    assert.ok(detail.progressPercent === null || typeof detail.progressPercent === "number");
  }
  assert.equal(complete.status, "COMPLETED");
  assert.equal(complete.outcome, "traced");
  assert.deepEqual(complete.trace.destination, { name: TRACE.reached, address: "203.0.113.80" });
  assert.equal(complete.trace.reached, true);
  assert.deepEqual(complete.trace.hops.map((h) => h.hop), [1, 2, 3, 4, 5, 6, 7, 8]);
  for (const hop of complete.trace.hops) {
    assert.equal(typeof hop.lossPercent, "number");
    assert.ok(hop.probes.every((p) => typeof p.rttMs === "number" && typeof p.address === "string"), `hop ${hop.hop}: numbers and addresses`);
  }
  assert.deepEqual(complete, await serverTrace(page, "CNF7G9X001", started.taskId), "the event carries what the server answered");

  assert.equal(await verdictOf(page), "Reached 203.0.113.80 in 8 hops");
  const rows = await hopRows(page);
  assert.equal(rows.length, 8, "a row a hop");
  assert.deepEqual(rows.map(([hop]) => hop), ["1", "2", "3", "4", "5", "6", "7", "8"]);
  assert.deepEqual(rows.map(([, host]) => host), complete.trace.hops.map((h) => h.addresses.join("")));
  assert.equal(await page.locator(".apw-hop__mark").count(), 0, "a clean path has no mark");
  assert.deepEqual(await page.locator(".apw-badge").textContent(), "Completed");
  assert.deepEqual(await traceRequests("CNF7G9X001").then((r) => r[0]), ["POST", "/network-troubleshooting/v1alpha1/aps/CNF7G9X001/traceroute", "traceroute-start"]);
  assert.deepEqual(page.problems, []);
});

test("unreachable (v1): progress and the time running while it runs, then hops 5–30 as one row and 'Did not reach … after hop 4'", async () => {
  await stack.mock.clearRequests();
  const page = await open({ widgets: `trace:CNF7G9X001:${TRACE.unreachable}`, api: "v1" });
  // 30 hops at the mock's 150 ms each: seen running, part of the way.
  await page.waitForFunction(() => {
    const value = Number(document.querySelector("[role=progressbar]")?.getAttribute("aria-valuenow"));
    return value > 0 && value < 100;
  }, null, { timeout: 20_000 });
  await page.locator(".apw-progress-panel__elapsed", { hasText: /^Running for \d/ }).waitFor();
  const running = await traceEvents(page, "traceroute-progress");
  assert.ok(running.some((e) => e.detail.status === "RUNNING" && e.detail.progressPercent > 0 && e.detail.progressPercent < 100),
    `a progress event part of the way: ${running.map((e) => e.detail.progressPercent)}`);
  await screenshot(page, "trace-running-light-wide");

  const complete = await waitForTraceEvent(page, "traceroute-complete");
  assert.equal(complete.trace.reached, false);
  assert.equal(await verdictOf(page), "Did not reach 192.0.2.1: no answer after hop 4 (100.64.12.1)");
  const rows = await hopRows(page);
  assert.deepEqual(rows.map(([hop]) => hop), ["1", "2", "3", "4", "hops 5–30: no answer"], "the silent hops are one row");
  assert.equal(rows[4][1], null, "of one cell: its words cannot run together");
  assert.equal(await page.locator(".apw-hop--silent").count(), 1);
  const paths = (await traceRequests("CNF7G9X001")).map(([, path]) => path);
  assert.ok(paths.length >= 2 && paths.every((p) => p.startsWith("/network-troubleshooting/v1/aps/")), `v1 paths: ${paths}`);
  await screenshot(page, "trace-unreachable-light-wide");
  // At 320 px, light and dark: the silent row still one sentence on its own lines.
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    for (const [width, viewport] of [["1200", { width: 1200, height: 900 }], ["320", NARROW]]) {
      await page.setViewportSize(viewport);
      assert.equal(await page.locator("#slot-0 .apw-hop--silent").textContent(), "hops 5–30: no answer");
      await page.locator("#slot-0 .apw-hop--silent").screenshot({ path: `${SCREENSHOTS}/trace-silent-row-${colorScheme}-${width}.png` });
      await screenshot(page, `trace-unreachable-${colorScheme}-${width}`);
    }
  }
  assert.deepEqual(page.problems, []);
});

test("lossy path: the lossy hop's jump mark says it is likely an ICMP rate limit, the slow hop is marked as carried on", async () => {
  const page = await open({ widgets: `trace:CNF7G9X001:${TRACE.lossy}` });
  const complete = await waitForTraceEvent(page, "traceroute-complete");
  assert.equal(await verdictOf(page), "Reached 203.0.113.120 in 10 hops");
  const hop4 = complete.trace.hops.find((h) => h.hop === 4);
  assert.deepEqual(hop4.probes.map((p) => p.rttMs === null), [false, true, true], "two of hop 4's probes lost");
  const marked = await page.locator(".apw-hop--marked").evaluateAll((rows) => rows.map((row) => ({
    hop: row.cells[0].textContent,
    mark: row.querySelector(".apw-hop__mark").textContent,
    fine: row.querySelector(".apw-hop__mark").classList.contains("apw-hop__mark--fine"),
    lost: row.querySelectorAll(".apw-hop__probe--lost").length,
    loss: row.cells[3].textContent,
  })));
  assert.deepEqual(marked, [
    { hop: "4", mark: "Loss jumps here. Later hops are fine: likely only this router's ICMP rate limit.", fine: true, lost: 2, loss: "66.7%" },
    { hop: "7", mark: "Latency jumps here. Later hops carry it: the path degrades here.", fine: false, lost: 0, loss: "0%" },
  ]);
  await screenshot(page, "trace-lossy-light-wide");
  assert.deepEqual(page.problems, []);
});

test("multipath (the custom element): the two-address hop missing from output.hops is shown, with the warning that rawOutput filled it in", async () => {
  const page = await open({ mode: "element", widgets: `trace:CNF7G9X001:${TRACE.multipath}` });
  const complete = await waitForTraceEvent(page, "traceroute-complete");
  const { taskId } = await waitForTraceEvent(page, "traceroute-started");
  // The server's own account: hop 3 is not in output.hops, and rawOutput has it.
  const answer = JSON.parse(await stack.mock.status(`/network-troubleshooting/v1alpha1/aps/CNF7G9X001/traceroute/async-operations/${taskId}`));
  assert.equal(answer.output.hops.some((h) => h.hop === "3"), false, "hop 3 missing from output.hops");
  assert.match(answer.rawOutput, /\n 3  10\.186\.128\.6 .*10\.186\.128\.4/, "and in rawOutput");
  assert.equal(complete.trace.source, "merged");
  assert.equal(await page.evaluate(() => !!document.querySelector("ap-traceroute-status").shadowRoot.querySelector(".apw-hops")), true, "in the shadow root");
  assert.equal(await verdictOf(page), "Reached 203.0.113.140 in 9 hops");
  const rows = await hopRows(page);
  assert.deepEqual(rows.map(([hop]) => hop), ["1", "2", "3", "4", "5", "6", "7", "8", "9"], "every hop, 3 included");
  const addresses = await page.locator("#slot-0 .apw-hops tbody tr:nth-child(3) .apw-hop__address").allTextContents();
  assert.deepEqual(addresses, ["10.186.128.6", "10.186.128.4"], "both of hop 3's addresses");
  const warnings = await page.locator("#slot-0 .apw-summary__warnings li").allTextContents();
  assert.deepEqual(warnings, complete.trace.warnings);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /\b3\b.*filled in from rawOutput/);
  await screenshot(page, "trace-multipath-light-wide");
  assert.deepEqual(page.problems, []);
});

test("a destination that does not resolve: COMPLETED with failReason shows the no-result card with the reason", async () => {
  const page = await open({ widgets: `trace:CNF7G9X001:${TRACE.unresolvable}` });
  const complete = await waitForTraceEvent(page, "traceroute-complete");
  assert.deepEqual([complete.status, complete.outcome, complete.failReason], ["COMPLETED", "noResult", "Destination not resolved"]);
  const card = page.locator("#slot-0 .apw-noresult");
  await card.waitFor();
  assert.equal(await card.locator(".apw-noresult__title").textContent(), `The traceroute to ${TRACE.unresolvable} ended without a result`, "in a trace's words, naming where it went");
  assert.equal(await card.locator(".apw-noresult__reason").textContent(), "Destination not resolved");
  assert.equal(await page.locator("#slot-0 .apw-hops").count(), 0, "no hop table");
  assert.equal(await page.locator("#slot-0 .apw-trace__verdict").count(), 0, "no verdict");
  assert.equal(await page.locator("#slot-0 .apw-badge").textContent(), "No result");
  await screenshot(page, "trace-no-result-light-wide");
  assert.deepEqual(page.problems, []);
});

test("a wrong token: traceroute-error with the API's status and code, nothing else", async () => {
  const page = await open({ widgets: `trace:CNF7G9X001:${TRACE.reached}`, token: "wrong" });
  const error = await waitForTraceEvent(page, "traceroute-error");
  assert.deepEqual([error.status, error.kind, error.errorCode], [401, "unauthorized", "HPE_GL_ERROR_UNAUTHORIZED"]);
  assert.equal(typeof error.message, "string");
  assert.match(await page.getByRole("alert").textContent(), /Authentication required/);
  assert.deepEqual((await traceEvents(page, "traceroute-complete")).length, 0);
  assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
});

test("Download CSV and JSON give the trace the server answered; Run again traces anew, the previous result kept until it ends", async () => {
  const page = await open({ widgets: `trace:CNF7G9X001:${TRACE.lossy}` });
  const complete = await waitForTraceEvent(page, "traceroute-complete");
  const first = await waitForTraceEvent(page, "traceroute-started");
  const expected = await serverTrace(page, "CNF7G9X001", first.taskId);

  const download = async (name) => {
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
    return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), "utf8") };
  };
  const json = await download("Download JSON");
  assert.equal(json.name, `traceroute-CNF7G9X001-new.json`);
  assert.deepEqual(JSON.parse(json.text), expected, "the JSON is parseTracerouteStatus of the server's answer");
  assert.deepEqual(JSON.parse(json.text), complete);

  const csv = await download("Download CSV");
  assert.match(csv.name, /^traceroute-CNF7G9X001-.*\.csv$/);
  const lines = csv.text.split("\r\n").filter(Boolean);
  assert.equal(lines[0], "hop,address,name,probe1_ms,probe2_ms,probe3_ms,loss_percent,min_ms,avg_ms,max_ms");
  assert.equal(lines.length, 1 + expected.trace.hops.length, "a line a hop");
  for (const [i, hop] of expected.trace.hops.entries()) {
    const cells = lines[i + 1].split(",");
    assert.deepEqual(cells.slice(0, 2), [String(hop.hop), hop.addresses.join(" ")]);
    assert.deepEqual(cells.slice(3, 6).map((c) => (c === "" ? null : Number(c))), hop.probes.map((p) => p.rttMs), `hop ${hop.hop}: a lost probe is empty`);
    assert.equal(Number(cells[6]), Number(hop.lossPercent.toFixed(6)), "the loss, to 6 decimals");
  }
  assert.equal(lines[4].split(",").slice(3, 6).filter((c) => c === "").length, 2, "hop 4's two lost probes");

  await page.getByRole("button", { name: "Run again" }).click();
  await page.locator("#slot-0 .apw-previous").waitFor();
  assert.equal(await page.locator("#slot-0 .apw-previous .apw-trace__verdict").textContent(), "Reached 203.0.113.120 in 10 hops", "the previous verdict in view");
  await page.waitForFunction(() => window.traceEvents.filter((e) => e.type === "traceroute-complete").length === 2, null, { timeout: 30_000 });
  const started = await traceEvents(page, "traceroute-started");
  assert.equal(started.length, 2);
  assert.notEqual(started[1].detail.taskId, first.taskId, "a new trace");
  const second = (await traceEvents(page, "traceroute-complete"))[1].detail;
  assert.equal(second.trace.destination.name, TRACE.lossy, "to the same destination");
  await page.locator("#slot-0 .apw-previous").waitFor({ state: "detached" });
  assert.equal(await page.locator("#slot-0 .apw-hops").count(), 1, "only the new result once it is in");
  assert.deepEqual(page.problems, []);
});

test("'Trace the path' from a lossy ping: offered with trace-on-loss only, it traces to the same destination from the same AP, in place", async () => {
  await stack.mock.clearRequests();
  // The same lossy AP twice: with the option (slot 0, the custom element's trace-on-loss
  // attribute) and without (slot 1). Pinged to the lossy path's name, so that the trace's
  // path says where it went.
  const page = await open({ mode: "element", count: "6", widgets: `ping:${LOSSY_AP}:${TRACE.lossy}:trace-on-loss,ping:${LOSSY_AP}:${TRACE.lossy}` });
  page.tracePosts = [];
  page.on("request", (r) => r.method() === "POST" && r.url().endsWith("/traceroute") && page.tracePosts.push([new URL(r.url()).pathname, r.postData()]));
  const pings = [await waitForTraceEvent(page, "ping-complete", { slot: 0 }), await waitForTraceEvent(page, "ping-complete", { slot: 1 })];
  assert.ok(pings.every((p) => p.statistics.lossPercent > 0), `both lost packets: ${pings.map((p) => p.statistics.lossPercent)}`);
  // Written as HTML writes a boolean: the attribute alone.
  assert.equal(await page.evaluate(() => document.querySelector("#slot-0 ap-ping-status").getAttribute("trace-on-loss")), "");
  const button = (slot) => page.locator(`#slot-${slot}`).getByRole("button", { name: "Trace the path" });
  await button(0).waitFor();
  assert.equal(await button(1).count(), 0, "no offer without the option");
  assert.deepEqual(await traceRequests(LOSSY_AP), [], "nothing traced before the button");

  await button(0).click();
  const started = await waitForTraceEvent(page, "traceroute-started", { slot: 0 });
  const complete = await waitForTraceEvent(page, "traceroute-complete", { slot: 0 });
  // In place: inside the ping widget, under its result, which stays.
  const nested = page.locator("#slot-0 ap-ping-status .apw-trace");
  await nested.waitFor();
  assert.equal(await nested.locator(".apw-trace__verdict").textContent(), "Reached 203.0.113.120 in 10 hops");
  assert.deepEqual(await page.locator("#slot-0 ap-ping-status").locator("h2, h3").evaluateAll((hs) => hs.map((h) => h.tagName)), ["H2", "H3"], "the nested trace's title under the ping's");
  assert.equal(await page.locator("#slot-0 .apw-table").first().isVisible(), true, "the ping's result is still shown");
  assert.equal(complete.trace.destination.name, TRACE.lossy);
  // The request log: a traceroute POST for the same AP, to the ping's destination, and its status.
  assert.equal(page.tracePosts.length, 1, "one trace started");
  const [path, body] = page.tracePosts[0];
  assert.equal(path, `/network-troubleshooting/v1alpha1/aps/${LOSSY_AP}/traceroute`, "from the same AP");
  assert.equal(JSON.parse(body).destination, TRACE.lossy, "to the same destination");
  const logged = await traceRequests(LOSSY_AP);
  assert.deepEqual(logged[0], ["POST", `/network-troubleshooting/v1alpha1/aps/${LOSSY_AP}/traceroute`, "traceroute-start"]);
  assert.ok(logged.slice(1).every(([method, path]) => method === "GET" && path.endsWith(`/traceroute/async-operations/${started.taskId}`)), JSON.stringify(logged));
  assert.equal(await button(0).count(), 0, "offered once: the trace is shown instead");
  assert.equal((await traceEvents(page, "traceroute-started", 1)).length, 0, "the other widget traced nothing");
  assert.deepEqual(page.problems, []);
});

test("two traces and a ping on one page share the request budget: at most 5 requests in any second at the mock, no 429, all three finish", async () => {
  // A stack of its own: the mock counts a token's requests per second (Central's 7).
  const own = await startStack({ mockArgs: ["--rate-limit-per-second", "7"] });
  try {
    const page = await openTracePage(own, {
      widgets: `trace:CNF7G9X001:${TRACE.unreachable},trace:CNF7G9X003:${TRACE.lossy},ping:CNF7G9X002:www.google.com`,
      count: "8", interval: "250",
    }, { watch: recordApiRequests });
    for (const [slot, type] of [[0, "traceroute-complete"], [1, "traceroute-complete"], [2, "ping-complete"]]) {
      const done = await waitForTraceEvent(page, type, { slot, timeout: 60_000 });
      assert.equal(done.status, "COMPLETED", `slot ${slot}`);
    }
    const log = await settledLog(own.mock, page);
    const rate = measureRate(log, page.apiRequests);
    const span = (log.at(-1).epochMs - log[0].epochMs) / 1000;
    console.log(
      `two traces and a ping: ${log.length} requests in ${span.toFixed(1)} s; most arrivals in any 1,000 ms ${rate.arrivalsPer1000}; ` +
      `forwarding jitter ${rate.jitterMs} ms, so at most 5 in any ${rate.arrivalWindowMs} ms of arrivals: ${rate.arrivalsPerWindow}; ` +
      `most sends in any 1,000 ms ${rate.sendsPer1000}, shortest time from a send to the 5th after it ${rate.gapOf(5).toFixed(0)} ms`,
    );
    assert.equal(log.filter((r) => r.status === 429).length, 0, "no 429 from the mock's 7 a second");
    assert.equal(rate.paired, log.length, "every request the mock saw, the browser sent");
    // Measured as budget.test.mjs measures it: at most 5 arrivals in any 1,000 ms less the
    // forwarding's jitter. (A send can leave some 45 ms after its turn while the page loads:
    // under a 1,050 ms window, 6 sends within 1,006 ms were seen; the budget keeps 100 ms.)
    assert.ok(rate.arrivalsPerWindow <= 5, `at most 5 requests arrive in any ${rate.arrivalWindowMs} ms: ${rate.arrivalsPerWindow}`);
    assert.ok(rate.gapOf(5) >= 1000, `at least 1,000 ms from a send to the 5th after it: ${rate.gapOf(5).toFixed(0)} ms`);
    assert.ok(rate.arrivalsPer1000 >= 4, `the budget is used, not idle: ${rate.arrivalsPer1000} in the busiest second`);
    for (const serial of ["CNF7G9X001", "CNF7G9X003", "CNF7G9X002"]) {
      assert.ok(log.some((r) => r.path.includes(serial)), serial);
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await own.stop();
  }
});

test("320 px: a completed trace with long host names does not make the page scroll sideways, light and dark", async () => {
  // mock-central's answers, with a long name put in each answering probe's ipAddress (where
  // switches put one; the AP's address stays in reverseDnsResolution).
  const LONG = "ae-12-3456.r23.lsanca07.us.bb.gin.a-backbone-with-a-very-long-name.example.net";
  const watch = (p) => p.route("**/traceroute/async-operations/**", async (route) => {
    const answer = await route.fetch();
    const body = await answer.json();
    for (const hop of body.output?.hops ?? []) {
      for (const probe of hop.probes) if (probe.responseTimeMilliseconds !== "*") probe.ipAddress = `hop${hop.hop}.${LONG}`;
    }
    await route.fulfill({ response: answer, json: body });
  });
  for (const colorScheme of ["light", "dark"]) {
    const page = await open({ widgets: `trace:CNF7G9X001:${TRACE.lossy}` }, { viewport: NARROW, colorScheme, watch });
    await waitForTraceEvent(page, "traceroute-complete");
    await page.locator(".apw-hop__name").first().waitFor();
    assert.equal(await page.locator(".apw-hop__name").first().textContent(), `hop1.${LONG}`, "the names are shown");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${colorScheme}: the page scrolls sideways by ${overflow} px at 320 px`);
    const card = await page.locator(".apw-trace").evaluate((el) => el.getBoundingClientRect().right);
    assert.ok(card <= 320, `the card ends at ${card} px`);
    await screenshot(page, `trace-long-names-${colorScheme}-320`);
    assert.deepEqual(page.problems, []);
  }
});

test("through central-proxy: a trace starts, is followed and completes", async () => {
  const proxied = await startStack({ proxy: {} });
  try {
    const page = await openTracePage(proxied, { widgets: `trace:CNF7G9X001:${TRACE.reached}`, token: "" });
    const complete = await waitForTraceEvent(page, "traceroute-complete");
    assert.equal(complete.trace.reached, true);
    assert.equal(await verdictOf(page), "Reached 203.0.113.80 in 8 hops");
    const forwarded = proxied.forwarded.map((r) => `${r.method} ${r.path.split("/async-operations/")[0]}`);
    assert.ok(forwarded.includes("POST /network-troubleshooting/v1alpha1/aps/CNF7G9X001/traceroute"), forwarded.join("\n"));
    assert.ok(forwarded.includes("GET /network-troubleshooting/v1alpha1/aps/CNF7G9X001/traceroute"), forwarded.join("\n"));
    // At the mock: the proxy's own OAuth token, then the trace's requests, which it sent.
    const atMock = await proxied.mock.requests();
    assert.equal(atMock[0].kind, "token", "central-proxy got a token first");
    const traced = atMock.filter((r) => r.kind.startsWith("traceroute"));
    assert.ok(traced.length >= 2 && traced.every((r) => r.status === 200 || r.status === 202), JSON.stringify(traced));
    assert.deepEqual(page.problems, []);
  } finally {
    await proxied.stop();
  }
});
