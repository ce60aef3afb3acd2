// The request rate of a page, as mock-central's log saw it arrive and as the browser sent
// it: what the page's request budget is measured by (budget.test.mjs, traceroute.test.mjs).

/** The most of `times` (ms) within any `windowMs` (a half-open window: [t, t + windowMs)). */
export function mostInWindow(times, windowMs) {
  return busiestWindow(times, windowMs).length;
}

/** The times of the busiest `windowMs` (the first such), in order. */
export function busiestWindow(times, windowMs) {
  const sorted = [...times].sort((a, b) => a - b);
  let best = [0, 0];
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j] - sorted[i] >= windowMs) i++;
    if (j - i + 1 > best[1] - best[0]) best = [i, j + 1];
  }
  return sorted.slice(...best);
}

/**
 * The request rate as the mock saw it, and as the browser sent it. The budget counts the
 * times it grants turns: at most `rate` in any 1,100 ms (`WINDOW_MS`), 100 ms to spare for
 * what happens between a grant and the request's arrival: the fetch called a few ms after
 * its grant, and the travel through this test's own forwarder (the static server, in this
 * Node process beside playwright), whose time varies. Each arrival is paired with its send
 * (the browser's timing of it); `jitterMs` is the spread of those travel times, measured
 * (up to 235 ms seen on 2 shared cores while the page loads). Arrivals are then held to the
 * rate in any `arrivalWindowMs` = 1,000 − jitter: in any 1,000 ms when nothing travelled
 * slower than anything else; sends (the browser's own times) in any 1,000 ms.
 */
export function measureRate(log, apiRequests) {
  const sends = [...apiRequests].sort((a, b) => a.sent - b.sent);
  const used = new Set();
  const transit = [];
  for (const entry of log) {
    const i = sends.findIndex((r, k) => !used.has(k) && r.method === entry.method && r.path === entry.path.split("?")[0]);
    if (i < 0) continue;
    used.add(i);
    transit.push(entry.epochMs - sends[i].sent);
  }
  const jitterMs = Math.round(Math.max(0, Math.max(...transit) - Math.min(...transit)));
  const arrivals = log.map((r) => r.epochMs);
  const arrivalWindowMs = 1000 - Math.ceil(jitterMs);
  const sent = sends.map((r) => r.sent);
  const gapOf = (n) => Math.min(...sent.slice(n).map((t, k) => t - sent[k]));
  return {
    paired: transit.length,
    jitterMs,
    arrivalWindowMs,
    arrivalsPer1000: mostInWindow(arrivals, 1000),
    arrivalsPer1100: mostInWindow(arrivals, 1100),
    arrivalsPerWindow: mostInWindow(arrivals, arrivalWindowMs),
    sendsPer1000: mostInWindow(sent, 1000),
    /** The shortest time between a send and the `n`th after it: ≥ 1,100 ms for the rate `n`. */
    gapOf,
    busiestArrivals: busiestWindow(arrivals, 1000).map((t) => t - arrivals[0]),
  };
}

/**
 * Keeps every API request `page` sends in `page.apiRequests`, with when the browser sent it
 * and when its answer's headers came (`sent`, `answered`: ms since the epoch), its status
 * and headers.
 */
export function recordApiRequests(page) {
  page.apiRequests = [];
  page.on("requestfinished", async (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith("/network-")) return;
    const timing = request.timing();
    const response = await request.response();
    page.apiRequests.push({
      method: request.method(),
      path: url.pathname,
      sent: timing.startTime,
      answered: timing.startTime + timing.responseStart,
      status: response?.status(),
      headers: response?.headers() ?? {},
    });
  });
}

/**
 * The mock's request log, once the browser has reported the timing of every one of those
 * requests (its events come a moment after the answers), or after 10 s.
 */
export async function settledLog(mock, page) {
  const log = await mock.requests();
  const until = Date.now() + 10_000;
  while (page.apiRequests.length < log.length && Date.now() < until) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }
  return log;
}
