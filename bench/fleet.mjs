// Fleet benchmark (run on demand after `scripts/build` and `cargo build -p mock-central`):
// the fleet view pings one destination from every AP of a site, in headless Chromium,
// against mock-central at Central's published 7 requests a second per token and a real
// AP's pace (a reply a second; 5-packet tests), once with the page's request budget at its
// defaults (5 a second, 4 in flight) and once with it turned off
// (`configureRequestBudget({ maxRequestsPerSecond: 1000, maxInFlight: 1000 })`), for
// comparison. For each run it prints, from mock-central's request log (cleared first, so
// only this run's requests count) and from the page:
//  - requests sent, split into list, start and status; 429s received;
//  - status requests per tested AP (max, mean);
//  - time to the verdict (mount -> `fleet-complete`) against the floor of requests / rate
//    (the budget's 5 a second; for the run without it, the mock's 7), as a ratio;
//  - the longest main-thread task and the tasks over 50 ms (a `longtask` observer in the
//    page, from the mount until 2 s after the verdict, while the last rows are drawn);
//  - the most requests the mock saw in any 1,000 ms, and the most the page started in any
//    1,000 ms (Resource Timing: when `fetch` was called), to tell the budget's pace from
//    what the path (the browser's network service, the static server's proxy, the mock)
//    made of it;
// and each target next to its figure, met or not. A benchmark, not a test: it never fails
// on a missed target (machines are noisy); it exits non-zero only if it could not run.
//
//   node bench/fleet.mjs [--site HQ|CAMPUS] [--budget on|off] [--runs N]
//                        [--timeout-min M] [--timeline]
//
// --timeline also prints, per run, how the requests went over time (starts, polls and
// 429s per 5 s), how long each AP's first poll came after its start, and how many polls
// found the test still running: what the scheduling did, not only how long it took; and
// each task over 50 ms with its animation frame (long-animation-frame: its scripts by
// invoker, then style, layout and paint).
// The page is bench/pages/fleet-bench.{html,js}; without the budget the view asks to
// confirm the run (its estimate is above the allowance the list's X-RateLimit-Remaining
// reports, spent faster than the window resets), and the page says yes at once.
import { startStack } from "../tests/e2e/support/stack.mjs";
import { openPage } from "../tests/e2e/support/browser.mjs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(option("runs", 1));
const SITES = option("site") ? [option("site").toUpperCase()] : ["HQ", "CAMPUS"];
const MODES = option("budget") ? [option("budget") === "off" ? "off" : "on"] : ["on", "off"];
const TIMEOUT_MS = Number(option("timeout-min", 15)) * 60_000;
const TIMELINE = args.includes("--timeline");
if (!(RUNS >= 1) || SITES.some((s) => !["HQ", "CAMPUS"].includes(s)) || !(TIMEOUT_MS > 0)) {
  console.error("usage: node bench/fleet.mjs [--site HQ|CAMPUS] [--budget on|off] [--runs N] [--timeout-min M] [--timeline]");
  process.exit(2);
}

// Central's published rate, which mock-central enforces per token; the budget's default.
const MOCK_RATE = 7;
const BUDGET_RATE = 5;
const REPLY_INTERVAL_MS = 1000;
const COUNT = 5;
// mock-central's test of COUNT packets ends REPLY_INTERVAL_MS / 2 + COUNT * REPLY_INTERVAL_MS
// after its start (mock-central/src/simulation.rs, `status_at`): a poll before then finds
// it running.
const TEST_ENDS_AFTER_MS = REPLY_INTERVAL_MS / 2 + COUNT * REPLY_INTERVAL_MS;
const TARGETS = { tooMany: 0, statusPerAp: 3, ratio: 1.3, taskMs: 50 };

const PAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), "pages");
const stack = await startStack({
  mockArgs: [
    "--rate-limit-per-second", String(MOCK_RATE),
    "--reply-interval-ms", String(REPLY_INTERVAL_MS),
    // The stand-in's own storage, not what is measured: every task of every run stays
    // readable (by default it keeps 1,000, and CAMPUS starts 1,001).
    "--max-tasks", "10000", "--task-ttl-secs", "7200",
  ],
  roots: [PAGES],
});

/** The serial in `/…/aps/{serial}/ping…`. */
const serialOf = (p) => /\/aps\/([^/?]+)\//.exec(p)?.[1] ?? null;

/** The most entries in any window of `ms` (by arrival, `atMs`), and the first such window's entries. */
function busiestWindow(entries, ms) {
  const t = [...entries].sort((a, b) => a.atMs - b.atMs);
  let best = 0, at = 0;
  for (let i = 0, j = 0; j < t.length; j++) {
    while (t[j].atMs - t[i].atMs >= ms) i++;
    if (j - i + 1 > best) [best, at] = [j - i + 1, i];
  }
  return { count: best, entries: t.slice(at, at + best) };
}

async function runOnce(site, mode) {
  await stack.mock.clearRequests();
  // The mock's window of a second from an earlier run is over.
  await new Promise((r) => setTimeout(r, 1500));
  const page = await openPage(stack.browser, { viewport: { width: 1200, height: 1000 }, locale: "en-GB", timezoneId: "UTC" });
  await page.goto(`${stack.server.url}/fleet-bench.html?site=${site}&budget=${mode === "off" ? "off" : "default"}&count=${COUNT}`);
  let timedOut = false;
  try {
    await page.waitForFunction(
      () => window.bench?.events.some((e) => e.type === "fleet-complete" || e.type === "fleet-error"),
      null,
      { timeout: TIMEOUT_MS, polling: 1000 },
    );
    // The rows are drawn over frames after the verdict: their tasks count too.
    await page.waitForTimeout(2000);
  } catch (e) {
    if (!/Timeout/i.test(String(e))) throw e;
    timedOut = true;
  }
  const seen = await page.evaluate(() => ({
    mountedAt: window.bench.mountedAt,
    mountedEpoch: window.bench.mountedEpoch,
    confirmedAt: window.bench.confirmedAt,
    longTasks: window.bench.longTasks,
    longFrames: window.bench.longFrames,
    fetches: performance.getEntriesByType("resource")
      .filter((e) => /\/network-(monitoring|troubleshooting)\//.test(e.name))
      .map((e) => ({ start: e.startTime, requestStart: e.requestStart, kind: e.name.includes("/network-monitoring/") ? "list" : e.name.includes("async-operations") ? "status" : "start" })),
    end: window.bench.events.find((e) => e.type === "fleet-complete" || e.type === "fleet-error") ?? null,
    progress: window.bench.events.filter((e) => e.type === "fleet-progress").length,
    rows: document.querySelectorAll(".apw-fleet__row").length,
  }));
  await page.context().close();
  const log = await stack.mock.requests();
  const entries = (Array.isArray(log) ? log : log.requests ?? []).filter((r) => r.kind !== "token");
  if (process.env.FLEET_DUMP) {
    const t0 = entries[0]?.atMs ?? 0;
    console.log(entries.map((r) => `${r.atMs - t0}:${r.kind}:${r.status}`).join(" "));
  }
  return analyse(site, mode, entries, seen, timedOut);
}

function analyse(site, mode, entries, seen, timedOut) {
  const of = (kind) => entries.filter((r) => r.kind === kind);
  const starts = of("start");
  const polls = of("status");
  const tested = new Map(); // serial -> its start's arrival (ms, the mock's clock)
  for (const s of starts) if (!tested.has(serialOf(s.path))) tested.set(serialOf(s.path), s.atMs);
  const pollsOf = new Map([...tested.keys()].map((k) => [k, []]));
  for (const p of polls) pollsOf.get(serialOf(p.path))?.push(p);
  const perAp = [...pollsOf.values()].map((ps) => ps.length);
  const rate = mode === "off" ? MOCK_RATE : BUDGET_RATE;
  const endAt = seen.end ? seen.end.at : null;
  const verdictMs = endAt === null ? null : endAt - seen.mountedAt;
  const floorMs = (entries.length / rate) * 1000;
  const window = [seen.mountedAt, (endAt ?? Infinity) + 2000];
  // The task that mounts starts a moment before `mountedAt` is read in it.
  const tasks = seen.longTasks.filter((t) => t.start + t.duration > window[0] && t.start <= window[1]);
  // The scheduling: each AP's first poll after its start, polls that found the test still
  // running (before the mock's test ends), and the requests over time.
  const t0 = entries.length ? Math.min(...entries.map((r) => r.atMs)) : 0;
  const firstPollGaps = [];
  let early = 0;
  for (const [serial, startAt] of tested) {
    const ps = pollsOf.get(serial);
    if (ps.length) firstPollGaps.push(ps[0].atMs - startAt);
    early += ps.filter((p) => p.atMs < startAt + TEST_ENDS_AFTER_MS).length;
  }
  return {
    site, mode, timedOut,
    total: entries.length,
    list: of("list").length,
    start: starts.length,
    status: polls.length,
    other: of("other").length,
    open: entries.filter((r) => r.status === null).length,
    tooMany: entries.filter((r) => r.status === 429).length,
    tooManyByKind: ["list", "start", "status"].map((k) => of(k).filter((r) => r.status === 429).length),
    testedAps: tested.size,
    perApMax: perAp.length ? Math.max(...perAp) : null,
    perApMean: perAp.length ? perAp.reduce((a, b) => a + b, 0) / perAp.length : null,
    perApHistogram: perAp.reduce((h, n) => ((h[n] = (h[n] ?? 0) + 1), h), {}),
    rate, verdictMs, floorMs,
    ratio: verdictMs === null ? null : verdictMs / floorMs,
    longTasks: tasks.map((t) => {
      const at = `${((t.start - seen.mountedAt) / 1000).toFixed(1)} s: ${t.duration.toFixed(0)} ms`;
      // Its animation frame: the scripts in it (by invoker) and style/layout/paint after them.
      // (A frame's rendering task may run past the frame's end as reported: overlap is enough.)
      const f = seen.longFrames.find((f) => f.start <= t.start + 1 && f.start + f.duration > t.start);
      if (!f) return at;
      const scripts = f.scripts.map((x) => `${x.invoker} ${x.duration.toFixed(0)}${x.forcedLayout > 1 ? ` (forced layout ${x.forcedLayout.toFixed(0)})` : ""}`).join(" + ");
      const render = f.renderStart ? f.start + f.duration - f.renderStart : 0;
      const layout = f.styleAndLayoutStart ? f.start + f.duration - f.styleAndLayoutStart : 0;
      return `${at} [frame at ${((f.start - seen.mountedAt) / 1000).toFixed(3)} s, ${f.duration.toFixed(0)} ms: scripts ${scripts || "none"}; rendering ${render.toFixed(0)} ms, of which style/layout ${layout.toFixed(0)} ms]`;
    }),
    // The page's side: when fetch was called (Resource Timing), by the page's clock.
    pageBusiest: (() => {
      const f = seen.fetches.map((x) => ({ atMs: x.start, kind: x.kind }));
      const b = busiestWindow(f, 1000);
      const show = (w) => w.entries.slice(0, 12).map((x) => `${((x.atMs - seen.mountedAt) / 1000).toFixed(3)} ${x.kind}`).join(", ") +
        (w.entries.length > 12 ? `, … (${w.entries.length - 12} more)` : "");
      return { count: b.count, at: show(b), fetches: f.length };
    })(),
    confirmMs: seen.confirmedAt === null ? null : seen.confirmedAt - seen.mountedAt,
    longestTaskMs: tasks.length ? Math.max(...tasks.map((t) => t.duration)) : 0,
    tasksOver50: tasks.length,
    busiest: busiestWindow(entries, 1000).count,
    busiestAt: (() => {
      const b = busiestWindow(entries, 1000).entries;
      const shown = b.slice(0, 12).map((r) => `${((r.atMs - t0) / 1000).toFixed(3)} ${r.kind}`).join(", ");
      return b.length > 12 ? `${shown}, … (${b.length - 12} more)` : shown;
    })(),
    firstRequestAfterMountMs: entries.length ? Math.min(...entries.map((r) => r.epochMs)) - seen.mountedEpoch : null,
    end: seen.end, progressEvents: seen.progress, rows: seen.rows,
    firstPollGaps, early,
    lastStartMs: starts.length ? Math.max(...starts.map((r) => r.atMs)) - t0 : null,
    lastRequestMs: entries.length ? Math.max(...entries.map((r) => r.atMs)) - t0 : null,
    timeline: timeline(entries, t0),
  };
}

/** Requests per 5 s: starts, polls, lists and 429s. */
function timeline(entries, t0) {
  const buckets = [];
  for (const r of entries) {
    const i = Math.floor((r.atMs - t0) / 5000);
    buckets[i] ??= { start: 0, status: 0, list: 0, tooMany: 0 };
    buckets[i][r.kind] = (buckets[i][r.kind] ?? 0) + 1;
    if (r.status === 429) buckets[i].tooMany++;
  }
  return buckets.map((b) => b ?? { start: 0, status: 0, list: 0, tooMany: 0 });
}

const s = (ms) => (ms / 1000).toFixed(1) + " s";
const met = (ok) => (ok ? "met" : "NOT met");
const quantile = (xs, q) => {
  const t = [...xs].sort((a, b) => a - b);
  return t.length ? t[Math.min(t.length - 1, Math.floor(q * t.length))] : NaN;
};
const label = (mode) => (mode === "off" ? "budget off (1000/s, 1000 in flight)" : `budget on (defaults: ${BUDGET_RATE}/s, 4 in flight)`);

function report(r, run) {
  console.log(`\n${r.site}, ${label(r.mode)}, run ${run}${r.timedOut ? `: TIMED OUT after ${TIMEOUT_MS / 60_000} min (figures so far)` : ""}`);
  const endKind = r.end ? r.end.type : "none";
  const counts = r.end?.counts ? ` ${JSON.stringify(r.end.counts)}` : "";
  console.log(`  end: ${endKind}${counts}${r.end?.verdict ? `; verdict: "${r.end.verdict}"` : ""}${r.end?.message ? `; "${r.end.message}"` : ""}`);
  if (r.end?.errors?.length) {
    const kinds = {};
    for (const e of r.end.errors) kinds[e] = (kinds[e] ?? 0) + 1;
    for (const [e, n] of Object.entries(kinds)) console.log(`  APs failed: ${n} x ${e}`);
  }
  console.log(`  requests sent: ${r.total} (list ${r.list}, start ${r.start}, status ${r.status}${r.other ? `, other ${r.other}` : ""}${r.open ? `; ${r.open} unanswered` : ""})`);
  console.log(`  429s received: ${r.tooMany} (list ${r.tooManyByKind[0]}, start ${r.tooManyByKind[1]}, status ${r.tooManyByKind[2]})  target ${TARGETS.tooMany}: ${met(r.tooMany === TARGETS.tooMany)}`);
  if (r.testedAps) {
    const hist = Object.entries(r.perApHistogram).map(([n, c]) => `${c} APs ${n}`).join(", ");
    console.log(`  status requests per tested AP (${r.testedAps} tested): max ${r.perApMax}, mean ${r.perApMean.toFixed(2)} (${hist})  target <= ${TARGETS.statusPerAp}: ${met(r.perApMax <= TARGETS.statusPerAp)}`);
  }
  const floor = `floor ${r.total} requests / ${r.rate}/s${r.mode === "off" ? " (the mock's rate)" : " (the budget's rate)"} = ${s(r.floorMs)}`;
  if (r.verdictMs === null) {
    console.log(`  time to the verdict: none (${r.timedOut ? "timed out" : "no fleet-complete"}); ${floor}  target ratio <= ${TARGETS.ratio}: NOT met`);
  } else {
    console.log(`  time to the verdict: ${s(r.verdictMs)}; ${floor}; ratio ${r.ratio.toFixed(2)}  target <= ${TARGETS.ratio.toFixed(2)}: ${met(r.ratio <= TARGETS.ratio)}`);
  }
  console.log(`  longest main-thread task: ${r.tasksOver50 ? `${r.longestTaskMs.toFixed(0)} ms` : "under 50 ms (none reported)"}; tasks over 50 ms: ${r.tasksOver50}  target none over ${TARGETS.taskMs} ms: ${met(r.tasksOver50 === 0)}`);
  console.log(`  most requests in any 1,000 ms at the mock: ${r.busiest} (the mock allows ${MOCK_RATE} a second; the budget sends ${BUDGET_RATE} per 1,050 ms)`);
  if (r.confirmMs !== null) {
    console.log(`  the view asked to confirm the run (its estimate above the API's remaining allowance at this rate); the page said yes ${s(r.confirmMs)} after the mount (counted in the time to the verdict)`);
  }
  if (TIMELINE) {
    console.log(`  the busiest 1,000 ms at the mock (s from the first request): ${r.busiestAt}`);
    const pb = r.pageBusiest;
    console.log(`  the page's side (Resource Timing, ${pb.fetches} API requests): most fetches started in any 1,000 ms ${pb.count}; ` +
      `the busiest 1,000 ms (s from the mount): ${pb.at}`);
    if (r.longTasks.length) console.log(`  tasks over 50 ms (from the mount): ${r.longTasks.join(", ")}`);
    const g = r.firstPollGaps;
    console.log(`  first request ${r.firstRequestAfterMountMs} ms after the mount; last start at ${s(r.lastStartMs)}, last request at ${s(r.lastRequestMs)} (from the first request)`);
    if (g.length) {
      console.log(`  first poll after its AP's start: min ${s(Math.min(...g))}, median ${s(quantile(g, 0.5))}, 90% ${s(quantile(g, 0.9))}, max ${s(Math.max(...g))}; ` +
        `polls before the mock's test could end (${TEST_ENDS_AFTER_MS} ms after its start): ${r.early} of ${r.status}`);
    }
    console.log("  per 5 s (from the first request): start/status/list, 429s");
    const line = r.timeline.map((b, i) => `${i * 5}s ${b.start}/${b.status}/${b.list}${b.tooMany ? ` (${b.tooMany}x429)` : ""}`);
    for (let i = 0; i < line.length; i += 8) console.log("    " + line.slice(i, i + 8).join("  "));
  }
}

const results = [];
try {
  console.log(`fleet benchmark: mock-central at ${MOCK_RATE} requests/s per token, a reply every ${REPLY_INTERVAL_MS} ms, ${COUNT}-packet tests; ` +
    `${RUNS} run(s) per site and mode; each bounded to ${TIMEOUT_MS / 60_000} min`);
  for (const site of SITES) {
    for (const mode of MODES) {
      for (let run = 1; run <= RUNS; run++) {
        const r = await runOnce(site, mode);
        report(r, run);
        results.push(r);
      }
    }
  }
} finally {
  await stack.stop();
}

// One line per site and mode (the median run), for docs/BENCHMARKS.md.
const median = (xs) => quantile(xs.filter((x) => x !== null), 0.5);
console.log("\n| site | budget | requests (list/start/status) | 429s | status per AP max / mean | verdict | floor | ratio | longest task | tasks > 50 ms | most in 1 s |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const site of SITES) {
  for (const mode of MODES) {
    const rs = results.filter((r) => r.site === site && r.mode === mode);
    const m = (f) => median(rs.map(f));
    const timeouts = rs.filter((r) => r.timedOut).length;
    console.log(`| ${site} | ${mode === "off" ? "off" : "5/s, 4"} | ${m((r) => r.total)} (${m((r) => r.list)}/${m((r) => r.start)}/${m((r) => r.status)}) | ${m((r) => r.tooMany)} | ` +
      `${m((r) => r.perApMax)} / ${m((r) => r.perApMean)?.toFixed(2)} | ${timeouts === rs.length ? "timed out" : s(m((r) => r.verdictMs)) + (timeouts ? ` (${timeouts} timed out)` : "")} | ` +
      `${s(m((r) => r.floorMs))} at ${rs[0].rate}/s | ${timeouts === rs.length ? "-" : m((r) => r.ratio).toFixed(2)} | ` +
      `${m((r) => r.tasksOver50) ? m((r) => r.longestTaskMs).toFixed(0) + " ms" : "< 50 ms"} | ${m((r) => r.tasksOver50)} | ${m((r) => r.busiest)} |`);
  }
}
console.log(`(median of ${RUNS} run(s); targets: ${TARGETS.tooMany} 429s, <= ${TARGETS.statusPerAp} status requests per AP, ratio <= ${TARGETS.ratio}, no task over ${TARGETS.taskMs} ms)`);
