// End to end: the widget embedded in a plain admin page (not the demo), against
// mock-central over real HTTP, in Chromium: the full flow, every failure, cancellation,
// the custom element, a strict CSP, and screenshots of each state.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { startStack, isHttpStatusReport } from "./support/stack.mjs";
import { screenshot } from "./support/browser.mjs";
import { openEmbed, events, waitForEvent, whileAWidgetPolls, requestsBesideControl, WIDE, NARROW } from "./support/embed-page.mjs";

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => stack?.stop());

const open = (query, options) => openEmbed(stack, query, options);

/** A page whose every status request gets `body`, once its chart is drawn. */
async function openAnswering(body, options) {
  const page = await open({ serial: "CNF7G9X001" }, {
    ...options,
    watch: (p) => p.route("**/async-operations/**", (route) => route.fulfill({ status: 200, contentType: "application/json", body })),
  });
  await waitForEvent(page, "ping-complete");
  await page.locator(".apw-chart__points").waitFor();
  return page;
}

/** Light and dark, each wide and at 320 px: the looks the chart's screenshots are taken in. */
const LOOKS = [[WIDE, "light", "wide"], [{ width: 320, height: 900 }, "light", "narrow"],
  [WIDE, "dark", "wide"], [{ width: 320, height: 900 }, "dark", "narrow"]];

test("a full test: progress, then the card and the table match the server's result", async () => {
  // Started by the page: a widget-started 6-packet test is first asked about at 6 s, by
  // when mock-central (150 ms a reply) has ended it; this one is followed from its start.
  const page = await open({ serial: "CNF7G9X002", count: "6", prestart: "1" });
  const { taskId } = await waitForEvent(page, "ping-started");
  await waitForEvent(page, "ping-progress");
  await page.waitForFunction(() => Number(document.querySelector("[role=progressbar]")?.getAttribute("aria-valuenow")) > 0);
  await screenshot(page, "widget-running-light-wide");
  const complete = await waitForEvent(page, "ping-complete");
  const server = JSON.parse(
    await stack.mock.status(`/network-troubleshooting/v1alpha1/aps/CNF7G9X002/ping/async-operations/${taskId}`),
  );
  const out = server.output;
  assert.equal(complete.status, "COMPLETED");
  assert.equal(complete.statistics.received, Number(out.receivedPacketsCount));

  const card = (label) => page.locator(".apw-stat", { hasText: label }).locator(".apw-stat__value").textContent();
  assert.equal(await card("Sent"), out.transmittedPacketsCount);
  assert.equal(await card("Received"), out.receivedPacketsCount);
  assert.equal(await card("Lost"), String(out.transmittedPacketsCount - out.receivedPacketsCount));
  assert.match(await card("Packet loss"), new RegExp(`^${out.packetLossPercent}%`));
  assert.equal(await card("Min RTT"), `${out.minimumRoundTripTimeMilliseconds} ms`);
  assert.equal(await card("Max RTT"), `${out.maximumRoundTripTimeMilliseconds} ms`);

  const rows = page.locator(".apw-table tbody tr");
  assert.equal(await rows.count(), Number(out.transmittedPacketsCount), "one row per sequence, lost ones included");
  const lostRows = page.locator(".apw-row--lost");
  assert.equal(await lostRows.count(), out.transmittedPacketsCount - out.receivedPacketsCount);
  for (const reply of out.replies) {
    const row = rows.nth(Number(reply.sentPacketIcmpSequenceNumber));
    assert.equal(await row.locator("td").first().textContent(), reply.sentPacketIcmpSequenceNumber);
    assert.equal(await row.locator("td").last().textContent(), `${reply.sentPacketTimeMilliseconds} ms`);
  }
  assert.match(await page.locator(".apw-chart desc").textContent(), /lost: sequence/);
  // Every reply came from the resolved address, which the card shows: no "From" column.
  const headers = await page.locator(".apw-table thead th").allTextContents();
  assert.deepEqual(headers, ["Seq", "Bytes", "TTL", "RTT"]);
  const align = await page.evaluate(() => [...document.querySelectorAll(".apw-table tbody tr:first-child td")].map((td) => getComputedStyle(td).textAlign));
  assert.deepEqual(align, ["right", "right", "right", "right"], "numbers right-aligned");
  // The chart: a millisecond scale, sequence labels, a tip on every reply, and the line
  // lifted over the lost packet.
  const chart = await page.evaluate(() => ({
    yLabels: [...document.querySelectorAll(".apw-chart__y-labels text")].map((t) => t.textContent),
    xLabels: [...document.querySelectorAll(".apw-chart__x-labels text")].map((t) => t.textContent),
    tips: [...document.querySelectorAll(".apw-chart__points title")].map((t) => t.textContent),
    pieces: (document.querySelector(".apw-chart__line").getAttribute("d").match(/M/g) ?? []).length,
    viewBox: document.querySelector(".apw-chart__svg").getAttribute("viewBox"),
    width: document.querySelector(".apw-chart__svg").getBoundingClientRect().width,
  }));
  assert.ok(chart.yLabels.length >= 3 && chart.yLabels.length <= 5, `y labels: ${chart.yLabels}`);
  assert.ok(chart.yLabels.every((l) => /^\d+(\.\d+)? ms$/.test(l)), `y labels: ${chart.yLabels}`);
  assert.deepEqual(chart.xLabels, Array.from({ length: Number(out.transmittedPacketsCount) }, (_, i) => String(i)));
  assert.equal(chart.tips.length, out.replies.length);
  for (const reply of out.replies) {
    const tip = `seq ${reply.sentPacketIcmpSequenceNumber}: ${reply.sentPacketTimeMilliseconds} ms, TTL ${reply.sentPacketTimeToLive}`;
    assert.ok(chart.tips.includes(tip), `${tip} in ${chart.tips}`);
  }
  const sequences = out.replies.map((r) => Number(r.sentPacketIcmpSequenceNumber));
  const gaps = sequences.slice(1).filter((s, i) => s !== sequences[i] + 1).length;
  assert.equal(chart.pieces, gaps + 1, "one piece of line per run of answered packets");
  assert.equal(Number(chart.viewBox.split(" ")[2]), Math.round(chart.width), "drawn for the width it is shown at");
  await screenshot(page, "widget-completed-light-wide");

  // "Download CSV": the table with its lost rows, one header line, numbers as sent.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const lines = fs.readFileSync(await download.path(), "utf8").split("\r\n").filter(Boolean);
  assert.equal(lines[0], "sequence,status,from,bytes,ttl,rtt_ms");
  assert.equal(lines.length, 1 + Number(out.transmittedPacketsCount), "one line per sequence sent");
  const bySequence = new Map(out.replies.map((r) => [r.sentPacketIcmpSequenceNumber, r]));
  for (const line of lines.slice(1)) {
    const [sequence, status, from, bytes, ttl, rtt] = line.split(",");
    const reply = bySequence.get(sequence);
    if (!reply) {
      assert.equal(line, `${sequence},lost,,,,`);
      continue;
    }
    assert.deepEqual([status, from], ["reply", reply.sentPacketAddress]);
    assert.deepEqual([bytes, ttl, rtt].map(Number), [reply.sentPacketSizeBytes, reply.sentPacketTimeToLive,
      reply.sentPacketTimeMilliseconds].map(Number));
    assert.match(rtt, /^\d+(\.\d+)?$/, "unformatted: no unit, no grouping");
  }
  assert.deepEqual(page.problems, []);
});

test("completed state, dark and narrow, through the custom element", async () => {
  const page = await open({ mode: "element", serial: "CNF7G9X002" }, { viewport: NARROW, colorScheme: "dark" });
  await waitForEvent(page, "ping-complete");
  const inShadow = await page.evaluate(() => !!window.pingElement.shadowRoot.querySelector(".apw-table"));
  assert.ok(inShadow, "rendered inside the shadow root");
  const outside = await page.evaluate(() => document.querySelectorAll(".apw").length);
  assert.equal(outside, 0, "nothing leaks into the page's DOM");
  const border = await page.evaluate(() => getComputedStyle(window.pingElement.shadowRoot.querySelector(".apw-table td")).borderTopColor);
  assert.notEqual(border, "rgb(255, 0, 255)", "the host page's CSS does not reach in");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll at 360 px (${overflow}px)`);
  assert.equal(await page.evaluate(() => window.pingElement.getAttribute("token")), null, "the token is never an attribute");
  await screenshot(page, "widget-completed-dark-narrow");
  assert.deepEqual(page.problems, []);
});

test("the custom element adopts the page's copy of the widget's stylesheet, and links its own when the page has none", async () => {
  for (const [query, adopts] of [[{}, true], [{ nopagecss: "1" }, false]]) {
    const page = await open({ mode: "element", serial: "CNF7G9X002", ...query });
    await waitForEvent(page, "ping-complete");
    const seen = await page.evaluate(() => {
      const root = window.pingElement.shadowRoot;
      return {
        adopted: root.adoptedStyleSheets.length,
        links: root.querySelectorAll("link").length,
        radius: getComputedStyle(root.querySelector(".apw")).borderTopLeftRadius,
        downloads: performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/ap-ping-widget.css")).length,
      };
    });
    assert.deepEqual([seen.adopted, seen.links], adopts ? [1, 0] : [0, 1], JSON.stringify(query));
    assert.notEqual(seen.radius, "0px", "styled either way");
    // (Without a page sheet, the test page's own link was removed while it loaded.)
    if (adopts) assert.equal(seen.downloads, 1, "the stylesheet is downloaded once");
    assert.deepEqual(page.problems, []);
  }
});

test("two widgets on one page: every id is unique, and each chart names its own title", async () => {
  const page = await open({ serial: "CNF7G9X002" });
  await page.evaluate(() => {
    const second = document.createElement("div");
    second.id = "second";
    document.body.append(second);
    window.secondDone = false;
    second.addEventListener("ping-complete", () => (window.secondDone = true));
    window.mountPingWidget(second, { ...window.pingOptions, serial: "CNF7G9X001" });
  });
  await waitForEvent(page, "ping-complete");
  await page.waitForFunction(() => window.secondDone === true, null, { timeout: 20_000 });
  const ids = await page.evaluate(() => [...document.querySelectorAll("[id]")].map((e) => e.id));
  assert.equal(new Set(ids).size, ids.length, `ids: ${ids}`);
  // Each chart is drawn a frame after its box.
  await page.waitForFunction(() => document.querySelectorAll(".apw-chart__svg").length === 2);
  const charts = await page.evaluate(() => [...document.querySelectorAll(".apw-chart__svg")].map((svg) =>
    svg.getAttribute("aria-labelledby").split(" ").every((id) => svg.contains(document.getElementById(id)))));
  assert.deepEqual(charts, [true, true], "each chart's aria-labelledby names its own title and description");
  assert.deepEqual(page.problems, []);
});

test("changing the custom element's attributes restarts polling; removing it stops it", async () => {
  const page = await open({ mode: "element", serial: "CNF7G9X001" });
  const first = await waitForEvent(page, "ping-started");
  await page.evaluate(() => {
    window.pingEvents.length = 0;
    window.pingElement.setAttribute("serial", "CNF7G9X002");
  });
  const second = await waitForEvent(page, "ping-started");
  assert.notEqual(second.taskId, first.taskId, "a new test for the new serial");
  await page.evaluate(() => window.pingElement.remove());
  await stack.mock.clearRequests();
  await whileAWidgetPolls(stack);
  assert.deepEqual(await requestsBesideControl(stack), [], "no request after removal");
  assert.deepEqual(page.problems, []);
});

test("401: a wrong token stops with the API's message, and the retry button works once it is fixed", async () => {
  const page = await open({ token: "wrong" });
  const error = await waitForEvent(page, "ping-error");
  assert.equal(error.status, 401);
  assert.equal(error.errorCode, "HPE_GL_ERROR_UNAUTHORIZED");
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /Authentication required\..*HPE_GL_ERROR_UNAUTHORIZED.*Check the API token/s);
  await screenshot(page, "widget-error-401-light-wide");
  await page.evaluate(() => window.pingWidget.update({ serial: "CNF7G9X001", token: "demo-token", pollIntervalMs: 300, start: { destination: "a.example" } }));
  await waitForEvent(page, "ping-complete");
  assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
});

test("404 for an unknown task and 409 for an offline AP show the code, the message and what to do", async () => {
  let page = await open({ taskId: "c7a3f2d1-e8a9-4b7c-8d1e-0f9a3b2c1d0e" }, { viewport: NARROW, colorScheme: "dark" });
  let error = await waitForEvent(page, "ping-error");
  assert.deepEqual([error.status, error.errorCode], [404, "HPE_GL_ERROR_NOT_FOUND"]);
  assert.match(await page.getByRole("alert").textContent(), /Async operation task not found: c7a3f2d1/);
  await screenshot(page, "widget-error-404-dark-narrow");

  page = await open({ serial: "CNF7G9X004" });
  error = await waitForEvent(page, "ping-error");
  assert.deepEqual([error.status, error.errorCode], [409, "HPE_GL_ERROR_CONFLICT"]);
  assert.match(await page.getByRole("alert").textContent(), /offline/);
});

test("429 with and without Retry-After, and flaky 500s, are retried until the test completes", async () => {
  for (const serial of ["CNF7G9X008", "CNF7G9X009", "CNF7G9X007"]) {
    // Polled from its start: the flaky 500 is every second status request.
    const page = await open({ serial, prestart: "1" });
    await page.locator(".apw-alert--retrying").waitFor({ timeout: 10_000 });
    const words = serial === "CNF7G9X007" ? /Retrying in \d+ s/ : /Rate limited until \d\d:\d\d:\d\d/;
    assert.match(await page.locator(".apw-alert--retrying").textContent(), new RegExp(`${words.source} \\(attempt 1 of 5\\)`));
    if (serial === "CNF7G9X008") await screenshot(page, "widget-retrying-light-wide");
    await waitForEvent(page, "ping-complete", 30_000);
    assert.equal((await events(page, "ping-error")).length, 0);
    assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), [], serial);
  }
});

test("a hanging server times out, is retried, and stops after the limit", async () => {
  const page = await open({ serial: "CNF7G9X006", timeout: "300", retries: "2" });
  await page.locator(".apw-alert--retrying").waitFor({ timeout: 10_000 });
  assert.match(await page.locator(".apw-alert--retrying").textContent(), /did not answer in time/);
  const error = await waitForEvent(page, "ping-error", 20_000);
  assert.equal(error.kind, "timeout");
  assert.deepEqual(page.problems, []);
});

test("malformed JSON and a wrong content type are reported, not crashed on", async () => {
  for (const [serial, text] of [["CNF7G9X010", /could not be read: not valid JSON/], ["CNF7G9X011", /text\/html.* instead of JSON/]]) {
    const page = await open({ serial, retries: "1" });
    const error = await waitForEvent(page, "ping-error", 20_000);
    assert.equal(error.kind, "badResponse");
    assert.match(await page.getByRole("alert").textContent(), text);
    assert.deepEqual(page.problems, [], serial);
  }
});

test("destroy() aborts the request in flight and sends nothing more", async () => {
  // Slow answers (1.5 s): a status request is surely in flight when destroy() is called.
  const page = await open({ serial: "CNF7G9X005", count: "50", prestart: "1" });
  const inFlight = await page.waitForRequest((r) => r.method() === "GET" && r.url().includes("/async-operations/"));
  const aborted = page.waitForEvent("requestfailed", (r) => r === inFlight);
  await page.evaluate(() => window.pingWidget.destroy());
  assert.equal((await aborted).failure()?.errorText, "net::ERR_ABORTED", "the request in flight was aborted");
  await stack.mock.clearRequests();
  const eventsBefore = await page.evaluate(() => window.pingEvents.length);
  // Nothing is due any more: while a running widget polls four times, none is sent.
  await whileAWidgetPolls(stack);
  assert.deepEqual(await requestsBesideControl(stack), [], "the mock saw no request after destroy()");
  assert.equal(await page.evaluate(() => window.pingEvents.length), eventsBefore, "no event after destroy()");
  assert.equal(await page.locator(".apw").count(), 0, "the widget is gone");
  assert.deepEqual(page.problems, []);
});

test("a 300-byte body claiming a million packets is drawn in bounded time and said as it is", async () => {
  const body = JSON.stringify({
    status: "COMPLETED", progressPercent: 100, failReason: null, rawOutput: null,
    output: { transmittedPacketsCount: "1000000", receivedPacketsCount: "1", destination: "flood.example",
      replies: [{ sentPacketAddress: "192.0.2.9", sentPacketIcmpSequenceNumber: "4", sentPacketTimeMilliseconds: "3.2" }] },
  });
  const page = await open({ serial: "CNF7G9X001" }, {
    watch: async (p) => {
      await p.route("**/async-operations/**", (route) => route.fulfill({ status: 200, contentType: "application/json", body }));
      await p.addInitScript(() => {
        window.longTasks = [];
        new PerformanceObserver((list) => window.longTasks.push(...list.getEntries())).observe({ type: "longtask", buffered: true });
      });
    },
  });
  // Waited for in the page, and read there: carrying the million-number event across to
  // the test would be the test's own long task on the page's thread.
  await page.waitForFunction(() => window.pingEvents.some((e) => e.type === "ping-complete"));
  await page.locator(".apw-table").waitFor();
  // The tasks from the body's arrival on: loading the page is not this test's subject.
  const longest = await page.evaluate(() => {
    const arrived = performance.getEntriesByType("resource").find((r) => r.name.includes("/async-operations/")).responseStart;
    return Math.max(0, ...window.longTasks.filter((t) => t.startTime + t.duration >= arrived).map((t) => t.duration));
  });
  const complete = await page.evaluate(() => {
    const { statistics: s } = window.pingEvents.find((e) => e.type === "ping-complete").detail;
    return { transmitted: s.transmitted, missing: s.missingSequences.length, first: s.missingSequences.slice(0, 5), last: s.missingSequences.at(-1) };
  });
  assert.deepEqual(complete, { transmitted: 1_000_000, missing: 999_999, first: [0, 1, 2, 3, 5], last: 999_999 }, "ping-complete carries the full result");
  const rows = await page.locator(".apw-table tbody tr").allTextContents();
  // Seq, address, bytes (not sent), TTL (not sent), time: one reply between two lost runs.
  assert.deepEqual(rows, ["0–3lost 4 requests, no reply", "4192.0.2.93.2 ms", "5–999999lost 999,995 requests, no reply"]);
  const loss = page.locator(".apw-stat", { hasText: "Packet loss" }).locator(".apw-stat__value");
  assert.match(await loss.textContent(), /^>99\.9%/, "one reply came back: not 100% loss");
  // Long tasks are those over 50 ms; none at all is reported as 0.
  console.log(`longest main-thread task with a million-packet body: ${longest.toFixed(0)} ms`);
  // A frozen tab (it was 102 s) fails this at once; 50 ms is the goal, measured, not asserted.
  assert.ok(longest < 1000, `no frozen page: ${longest} ms`);
  await screenshot(page, "widget-million-packets-light-wide");
  await page.setViewportSize(NARROW);
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "widget-million-packets-dark-narrow");
  assert.deepEqual(page.problems, []);
});

test("a 100-packet test with losses: thinned sequence labels, the line broken at each loss, a tip per reply", async () => {
  const lost = new Set([17, 18, 42, 77]);
  const replies = [...Array(100).keys()].filter((s) => !lost.has(s)).map((s) => ({
    sentPacketAddress: "192.0.2.38", sentPacketIcmpSequenceNumber: String(s), sentPacketTimeToLive: "57",
    sentPacketSizeBytes: "64", sentPacketTimeMilliseconds: (20 + ((s * 7) % 13) * 0.9 + (s === 60 ? 25 : 0)).toFixed(1),
  }));
  const body = JSON.stringify({
    status: "COMPLETED", progressPercent: 100, failReason: null, rawOutput: null,
    output: { transmittedPacketsCount: "100", receivedPacketsCount: String(replies.length), destination: "www.example.com",
      resolvedIp: "192.0.2.38", replies },
  });
  for (const [viewport, colorScheme, name] of LOOKS) {
    const page = await openAnswering(body, { viewport, colorScheme });
    const chart = await page.evaluate(() => ({
      xLabels: [...document.querySelectorAll(".apw-chart__x-labels text")].map((t) => Number(t.textContent)),
      tips: document.querySelectorAll(".apw-chart__points title").length,
      pieces: (document.querySelector(".apw-chart__line").getAttribute("d").match(/M/g) ?? []).length,
      lostMarks: (document.querySelector(".apw-chart__lost").getAttribute("d").match(/M/g) ?? []).length,
      plotWidth: document.querySelector(".apw-chart__svg").getBoundingClientRect().width,
    }));
    assert.equal(chart.tips, 96, "a tip on every reply");
    assert.equal(chart.pieces, 4, "0–16, 19–41, 43–76, 78–99: no line across a loss");
    assert.ok(chart.lostMarks >= 3 * 2, "a mark at each loss");
    assert.ok(chart.xLabels.length >= 3 && chart.xLabels.length <= chart.plotWidth / 36, `labels thinned: ${chart.xLabels}`);
    const step = chart.xLabels[1] - chart.xLabels[0];
    assert.ok(chart.xLabels.every((s) => s % step === 0), `round sequence labels: ${chart.xLabels}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scroll at ${viewport.width} px (${overflow}px)`);
    // The times fit in the table's box, lost rows included: no scrolling sideways for them.
    const tableOverflow = await page.evaluate(() => {
      const wrap = document.querySelector(".apw-table-wrap");
      return wrap.scrollWidth - wrap.clientWidth;
    });
    assert.ok(tableOverflow <= 0, `the table fits at ${viewport.width} px (${tableOverflow}px over)`);
    await page.locator(".apw-chart").screenshot({ path: `target/screenshots/chart-100-replies-${colorScheme}-${name}.png` });
    await screenshot(page, `widget-100-replies-${colorScheme}-${name}`);
    // The rows come over a few frames (20 with the card, then 40 at a time): all 96
    // replies and the 3 runs of lost ones, and no "not shown" row on the way.
    await page.waitForFunction(() => document.querySelectorAll(".apw-table tbody tr").length === 99);
    assert.equal(await page.locator(".apw-row--more").count(), 0);
    // The table scrolls past 24rem: a keyboard can reach and scroll it.
    await page.locator(".apw-table-wrap").focus();
    await page.keyboard.press("PageDown");
    await page.waitForFunction(() => document.querySelector(".apw-table-wrap").scrollTop > 0);
    assert.deepEqual(page.problems, []);
  }
});

test("the seed's 4 replies and one loss: a point and tip per reply, a mark at the loss, in every look", async () => {
  const body = fs.readFileSync("tests/fixtures/seed_completed.json", "utf8");
  for (const [viewport, colorScheme, name] of LOOKS) {
    const page = await openAnswering(body, { viewport, colorScheme });
    const chart = await page.evaluate(() => ({
      tips: [...document.querySelectorAll(".apw-chart__points title")].map((t) => t.textContent),
      pieces: (document.querySelector(".apw-chart__line").getAttribute("d").match(/M/g) ?? []).length,
      lostMarks: document.querySelector(".apw-chart__lost").getAttribute("d").match(/M/g).length,
      xLabels: [...document.querySelectorAll(".apw-chart__x-labels text")].map((t) => t.textContent),
    }));
    assert.deepEqual(chart.tips, ["seq 0: 200.2 ms, TTL 108", "seq 1: 209.8 ms, TTL 108", "seq 3: 208.8 ms, TTL 108", "seq 4: 200.2 ms, TTL 108"]);
    assert.equal(chart.pieces, 2, "0–1 and 3–4: no line across the loss");
    assert.equal(chart.lostMarks, 2, "one × (two strokes) at sequence 2");
    assert.deepEqual(chart.xLabels, ["0", "1", "2", "3", "4"], "every sequence labelled");
    // Before the chart is drawn (a frame later, for its measured width), its empty box is
    // as high as the chart: an empty box put beside it measures the same.
    const heights = await page.evaluate(() => {
      const box = document.querySelector(".apw-chart__box");
      const probe = document.createElement("div");
      probe.className = "apw-chart__box";
      box.after(probe);
      const measured = [probe.clientHeight, box.clientHeight];
      probe.remove();
      return measured;
    });
    assert.ok(Math.abs(heights[0] - heights[1]) <= 1, `the empty box ${heights[0]} px, the chart ${heights[1]} px`);
    await page.locator(".apw-chart").screenshot({ path: `target/screenshots/chart-4-replies-${colorScheme}-${name}.png` });
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

test("one request per poll interval while running, none after the end", async () => {
  const page = await open({ serial: "CNF7G9X001", count: "12", interval: "500" });
  const { taskId } = await waitForEvent(page, "ping-started");
  await waitForEvent(page, "ping-complete", 30_000);
  const polls = (await stack.mock.requests()).filter((r) => r.method === "GET" && r.path.endsWith(taskId));
  const gaps = polls.slice(1).map((r, i) => r.atMs - polls[i].atMs);
  assert.ok(gaps.every((g) => g >= 450), `never faster than the interval: ${gaps}`);
  await whileAWidgetPolls(stack, { intervalMs: 500 });
  const after = (await stack.mock.requests()).filter((r) => r.path.endsWith(taskId));
  assert.equal(after.filter((r) => r.method === "GET").length, polls.length, "no request after COMPLETED");
});

test("under a strict Content-Security-Policy the widget still works, with no violation", async () => {
  for (const mode of ["mount", "element"]) {
    const page = await open({ mode, serial: "CNF7G9X002", csp: "strict" });
    const violations = [];
    await page.exposeFunction("reportViolation", (v) => violations.push(v));
    await page.evaluate(() => document.addEventListener("securitypolicyviolation", (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
    await waitForEvent(page, "ping-complete");
    const table = mode === "element"
      ? await page.evaluate(() => !!window.pingElement.shadowRoot.querySelector(".apw-table"))
      : await page.locator(".apw-table").isVisible();
    assert.ok(table, mode);
    // Styled under the CSP too: in the element, by the page's sheet, adopted.
    const radius = await page.evaluate((m) => {
      const root = m === "element" ? window.pingElement.shadowRoot : document;
      return getComputedStyle(root.querySelector(".apw")).borderTopLeftRadius;
    }, mode);
    assert.notEqual(radius, "0px", `${mode}: styled`);
    assert.deepEqual(violations, [], mode);
    assert.deepEqual(page.problems, [], mode);
  }
});

test("a destination that does not resolve ends FAILED with its reason shown", async () => {
  const page = await open({ serial: "CNF7G9X001", destination: "x.invalid" });
  const complete = await waitForEvent(page, "ping-complete");
  assert.equal(complete.status, "FAILED");
  assert.match(await page.locator(".apw-progress-panel__status").textContent(), /Unable to resolve host: x\.invalid/);
  await screenshot(page, "widget-failed-test-light-wide");
  assert.deepEqual(page.problems, []);
});

test("markup in API strings is shown as text", async () => {
  const evil = '<img src=x onerror="window.pwned=1"><b>bold</b>';
  const page = await open({ serial: "CNF7G9X001" }, {
    // The status answers carry markup in every string field the widget shows (the
    // stand-in validates hostnames, so the answer is rewritten on its way to the page).
    watch: (p) => p.route("**/async-operations/**", (route) => route.fulfill({
      status: 200,
      contentType: "application/json",
      body: JSON.stringify({
        status: "COMPLETED", progressPercent: 100, failReason: null,
        rawOutput: `COMMAND=ping ${evil}\n64 bytes from ${evil}: icmp_seq=0 ttl=1 time=1 ms\n`,
        output: {
          destination: evil, resolvedIp: evil, transmittedPacketsCount: "2", receivedPacketsCount: "1",
          // Another sender than the resolved address, so that the table has a "From" column.
          replies: [{ sentPacketAddress: `${evil}!`, sentPacketIcmpSequenceNumber: "0", sentPacketTimeMilliseconds: "1" }],
        },
      }),
    })),
  });
  await waitForEvent(page, "ping-complete");
  await page.locator(".apw-summary__name").waitFor();
  assert.equal(await page.locator(".apw img, .apw b").count(), 0, "no element made from API text");
  assert.equal(await page.locator(".apw-summary__name").textContent(), evil, "the markup is shown as the text it is");
  assert.ok((await page.locator(".apw-table").textContent()).includes(`${evil}!`));
  assert.deepEqual(await page.locator(".apw-table thead th").allTextContents(), ["Seq", "From", "Bytes", "TTL", "RTT"]);
  assert.equal(await page.evaluate(() => window.pwned), undefined, "no handler ran");
  assert.deepEqual(page.problems, []);
});

test("a configuration error (no serial, a path-changing task id) is shown and reported, nothing is sent", async () => {
  await stack.mock.clearRequests();
  let page = await open({ serial: "" });
  let error = await waitForEvent(page, "ping-error");
  assert.equal(error.message, "Widget configuration: serial is required");
  assert.equal(error.kind, "configuration", "one kind for every configuration error");
  assert.match(await page.getByRole("alert").textContent(), /serial is required.*Check the widget's settings/s);
  assert.equal(await page.getByRole("button", { name: "Try again" }).count(), 0, "asking again cannot help");
  page = await open({ serial: "CNF7G9X001", taskId: ".." });
  error = await waitForEvent(page, "ping-error");
  assert.equal(error.message, 'Widget configuration: task id ".." is not a valid path segment');
  assert.deepEqual(await stack.mock.requests(), [], "no request left the page");
  assert.deepEqual(page.problems, []);
});

test("an option under its minimum is refused like any bad option, never raised: the element reports it, mountPingWidget throws", async () => {
  await stack.mock.clearRequests();
  const page = await open({ serial: "CNF7G9X001", mode: "element", interval: "100" });
  const error = await waitForEvent(page, "ping-error");
  assert.equal(error.message, "invalid widget options: pollIntervalMs must be at least 250");
  assert.equal(error.kind, "configuration");
  const thrown = await page.evaluate(() => {
    try {
      window.mountPingWidget(document.createElement("div"), { serial: "CNF7G9X001", taskId: "t", requestTimeoutMs: 99 });
      return null;
    } catch (e) {
      return e.message;
    }
  });
  assert.equal(thrown, "invalid widget options: requestTimeoutMs must be at least 100");
  assert.deepEqual(await stack.mock.requests(), [], "no request left the page");
});

test("polling pauses while the tab is hidden and resumes when it is visible", async () => {
  // Status requests in flight, counted from the page's first one.
  const isStatus = (r) => r.url().includes("/async-operations/");
  let inFlight = 0;
  let settled = () => {};
  const watch = (p) => {
    p.on("request", (r) => isStatus(r) && inFlight++);
    const done = (r) => isStatus(r) && --inFlight === 0 && settled();
    p.on("requestfinished", done);
    p.on("requestfailed", done);
  };
  // Polled at the interval throughout (no progress reported, followed from its start).
  const page = await open({ serial: "CNF7G9X015", prestart: "1", count: "60", interval: "250" }, { watch });
  await waitForEvent(page, "ping-progress");
  const setHidden = (hidden) => page.evaluate((h) => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => h });
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (h ? "hidden" : "visible") });
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
  await setHidden(true);
  await page.getByText("Paused while this tab is hidden").waitFor();
  // A request in flight when the tab hid is let finish; none may start after it.
  if (inFlight > 0) await new Promise((resolve) => (settled = resolve));
  await stack.mock.clearRequests();
  // The control widget is in a page of its own, which stays visible.
  await whileAWidgetPolls(stack, { intervalMs: 250 });
  assert.deepEqual(await requestsBesideControl(stack), [], "no request while hidden");
  const resumed = page.waitForRequest(isStatus);
  await setHidden(false);
  await resumed;
  await page.evaluate(() => window.pingWidget.destroy());
  assert.deepEqual(page.problems, []);
});

test("a token set on the element before the module defined it is used, and never becomes an attribute", async () => {
  const page = await open({ mode: "early-element", serial: "CNF7G9X001" });
  await waitForEvent(page, "ping-complete");
  assert.equal(await page.evaluate(() => window.pingElement.token), "demo-token");
  assert.equal(await page.evaluate(() => Object.prototype.hasOwnProperty.call(window.pingElement, "token")), false);
  assert.equal(await page.evaluate(() => window.pingElement.getAttribute("token")), null);
  assert.deepEqual(page.problems, []);
});

test("Run again starts the same test anew; the previous result stays in view, marked, until the new one ends", async () => {
  const page = await open({ serial: "CNF7G9X002", count: "6", interval: "250" });
  const first = await waitForEvent(page, "ping-complete");
  const firstStarted = await waitForEvent(page, "ping-started");
  const runAgain = page.getByRole("button", { name: "Run again" });
  await runAgain.click();
  const previous = page.locator(".apw-previous");
  await previous.waitFor();
  assert.equal(await previous.locator(".apw-previous__label").textContent(), "Previous result: a new test is running");
  assert.equal(await page.locator(".apw-badge").textContent(), "Running", "the badge is the new test's");
  assert.equal(await runAgain.count(), 0, "no second run while one is running");
  const previousRows = await previous.locator(".apw-table tbody tr").count();
  assert.equal(previousRows, first.statistics.replies.length + first.statistics.missingSequences.length);
  await screenshot(page, "widget-run-again-light-wide");
  await page.waitForFunction(() => window.pingEvents.filter((e) => e.type === "ping-complete").length === 2, null, { timeout: 20_000 });
  const started = await events(page, "ping-started");
  assert.equal(started.length, 2);
  assert.notEqual(started[1].detail.taskId, firstStarted.taskId, "a new test, not the old one again");
  const second = (await events(page, "ping-complete"))[1].detail;
  assert.equal(second.statistics.destination, first.statistics.destination, "the same destination");
  assert.equal(second.statistics.transmitted, 6, "the same count");
  await previous.waitFor({ state: "detached" });
  assert.equal(await page.locator(".apw-table").count(), 1, "only the new result once it is in");
  assert.ok(await runAgain.isVisible(), "and it can be run again");
  assert.deepEqual(page.problems, []);
});

test("Run again in dark, narrow: the previous result fits and is set apart", async () => {
  const page = await open({ serial: "CNF7G9X002", count: "6", interval: "250" }, { viewport: NARROW, colorScheme: "dark" });
  await waitForEvent(page, "ping-complete");
  await page.getByRole("button", { name: "Run again" }).click();
  await page.locator(".apw-previous").waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll (${overflow}px)`);
  await screenshot(page, "widget-run-again-dark-narrow");
  assert.deepEqual(page.problems, []);
});

test("a widget that follows a given task offers no Run again", async () => {
  const page = await open({ serial: "CNF7G9X002", count: "6" });
  const { taskId } = await waitForEvent(page, "ping-started");
  await waitForEvent(page, "ping-complete");
  await page.evaluate((id) => window.pingWidget.update({ ...window.pingOptions, taskId: id, start: undefined }), taskId);
  await page.locator(".apw-badge", { hasText: "Completed" }).waitFor();
  await page.getByRole("button", { name: "Download JSON" }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Run again" }).count(), 0);
  assert.deepEqual(page.problems, []);
});
