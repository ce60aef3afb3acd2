// Mounts the fleet view the way an admin page would, configured from the query string:
//   mode=mount|element, base (baseUrl), siteId, siteName, serials (comma-separated),
//   destination, count, interval, token, lossy (lossyAbovePercent), share
//   (beyondSharePercent), lang, rate (configureRequestBudget's maxRequestsPerSecond)
// Everything the view reports is kept on window.fleetEvents for the tests to read.
import init, { mountPingFleet, configureRequestBudget } from "/ap-ping-widget.js";

const q = new URLSearchParams(location.search);
await init({ module_or_path: "/ap-ping-widget_bg.wasm" });
if (q.has("rate")) configureRequestBudget({ maxRequestsPerSecond: Number(q.get("rate")) });

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

if (q.get("mode") === "element") {
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
// For tests of the options.
window.mountPingFleet = mountPingFleet;
window.fleetReady = true;
