// Mounts traceroute and ping widgets the way an admin page would, configured from the
// query string:
//   widgets: comma-separated, each KIND:SERIAL:DESTINATION[:trace-on-loss] (KIND trace or
//     ping; DESTINATION may be empty: the widget's default; trace-on-loss: the ping widget
//     offers "Trace the path" on loss); default trace:CNF7G9X001:www.example.com
//   mode=mount|element (mountTracerouteWidget / mountPingWidget, or the custom elements),
//   base (baseUrl), api (apiVersion), token, interval (pollIntervalMs), raw
//   (includeRawOutput true|false), iface (sourceInterface), count (a ping's count),
//   rate
//   (configureRequestBudget's maxRequestsPerSecond), lang
// Every event of every widget is kept on window.traceEvents as {slot, serial, type,
// detail, at}, for the tests to read; window.widgets holds the handles (or elements).
import "/page-errors.js";
import init, { mountTracerouteWidget, mountPingWidget, configureRequestBudget } from "/ap-ping-widget.js";


const q = new URLSearchParams(location.search);
await init({ module_or_path: "/ap-ping-widget_bg.wasm" });
if (q.has("rate")) configureRequestBudget({ maxRequestsPerSecond: Number(q.get("rate")) });

const number = (name) => (q.has(name) ? Number(q.get(name)) : undefined);
const EVENTS = [
  "traceroute-started", "traceroute-progress", "traceroute-complete", "traceroute-error",
  "ping-started", "ping-progress", "ping-complete", "ping-error",
];
window.traceEvents = [];

const common = () => ({
  baseUrl: q.get("base") ?? "",
  apiVersion: q.get("api") ?? undefined,
  token: q.get("token") ?? "demo-token",
  pollIntervalMs: number("interval") ?? 300,
  lang: q.get("lang") ?? undefined,
});

/** The options of one widget: a traceroute's start (destination, source interface, raw output) or a ping's. */
function optionsOf(kind, serial, destination, flag) {
  if (kind === "trace") {
    return {
      ...common(),
      serial,
      start: {
        destination: destination || "www.example.com",
        sourceInterface: q.get("iface") ?? undefined,
        includeRawOutput: q.has("raw") ? q.get("raw") === "true" : undefined,
      },
    };
  }
  return {
    ...common(),
    serial,
    traceOnLoss: flag === "trace-on-loss" ? true : undefined,
    start: { destination: destination || "www.google.com", count: number("count") ?? 5 },
  };
}

const kebab = (name) => name.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());

/** The custom element of `kind`, with every option set as its attribute (the token as a property). */
function element(kind, options) {
  const host = document.createElement(kind === "trace" ? "ap-traceroute-status" : "ap-ping-status");
  for (const [name, value] of Object.entries({ ...options, ...options.start, start: undefined, token: undefined })) {
    if (value === undefined) continue;
    // A boolean as HTML writes one: true the attribute alone, false "false".
    host.setAttribute(kebab(name), value === true ? "" : String(value));
  }
  host.token = options.token;
  return host;
}

/** Mounts one widget in a slot of its own (also later, from a test); its handle or element. */
window.mountSlot = (spec) => {
  const [kind, serial, destination, flag] = spec.split(":");
  const slot = document.createElement("div");
  const index = document.querySelectorAll(".widget-slot").length;
  slot.className = "widget-slot";
  slot.dataset.kind = kind;
  slot.dataset.serial = serial;
  slot.id = `slot-${index}`;
  document.querySelector("#slots").append(slot);
  for (const type of EVENTS) {
    slot.addEventListener(type, (e) => window.traceEvents.push({ slot: index, serial, type: e.type, detail: e.detail, at: Date.now() }));
  }
  const options = optionsOf(kind, serial, destination, flag);
  if (q.get("mode") === "element") {
    const host = element(kind, options);
    slot.append(host);
    return host;
  }
  return (kind === "trace" ? mountTracerouteWidget : mountPingWidget)(slot, options);
};

window.widgets = (q.get("widgets") ?? "trace:CNF7G9X001:www.example.com").split(",").map(window.mountSlot);
window.traceReady = true;
