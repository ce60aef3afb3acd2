// Mounts the widget the way an admin page would, configured from the query string:
//   mode=mount|element, base (the baseUrl option), serial, taskId, token, destination, count, interval, timeout, retries,
//   api (the apiVersion option / api-version attribute), vlan, iface, role, raw (true|false),
//   lang, messages (JSON), nopagecss,
//   prestart (the page starts the test itself, as a page with its own backend would, then
//   mounts the widget with its taskId: no expected run time, so it polls from the start; its
//   task id is recorded as a "ping-started" entry, as the widget's own start would be)
// Everything the widget reports is kept on window.pingEvents for the tests to read.
import "/page-errors.js";
import init, { mountPingWidget } from "/ap-ping-widget.js";


const q = new URLSearchParams(location.search);
if (q.get("mode") === "early-element") {
  // The element is in the page, with its token set, before the widget's module defines it.
  const early = document.createElement("ap-ping-status");
  early.setAttribute("serial", q.get("serial") ?? "CNF7G9X001");
  early.setAttribute("destination", "early.example");
  early.setAttribute("poll-interval-ms", "300");
  early.token = q.get("token") ?? "demo-token";
  window.pingEvents = [];
  for (const type of ["ping-started", "ping-progress", "ping-complete", "ping-error"]) {
    early.addEventListener(type, (event) => window.pingEvents.push({ type: event.type, detail: event.detail }));
  }
  document.querySelector("#element-slot").append(early);
  window.pingElement = early;
}

// nopagecss: a page without the widget's stylesheet (the custom element links its own).
if (q.has("nopagecss")) document.querySelector('link[href="/ap-ping-widget.css"]').remove();
await init({ module_or_path: "/ap-ping-widget_bg.wasm" });

const number = (name) => (q.has(name) ? Number(q.get(name)) : undefined);
window.pingEvents ??= [];
const record = (event) => window.pingEvents.push({ type: event.type, detail: event.detail });

if (q.has("prestart")) {
  const base = q.get("base") ?? "";
  const serial = q.get("serial") ?? "CNF7G9X001";
  const answer = await fetch(`${base}/network-troubleshooting/${q.get("api") ?? "v1alpha1"}/aps/${serial}/ping`, {
    method: "POST",
    headers: { authorization: `Bearer ${q.get("token") ?? "demo-token"}`, "content-type": "application/json" },
    body: JSON.stringify({ destination: q.get("destination") ?? "www.google.com", count: number("count") ?? 5 }),
  });
  const taskId = (await answer.json()).location.split("/").pop();
  q.set("taskId", taskId);
  window.pingEvents.push({ type: "ping-started", detail: { taskId } });
}

const options = {
  baseUrl: q.get("base") ?? "",
  apiVersion: q.get("api") ?? undefined,
  serial: q.get("serial") ?? "CNF7G9X001",
  taskId: q.get("taskId") ?? undefined,
  token: q.get("token") ?? "demo-token",
  pollIntervalMs: number("interval") ?? 300,
  requestTimeoutMs: number("timeout"),
  maxRetries: number("retries"),
  lang: q.get("lang") ?? undefined,
  messages: q.has("messages") ? JSON.parse(q.get("messages")) : undefined,
  start: q.has("taskId") ? undefined : {
    destination: q.get("destination") ?? "www.google.com",
    count: number("count") ?? 5,
    vlan: number("vlan"),
    interfacePort: q.get("iface") ?? undefined,
    role: q.get("role") ?? undefined,
    includeRawOutput: q.has("raw") ? q.get("raw") === "true" : undefined,
  },
};

let host;
if (q.get("mode") === "early-element") {
  // set up above
} else if (q.get("mode") === "element") {
  host = document.createElement("ap-ping-status");
  host.setAttribute("serial", options.serial);
  host.setAttribute("poll-interval-ms", String(options.pollIntervalMs));
  if (options.apiVersion) host.setAttribute("api-version", options.apiVersion);
  if (options.taskId) host.setAttribute("task-id", options.taskId);
  else {
    host.setAttribute("destination", options.start.destination);
    if (options.start.count) host.setAttribute("count", String(options.start.count));
    for (const [name, value] of [["vlan", q.get("vlan")], ["interface-port", q.get("iface")], ["role", q.get("role")], ["include-raw-output", q.get("raw")]]) {
      if (value != null) host.setAttribute(name, value);
    }
  }
  if (options.requestTimeoutMs) host.setAttribute("request-timeout-ms", String(options.requestTimeoutMs));
  if (options.lang) host.setAttribute("lang", options.lang);
  if (options.messages) host.messages = options.messages;
  host.token = options.token;
  for (const type of ["ping-started", "ping-progress", "ping-complete", "ping-error"]) host.addEventListener(type, record);
  document.querySelector("#element-slot").append(host);
  window.pingElement = host;
} else {
  host = document.querySelector("#mount-target");
  for (const type of ["ping-started", "ping-progress", "ping-complete", "ping-error"]) host.addEventListener(type, record);
  window.pingWidget = mountPingWidget(host, options);
}
// For tests that put a second widget on the page.
window.mountPingWidget = mountPingWidget;
window.pingOptions = options;
window.pingReady = true;
