// Mounts the fleet view the way an admin page would, configured from the query string:
//   mode=mount|element, base (baseUrl), siteId, siteName, serials (comma-separated),
//   destination, count, interval, token, lossy (lossyAbovePercent), share
//   (beyondSharePercent), lang, rate (configureRequestBudget's maxRequestsPerSecond),
//   inflight (its maxInFlight), nofleet (no fleet view: only the ping widgets below),
//   pings: ping widgets on the same page, comma-separated, each SERIAL (the widget starts
//   the test: pingDestination, pingCount) or SERIAL:TASKID (it follows a test the test
//   script started, polled from the start every pingInterval ms, default 300); each may
//   end @BASE for a baseUrl of its own (another base URL: another budget)
// Everything the view reports is kept on window.fleetEvents, and what the ping widgets
// report on window.pingEvents (with their serial), for the tests to read.
import "/page-errors.js";
import init, { mountPingFleet, mountPingWidget, configureRequestBudget } from "/ap-ping-widget.js";


const q = new URLSearchParams(location.search);
await init({ module_or_path: "/ap-ping-widget_bg.wasm" });
if (q.has("rate")) configureRequestBudget({ maxRequestsPerSecond: Number(q.get("rate")) });
if (q.has("inflight")) configureRequestBudget({ maxInFlight: Number(q.get("inflight")) });

const number = (name) => (q.has(name) ? Number(q.get(name)) : undefined);
window.fleetEvents = [];
const record = (event) => window.fleetEvents.push({ type: event.type, detail: event.detail, at: Date.now() });
const EVENTS = ["fleet-progress", "fleet-complete", "fleet-error"];

const options = {
  baseUrl: q.get("base") ?? "",
  siteId: q.get("siteId") ?? undefined,
  siteName: q.get("siteName") ?? undefined,
  serials: q.has("serials") ? q.get("serials").split(",") : undefined,
  destination: q.get("destination") ?? "8.8.8.8",
  count: number("count") ?? 5,
  pollIntervalMs: number("interval"),
  token: q.get("token") ?? "demo-token",
  lossyAbovePercent: number("lossy"),
  beyondSharePercent: number("share"),
  lang: q.get("lang") ?? undefined,
};

window.pingEvents = [];
const PING_EVENTS = ["ping-started", "ping-progress", "ping-complete", "ping-error"];
/** Mounts a ping widget in a slot of its own (also later, from a test); its handle. */
window.mountPing = (spec) => {
  const [rest, base] = spec.split("@");
  const [serial, taskId] = rest.split(":");
  const slot = document.createElement("div");
  slot.className = "ping-slot";
  slot.dataset.serial = serial;
  document.body.append(slot);
  for (const type of PING_EVENTS) {
    slot.addEventListener(type, (e) => window.pingEvents.push({ serial, type: e.type, detail: e.detail, at: Date.now() }));
  }
  return mountPingWidget(slot, {
    baseUrl: base ?? options.baseUrl,
    serial,
    taskId,
    token: options.token,
    pollIntervalMs: number("pingInterval") ?? 300,
    start: taskId ? undefined : { destination: q.get("pingDestination") ?? "www.google.com", count: number("pingCount") ?? 5 },
  });
};

if (q.has("nofleet")) {
  // only the ping widgets
} else if (q.get("mode") === "element") {
  const host = document.createElement("ap-ping-fleet");
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || name === "token") continue;
    host.setAttribute(name.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()), String(value));
  }
  host.token = options.token;
  for (const type of EVENTS) host.addEventListener(type, record);
  document.querySelector("#element-slot").append(host);
  window.fleetElement = host;
} else {
  const host = document.querySelector("#mount-target");
  for (const type of EVENTS) host.addEventListener(type, record);
  window.pingFleet = mountPingFleet(host, options);
}
window.pingWidgets = q.has("pings") ? q.get("pings").split(",").map(window.mountPing) : [];
// For tests of the options.
window.mountPingFleet = mountPingFleet;
window.configureRequestBudget = configureRequestBudget;
window.fleetReady = true;
