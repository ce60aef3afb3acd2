// End to end: the page's request budget, shared by every widget of a page that calls the
// same base URL, measured from mock-central's request log (when each request arrived) and
// from the browser's own timing of each request (when it was sent, when its answer came):
// two ping widgets and a fleet together stay under the rate, a 429 or a spent budget
// answered to one widget holds the other, and configureRequestBudget sets and checks it.
import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { startStack, isHttpStatusReport } from "./support/stack.mjs";
import { openPage } from "./support/browser.mjs";
import { measureRate, recordApiRequests, settledLog } from "./support/rate.mjs";

// A stack of its own for each test: the mock counts a token's requests per second, and the
// last second of one test must not count against the next one's first requests.
let stack;
beforeEach(async () => {
  // Central's published 7 a second; the page's budget sends 5.
  stack = await startStack({ mockArgs: ["--rate-limit-per-second", "7"] });
});
afterEach(async () => stack?.stop());

/** Starts a ping on `serial` as a page's own backend would (not through any budget); its task id. */
async function startTask(serial, count) {
  const answer = await fetch(`${stack.mock.url}/network-troubleshooting/v1alpha1/aps/${serial}/ping`, {
    method: "POST",
    headers: { authorization: "Bearer demo-token", "content-type": "application/json" },
    body: JSON.stringify({ destination: "www.google.com", count }),
  });
  assert.equal(answer.status, 202, `starting ${serial}`);
  return (await answer.json()).location.split("/").pop();
}

/**
 * fleet.html with `query` (en-GB, UTC: the tests read clock times). Every API request the
 * page sends is kept in `page.apiRequests`, with when the browser sent it and when its
 * answer's headers came (`sent`, `answered`: ms since the epoch), its status and headers.
 */
async function openBudgetPage(query) {
  const page = await openPage(stack.browser, { viewport: { width: 1200, height: 1000 }, locale: "en-GB", timezoneId: "UTC" });
  recordApiRequests(page);
  await page.goto(`${stack.server.url}/fleet.html?${new URLSearchParams(query)}`);
  await page.waitForFunction(() => window.fleetReady === true, null, { timeout: 15_000 });
  return page;
}

const pingEvents = (page, serial, type) =>
  page.evaluate(([s, t]) => window.pingEvents.filter((e) => e.serial === s && e.type === t), [serial, type]);

async function waitForPing(page, serial, type, timeout = 60_000) {
  await page.waitForFunction(([s, t]) => window.pingEvents.some((e) => e.serial === s && e.type === t), [serial, type], { timeout });
  return (await pingEvents(page, serial, type))[0].detail;
}

async function waitForFleetEvent(page, type, timeout = 120_000) {
  await page.waitForFunction((t) => window.fleetEvents.some((e) => e.type === t), type, { timeout });
  return page.evaluate((t) => window.fleetEvents.find((e) => e.type === t).detail, type);
}

/**
 * Keeps, from now on, each different thing each ping widget says while it waits (its
 * badge, the budget's words, a retry's title): a hold lasts a second or two, and is looked
 * at after the run. `window.heldWords[serial]`.
 */
const watchHeldWords = (page) => page.evaluate(() => {
  window.heldWords = {};
  const look = () => {
    for (const slot of document.querySelectorAll(".ping-slot")) {
      const words = slot.querySelector(".apw-progress-panel__budget, .apw-alert--retrying .apw-alert__title")?.textContent;
      const badge = slot.querySelector(".apw-badge")?.textContent;
      const seen = (window.heldWords[slot.dataset.serial] ??= []);
      if (words && !seen.some((w) => w.words === words)) seen.push({ words, badge });
    }
  };
  new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
});

/** The requests the browser sent at or after `from` (ms), the first first. */
const sentFrom = (page, from) => page.apiRequests.filter((r) => r.sent >= from).sort((a, b) => a.sent - b.sent);

test("two ping widgets and a fleet on one page together never exceed the rate, and take turns", async () => {
  // CNF7G9X001 followed from its start (started here, as a backend would: the page's own
  // requests all go through the budget) and polled throughout; CNF7G9X002 started by its
  // widget, first asked about after its expected run time. The fleet tests HQ's 40 APs.
  const taskId = await startTask("CNF7G9X001", 40);
  await stack.mock.clearRequests();
  const page = await openBudgetPage({ siteName: "HQ", pings: `CNF7G9X001:${taskId},CNF7G9X002`, pingCount: "5" });
  const complete = await waitForFleetEvent(page, "fleet-complete");
  await waitForPing(page, "CNF7G9X001", "ping-complete");
  const done002 = await waitForPing(page, "CNF7G9X002", "ping-complete");

  const log = await settledLog(stack.mock, page);
  const isPing = (r) => /CNF7G9X00[12]/.test(r.path);
  const pings = log.filter(isPing);
  const fleet = log.filter((r) => !isPing(r));
  const rate = measureRate(log, page.apiRequests);
  const span = (log.at(-1).epochMs - log[0].epochMs) / 1000;
  console.log(
    `one page, fleet + 2 widgets: ${log.length} requests (${fleet.length} fleet, ${pings.length} ping widgets) in ${span.toFixed(1)} s, ` +
    `${(log.length / span).toFixed(2)}/s; 429s ${log.filter((r) => r.status === 429).length}; most arrivals in any 1,000 ms ${rate.arrivalsPer1000} ` +
    `(busiest: ${rate.busiestArrivals.join(", ")} ms), in any 1,100 ms ${rate.arrivalsPer1100}; ` +
    `forwarding jitter ${rate.jitterMs} ms over ${rate.paired} pairs, so at most 5 in any ${rate.arrivalWindowMs} ms of arrivals: ${rate.arrivalsPerWindow}; ` +
    `most sends (browser) in any 1,000 ms ${rate.sendsPer1000}, shortest time from a send to the 5th after it ${rate.gapOf(5).toFixed(0)} ms`,
  );
  assert.equal(log.filter((r) => r.status === 429).length, 0, "no 429 from the mock's 7 a second");
  assert.ok(log.every((r) => r.status === 200 || r.status === 202), "every answer a success");
  assert.equal(rate.paired, log.length, "every request the mock saw, the browser sent");
  assert.ok(rate.arrivalsPerWindow <= 5, `at most 5 requests arrive in any ${rate.arrivalWindowMs} ms: ${rate.arrivalsPerWindow}`);
  assert.ok(rate.sendsPer1000 <= 5, `at most 5 requests are sent in any 1,000 ms: ${rate.sendsPer1000}`);
  assert.ok(rate.arrivalsPer1000 >= 4, `the budget is used, not idle: ${rate.arrivalsPer1000} in the busiest second`);

  // Both widgets completed and the fleet reached its verdict.
  assert.equal(done002.status, "COMPLETED");
  assert.equal(complete.verdict.kind, "someAps");
  assert.equal(complete.verdict.text, "2 of 40 APs lose packets: hq-ap-07 (60%), hq-ap-23 (60%)");

  // Round-robin: neither waits for all of the other's. Each widget's first request comes
  // among the first few, while the fleet still has nearly all of its starts to send; the
  // fleet's starts go on between the widgets' requests; the widgets finish long before it.
  const index = (r) => log.indexOf(r);
  const fleetStarts = fleet.filter((r) => r.kind === "start");
  assert.equal(fleetStarts.length, 40);
  for (const serial of ["CNF7G9X001", "CNF7G9X002"]) {
    const first = index(log.find((r) => r.path.includes(serial)));
    assert.ok(first < index(fleetStarts[4]), `${serial}'s first request (#${first}) before the fleet's 5th start (#${index(fleetStarts[4])})`);
  }
  const [firstPing, lastPing] = [index(pings[0]), index(pings.at(-1))];
  const fleetBetween = fleet.filter((r) => index(r) > firstPing && index(r) < lastPing).length;
  assert.ok(fleetBetween >= 5, `the fleet's requests between the widgets' first and last: ${fleetBetween}`);
  assert.ok(lastPing < index(fleet.at(-1)), "the widgets do not wait for the end of the fleet's run");
  const pingsAmidStarts = pings.filter((r) => index(r) > index(fleetStarts[0]) && index(r) < index(fleetStarts.at(-1))).length;
  assert.ok(pingsAmidStarts >= 2, `the widgets' requests amid the fleet's 40 starts: ${pingsAmidStarts}`);
  assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
  await page.close();
});

test("a 429 answered to one widget holds the other widget's requests too", async () => {
  // CNF7G9X015 is polled steadily (its status never tells progress) every 250 ms; then a
  // widget on CNF7G9X008 joins, whose first status answer is a 429 with Retry-After: 1 (and
  // X-RateLimit-Remaining: 0, its reset 2.5 s later).
  const steady = await startTask("CNF7G9X015", 100);
  const limited = await startTask("CNF7G9X008", 5);
  await stack.mock.clearRequests();
  const page = await openBudgetPage({ nofleet: "1", pings: `CNF7G9X015:${steady}`, pingInterval: "250" });
  await page.waitForFunction(() => window.pingEvents.filter((e) => e.type === "ping-progress").length >= 3, null, { timeout: 20_000 });
  await watchHeldWords(page);
  await page.evaluate((id) => {
    window.limitedWidget = window.mountPing(`CNF7G9X008:${id}`);
  }, limited);

  const done = await waitForPing(page, "CNF7G9X008", "ping-complete");
  assert.equal(done.status, "COMPLETED");
  await page.evaluate(() => window.pingWidgets[0].destroy());
  const tooMany = page.apiRequests.filter((r) => r.status === 429).sort((a, b) => a.sent - b.sent);
  assert.ok(tooMany.length >= 1 && tooMany.every((r) => r.path.includes("CNF7G9X008")), "the 429s are CNF7G9X008's");
  const first = tooMany[0];
  assert.equal(first.headers["retry-after"], "1");
  // From the browser: after each 429 came, nothing was sent for at least the second its
  // Retry-After asks (nor, in fact, until its X-RateLimit-Reset), then both went on.
  for (const r of tooMany) {
    const after = sentFrom(page, r.answered);
    assert.ok(after.length > 0, "requests after the hold");
    const gap = after[0].sent - r.answered;
    const reset = Date.parse(r.headers["x-ratelimit-reset"]);
    console.log(`429 answered at +0: next request sent at +${gap.toFixed(0)} ms (its reset at +${(reset - r.answered).toFixed(0)} ms)`);
    assert.ok(gap >= 1000, `a request sent ${gap.toFixed(0)} ms after the 429 came`);
    // (The browser's timing and the page's clock may differ by a few ms.)
    assert.ok(after[0].sent >= reset - 20, `a request sent ${(reset - after[0].sent).toFixed(0)} ms before the 429's X-RateLimit-Reset`);
  }
  const afterFirst = sentFrom(page, first.answered);
  for (const serial of ["CNF7G9X015", "CNF7G9X008"]) {
    assert.ok(afterFirst.some((r) => r.path.includes(serial)), `${serial} is asked about again after the hold`);
  }
  // From the mock's log: the requests in flight when the 429 was answered arrive within
  // moments of it; then none for the second after it.
  const log = await stack.mock.requests();
  for (const r of log.filter((e) => e.status === 429)) {
    const within = log.filter((e) => e.epochMs > r.epochMs + 200 && e.epochMs < r.epochMs + 1000);
    assert.deepEqual(within.map((e) => `${e.epochMs - r.epochMs} ms: ${e.path}`), [], "a request arrived within the second after the 429");
  }
  // While held, the steady widget said it waits, and until when: the 429's answer and
  // the longer of its waits (Retry-After 1 s, X-RateLimit-Reset 2.5 s).
  const said = await page.evaluate(() => window.heldWords);
  console.log(`held: the widgets said ${JSON.stringify(said)}`);
  // The widget that got the 429 says so in its own words (its retry).
  assert.match(said.CNF7G9X008?.[0]?.words ?? "", /^Rate limited until \d\d:\d\d:\d\d \(attempt 1 of \d+\)$/);
  const heldWords = said.CNF7G9X015 ?? [];
  assert.ok(heldWords.length >= 1, "the steady widget said it waits");
  assert.equal(heldWords[0].badge, "Waiting");
  const holdEnd = Math.max(first.answered + 1000, Date.parse(first.headers["x-ratelimit-reset"]));
  const shown = /^Request budget used up: next check at (\d\d):(\d\d):(\d\d)$/.exec(heldWords[0].words);
  assert.ok(shown, `a clock time in "${heldWords[0].words}"`);
  const shownSecondOfDay = Number(shown[1]) * 3600 + Number(shown[2]) * 60 + Number(shown[3]);
  const holdEndSecondOfDay = Math.floor((holdEnd % 86_400_000) / 1000);
  assert.ok(Math.abs(shownSecondOfDay - holdEndSecondOfDay) <= 1, `"${heldWords[0].words}" names the hold's end ${new Date(holdEnd).toISOString()}`);
  assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
  await page.close();
});

test("X-RateLimit-Remaining: 0 answered to one widget holds the page until the reset", async () => {
  // Every status answer of CNF7G9X014 says its budget is spent, with a reset 1.5 s later;
  // a request to it before then would be answered 429 (the mock counts them: overBudget).
  const steady = await startTask("CNF7G9X015", 100);
  // 40 packets (6 s at the stack's 150 ms): still running when the widget mounts, after
  // the page has loaded and the steady widget has answered three times, so it sees a spent
  // budget at least twice (a running answer, then the hold, then another).
  const spent = await startTask("CNF7G9X014", 40);
  await stack.mock.clearRequests();
  const overBudgetBefore = (await stack.mock.state()).overBudget;
  const page = await openBudgetPage({ nofleet: "1", pings: `CNF7G9X015:${steady}`, pingInterval: "250" });
  await page.waitForFunction(() => window.pingEvents.filter((e) => e.type === "ping-progress").length >= 3, null, { timeout: 20_000 });
  await watchHeldWords(page);
  await page.evaluate((id) => {
    window.spentWidget = window.mountPing(`CNF7G9X014:${id}`);
  }, spent);
  const done = await waitForPing(page, "CNF7G9X014", "ping-complete");
  assert.equal(done.status, "COMPLETED");
  await page.evaluate(() => window.pingWidgets[0].destroy());

  const spentAnswers = page.apiRequests.filter((r) => r.path.includes("CNF7G9X014") && r.headers["x-ratelimit-remaining"] === "0");
  assert.ok(spentAnswers.length >= 2, `CNF7G9X014 answered with a spent budget ${spentAnswers.length} times`);
  for (const r of spentAnswers) {
    const reset = Date.parse(r.headers["x-ratelimit-reset"]);
    const after = sentFrom(page, r.answered);
    if (after.length === 0) continue; // the last answer: nothing followed
    const early = after.filter((a) => a.sent < reset - 20); // the browser's timing and the page's clock may differ by a few ms
    console.log(`Remaining: 0 answered at +0, reset at +${(reset - r.answered).toFixed(0)} ms: next request sent at +${(after[0].sent - r.answered).toFixed(0)} ms`);
    assert.deepEqual(early.map((a) => `${a.path} ${(a.sent - reset).toFixed(0)} ms before the reset`), [], "sent before the reset");
  }
  const log = await stack.mock.requests();
  assert.equal(log.filter((r) => r.status === 429).length, 0, "no request reached the mock while the budget was spent");
  assert.equal((await stack.mock.state()).overBudget, overBudgetBefore);
  assert.ok(log.filter((r) => r.path.includes("CNF7G9X015")).length > 3, "the steady widget was polled meanwhile");
  const said = await page.evaluate(() => window.heldWords);
  console.log(`held by Remaining: 0: the widgets said ${JSON.stringify(said)}`);
  const heldWords = said.CNF7G9X015 ?? [];
  assert.ok(heldWords.length >= 1, "the steady widget said it waits");
  assert.equal(heldWords[0].badge, "Waiting");
  assert.match(heldWords[0].words, /^Request budget used up: next check at \d\d:\d\d:\d\d$/);
  assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
  await page.close();
});

test("configureRequestBudget: its limits in force, a refusal naming the option, and 2 a second measured", async () => {
  // A page without a budget of its own: the defaults; a subset sets only itself.
  let page = await openBudgetPage({ nofleet: "1" });
  const calls = await page.evaluate(() => {
    const attempt = (options) => {
      try {
        return { limits: window.configureRequestBudget(options) };
      } catch (error) {
        return { error: error.message };
      }
    };
    return {
      defaults: attempt(),
      zero: attempt({ maxInFlight: 0 }),
      fraction: attempt({ maxRequestsPerSecond: 1.5 }),
      afterRefusals: attempt(),
      two: attempt({ maxRequestsPerSecond: 2 }),
      three: attempt({ maxInFlight: 3 }),
    };
  });
  console.log(`configureRequestBudget: ${JSON.stringify(calls)}`);
  assert.deepEqual(calls.defaults, { limits: { maxRequestsPerSecond: 5, maxInFlight: 4 } });
  assert.match(calls.zero.error ?? "", /maxInFlight/);
  assert.match(calls.fraction.error ?? "", /maxRequestsPerSecond/);
  assert.deepEqual(calls.afterRefusals, calls.defaults, "a refused call changes nothing");
  assert.deepEqual(calls.two, { limits: { maxRequestsPerSecond: 2, maxInFlight: 4 } });
  assert.deepEqual(calls.three, { limits: { maxRequestsPerSecond: 2, maxInFlight: 3 } });
  await page.close();

  // 2 a second, for a fleet of 4 APs and two ping widgets on the same page.
  const taskId = await startTask("CNF7G9X001", 20);
  await stack.mock.clearRequests();
  page = await openBudgetPage({
    rate: "2",
    serials: "HQ00000001,HQ00000002,HQ00000007,HQ00000010",
    pings: `CNF7G9X001:${taskId},CNF7G9X002`,
    pingCount: "3",
  });
  const complete = await waitForFleetEvent(page, "fleet-complete");
  assert.deepEqual(complete.counts, { done: 4, total: 4, failed: 0, offline: 0 });
  await waitForPing(page, "CNF7G9X001", "ping-complete");
  await waitForPing(page, "CNF7G9X002", "ping-complete");
  const log = await settledLog(stack.mock, page);
  const rate = measureRate(log, page.apiRequests);
  const span = (log.at(-1).epochMs - log[0].epochMs) / 1000;
  console.log(
    `at 2 a second: ${log.length} requests in ${span.toFixed(1)} s; most arrivals in any 1,000 ms ${rate.arrivalsPer1000}; ` +
    `forwarding jitter ${rate.jitterMs} ms, so at most 2 in any ${rate.arrivalWindowMs} ms of arrivals: ${rate.arrivalsPerWindow}; ` +
    `most sends in any 1,000 ms ${rate.sendsPer1000}, shortest time from a send to the 2nd after it ${rate.gapOf(2).toFixed(0)} ms`,
  );
  assert.ok(log.length >= 12, `several widgets' requests: ${log.length}`);
  assert.equal(rate.paired, log.length, "every request the mock saw, the browser sent");
  assert.ok(rate.arrivalsPerWindow <= 2, `at most 2 requests arrive in any ${rate.arrivalWindowMs} ms: ${rate.arrivalsPerWindow}`);
  assert.ok(rate.sendsPer1000 <= 2, `at most 2 requests are sent in any 1,000 ms: ${rate.sendsPer1000}`);
  // N requests at 2 in any 1,100 ms: the last is sent at least (N − 1) ÷ 2 windows after the first.
  assert.ok(span * 1000 >= Math.floor((log.length - 1) / 2) * 1100 - rate.jitterMs, `${log.length} requests at 2 a second take ${span} s`);
  assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
  await page.close();
});

test("a non-whole limit is refused in the request budget's words, as a 0 is", async () => {
  const page = await openBudgetPage({ nofleet: "1" });
  const messages = await page.evaluate(() => [{ maxRequestsPerSecond: 1.5 }, { maxInFlight: -1 }, { maxInFlight: "4" }].map((options) => {
    try {
      window.configureRequestBudget(options);
      return "accepted";
    } catch (error) {
      return error.message;
    }
  }));
  assert.deepEqual(messages, [
    "invalid request budget: maxRequestsPerSecond must be a whole number",
    "invalid request budget: maxInFlight must be a whole number",
    "invalid request budget: maxInFlight must be a whole number",
  ]);
  await page.close();
});
