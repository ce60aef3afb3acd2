// The fleet benchmark's page (bench/fleet.mjs): mounts the fleet view for one site, with
// the page's request budget at its defaults or (budget=off) turned off, says yes to "Start
// anyway" at once, and records what the benchmark reads: every main-thread task over 50 ms
// (longtask) and its animation frame, each request's Resource Timing, when the view was
// mounted and when `fleet-complete` (or `fleet-error`) came, on both clocks.
//   site (siteName), budget=default|off, destination, count
import init, { mountPingFleet, configureRequestBudget } from "/ap-ping-widget.js";

const q = new URLSearchParams(location.search);
const bench = (window.bench = { longTasks: [], events: [], mountedAt: null, mountedEpoch: null, confirmedAt: null });
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: "longtask", buffered: true });
// What a long task was: the animation frame it belongs to (over 50 ms), split into its
// scripts (by what invoked them) and the style, layout and paint after them.
bench.longFrames = [];
if (PerformanceObserver.supportedEntryTypes.includes("long-animation-frame")) {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      bench.longFrames.push({
        start: e.startTime,
        duration: e.duration,
        renderStart: e.renderStart,
        styleAndLayoutStart: e.styleAndLayoutStart,
        scripts: e.scripts.map((x) => ({ invoker: x.invoker, type: x.invokerType, duration: x.duration, forcedLayout: x.forcedStyleAndLayoutDuration })),
      });
    }
  }).observe({ type: "long-animation-frame", buffered: true });
}
// Every request's own timing (when the page called fetch), to tell the browser's side of
// the request pattern from what arrived at mock-central.
performance.setResourceTimingBufferSize(20_000);

await init({ module_or_path: "/ap-ping-widget_bg.wasm" });
// Off: far above anything mock-central (7 a second) or the browser's own six connections
// per host can take, so that only the server's 429s and X-RateLimit-* hold requests back.
if (q.get("budget") === "off") configureRequestBudget({ maxRequestsPerSecond: 1000, maxInFlight: 1000 });

const host = document.querySelector("#mount-target");
for (const type of ["fleet-progress", "fleet-complete", "fleet-error"]) {
  host.addEventListener(type, (event) => {
    const d = event.detail;
    bench.events.push({
      type,
      at: performance.now(),
      epoch: Date.now(),
      // Counts only: the complete detail holds every AP's result.
      counts: type === "fleet-progress" ? d : d?.counts ?? null,
      verdict: d?.verdict?.text ?? null,
      errors: type === "fleet-complete" ? d.aps.filter((a) => a.error).map((a) => JSON.stringify(a.error).slice(0, 300)) : null,
      message: type === "fleet-error" ? d?.message ?? null : null,
    });
    if (type !== "fleet-progress" || d.done > 0) confirming.disconnect();
  });
}
// Without the budget, a run's estimate is spent faster than the API's window of a second
// refills, so the view asks the admin first (as it should): the admin says yes at once.
// The observer looks only until the tests are under way (the first AP done), and only at
// the alert's buttons, so that it adds next to nothing to the tasks measured.
const confirming = new MutationObserver(() => {
  const yes = [...host.querySelectorAll(".apw-alert button")].find((b) => b.textContent.trim() === "Start anyway");
  if (yes) {
    confirming.disconnect();
    bench.confirmedAt = performance.now();
    yes.click();
  }
});
confirming.observe(host, { subtree: true, childList: true });
// The mount in a task of its own, not in the one that instantiated the module: the tasks
// counted are the view's.
await new Promise((resolve) => setTimeout(resolve, 100));
bench.mountedAt = performance.now();
bench.mountedEpoch = Date.now();
window.pingFleet = mountPingFleet(host, {
  baseUrl: "",
  siteName: q.get("site") ?? "HQ",
  destination: q.get("destination") ?? "8.8.8.8",
  count: Number(q.get("count") ?? 5),
  token: "demo-token",
});
