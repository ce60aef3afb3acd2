// The demo page's script, and the embedding example: load the built glue, mount the
// widget, drive it from the form. A test starts on load, so a newcomer sees one run.
import init, { mountPingWidget, mountPingFleet, mountTracerouteWidget } from "./ap-ping-widget.js";

await init({ module_or_path: new URL("./ap-ping-widget_bg.wasm", import.meta.url) });

const form = document.querySelector("#ping-form");
const host = document.querySelector("#ping-widget");
const field = (name) => form.elements.namedItem(name);

// The event log: every event the widget and the fleet view send, newest first. A run's
// progress events share one line, moved up and rewritten as they come, so the log keeps
// the story (started, progress, complete) rather than every step.
const log = document.querySelector("#event-log");
const LOG_LINES = 50;
const progressLine = {}; // the current run's progress line, by source

function startEventLog() {
  const sources = {
    // A ping with loss runs "Trace the path" in place: its traceroute's events come from it too.
    "ping-widget": ["ping-started", "ping-progress", "ping-complete", "ping-error", ...TRACE_EVENTS],
    "trace-widget": TRACE_EVENTS,
    "ping-fleet": ["fleet-progress", "fleet-complete", "fleet-error"],
  };
  for (const [id, types] of Object.entries(sources)) {
    for (const type of types) {
      document.getElementById(id).addEventListener(type, (event) => logEvent(id, type, summary(type, event.detail)));
    }
  }
}

const TRACE_EVENTS = ["traceroute-started", "traceroute-progress", "traceroute-complete", "traceroute-error"];
const percent = (value) => (value == null ? "–" : `${value}%`);

function summary(type, d) {
  switch (type) {
    case "ping-started": return `task ${d.taskId}`;
    case "ping-progress": return `${d.status}, ${percent(d.progressPercent)}`;
    case "ping-complete": return `${d.status}: ${d.statistics?.received ?? 0} of ${d.statistics?.transmitted ?? 0} replies, ${percent(d.statistics?.lossPercent)} loss`;
    case "traceroute-started": return `task ${d.taskId}`;
    case "traceroute-progress": return `${d.status}, ${percent(d.progressPercent)}`;
    case "traceroute-complete": return traceSummary(d);
    case "fleet-progress": return `${d.done} of ${d.total} done, ${d.failed} failed, ${d.offline} offline`;
    case "fleet-complete": return d.verdict.text;
    default: return `${d.kind}${d.status ? ` (${d.status})` : ""}: ${d.message}`; // ping-error, fleet-error
  }
}

/** A finished trace in a line: its verdict, or why there is none. */
function traceSummary(d) {
  const trace = d.trace;
  if (!trace) return `${d.status}: no path${d.failReason ? ` (${d.failReason})` : ""}`;
  const to = trace.destination?.address ?? trace.destination?.name ?? "the destination";
  const reached = trace.reached === true ? `reached ${to}` : trace.reached === false ? `did not reach ${to}` : "reach unknown";
  return `${d.status}: ${reached}, ${trace.hops.length} hops listed`;
}

/** A new run of `source`: its next progress event starts a line of its own. */
const newRun = (source) => delete progressLine[source];

function logEvent(source, type, text, error = type.endsWith("-error")) {
  const progress = type.endsWith("-progress");
  const line = (progress && progressLine[source]) || document.createElement("li");
  if (progress) progressLine[source] = line;
  else newRun(source);
  line.dataset.type = type;
  line.className = error ? "demo__log-line demo__log-line--error" : "demo__log-line";
  const time = document.createElement("time");
  time.textContent = new Date().toLocaleTimeString();
  const name = document.createElement("code");
  name.textContent = type;
  const words = document.createElement("span");
  words.textContent = text;
  line.replaceChildren(time, name, words);
  log.prepend(line);
  while (log.children.length > LOG_LINES) log.lastElementChild.remove();
}
startEventLog();

// Whether the local Central stand-in (mock-central) is behind this page, as under
// scripts/demo: then the page offers the stand-in's devices (/__mock/devices) and its demo
// token. Served by central-proxy for a real account (which names itself in the page's
// Server-Timing header), it asks for neither: the proxy has no such list, and it holds the
// credentials itself, ignoring any token the page would send.
const servedByProxy = performance
  .getEntriesByType("navigation")[0]
  ?.serverTiming?.some((entry) => entry.name === "central-proxy") ?? false;
const mockCentral = !servedByProxy;
if (mockCentral) {
  field("token").value = "demo-token";
  field("token").closest("label").hidden = false;
}

function options(action) {
  const common = {
    baseUrl: field("baseUrl").value.trim(),
    apiVersion: field("apiVersion").value,
    serial: field("serial").value.trim(),
    token: mockCentral ? field("token").value : undefined,
    pollIntervalMs: 1000,
    // A result with loss offers "Trace the path": a traceroute from the same AP, in place.
    traceOnLoss: true,
  };
  if (action === "follow") return { ...common, taskId: field("taskId").value.trim() };
  return {
    ...common,
    start: { destination: field("destination").value.trim(), count: Number(field("count").value) || 5 },
  };
}

let widget = mountPingWidget(host, options("start"));
window.pingWidget = widget;

host.addEventListener("ping-started", (event) => {
  field("taskId").value = event.detail.taskId;
});

/**
 * A fresh view for a fresh run of `source` (the id of its host): `previous` destroyed
 * (which aborts its requests and stops its timers), then mounted anew by `mount` (the
 * export `name`). Options a view refuses ("invalid … options: …") are thrown, not
 * mounted: they are logged, and null is returned.
 */
function remount(previous, source, [name, mount], options) {
  previous?.destroy();
  newRun(source);
  try {
    return mount(document.getElementById(source), options);
  } catch (error) {
    logEvent(source, name, `threw: ${error.message}`, true);
    return null;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  widget = remount(widget, "ping-widget", ["mountPingWidget", mountPingWidget], options(event.submitter?.value ?? "start"));
  window.pingWidget = widget;
});

// The stand-in's devices, each with what it shows (clean, lossy, offline, rate limited…),
// as a picker and as suggestions for the serial field, which still takes any serial: in
// the ping form and in the traceroute form. mock-central lists them at /__mock/devices;
// without it the pickers stay hidden.
const traceForm = document.querySelector("#trace-form");
const traceField = (name) => traceForm.elements.namedItem(name);
const devicePickers = [[field("device"), field("serial")], [traceField("device"), traceField("serial")]];
async function showDemoDevices() {
  const answer = await fetch("/__mock/devices").catch(() => null);
  if (!answer?.ok) return;
  const devices = await answer.json();
  const suggestions = document.querySelector("#demo-devices");
  for (const { serial, name } of devices) suggestions.append(new Option(name, serial));
  for (const [picker, serialField] of devicePickers) {
    for (const { serial, name } of devices) picker.add(new Option(`${name}: ${serial}`, serial));
    picker.value = serialField.value;
    picker.closest("label").hidden = false;
  }
}
for (const [picker, serialField] of devicePickers) {
  picker.addEventListener("change", () => {
    if (picker.value) serialField.value = picker.value;
  });
  serialField.addEventListener("input", () => {
    const known = [...picker.options].some((o) => o.value && o.value === serialField.value.trim());
    picker.value = known ? serialField.value.trim() : "";
  });
}
if (mockCentral) showDemoDevices();

// The traceroute: from the AP of its own form, with the base URL, API version and token of
// the ping form. Under scripts/demo the stand-in's scenarios (/__mock/traceroute-scenarios:
// a trace's path is picked by its destination) fill a picker that sets the destination,
// which still takes any name. It starts only on the button: a trace can take minutes.
const scenarioPicker = traceField("scenario");
const scenarioAbout = document.querySelector("#trace-scenario-about");
let trace = null;

function traceOptions() {
  return {
    baseUrl: field("baseUrl").value.trim(),
    apiVersion: field("apiVersion").value,
    token: mockCentral ? field("token").value : undefined,
    serial: traceField("serial").value.trim(),
    pollIntervalMs: 1000,
    start: {
      destination: traceField("destination").value.trim(),
      sourceInterface: traceField("sourceInterface").value.trim() || undefined,
      includeRawOutput: traceField("includeRawOutput").checked,
    },
  };
}

traceForm.addEventListener("submit", (event) => {
  event.preventDefault();
  trace = remount(trace, "trace-widget", ["mountTracerouteWidget", mountTracerouteWidget], traceOptions());
  window.traceWidget = trace;
});

// What the stand-in's path for the destination shows: its scenario's, or the first
// scenario's, which every destination no other names takes.
let anyOtherDestination = null;
function showScenarioAbout() {
  const about = scenarioPicker.selectedOptions[0]?.dataset.about ?? anyOtherDestination;
  scenarioAbout.textContent = about ?? "";
  scenarioAbout.hidden = !about;
}
function pickScenarioOfDestination() {
  const destination = traceField("destination").value.trim().toLowerCase();
  const known = [...scenarioPicker.options].find((o) => o.value && o.value === destination);
  scenarioPicker.value = known ? known.value : "";
  showScenarioAbout();
}
scenarioPicker.addEventListener("change", () => {
  if (scenarioPicker.value) traceField("destination").value = scenarioPicker.value;
  showScenarioAbout();
});
traceField("destination").addEventListener("input", pickScenarioOfDestination);

async function showTraceScenarios() {
  const answer = await fetch("/__mock/traceroute-scenarios").catch(() => null);
  if (!answer?.ok) return;
  const scenarios = await answer.json();
  for (const { destination, description } of scenarios) {
    const option = new Option(`${destination}: ${description}`, destination);
    option.dataset.about = `${destination}: ${description}.`;
    scenarioPicker.add(option);
  }
  if (scenarios.length > 0) anyOtherDestination = `Any other destination: ${scenarios[0].description}.`;
  scenarioPicker.closest("label").hidden = false;
  pickScenarioOfDestination();
}
if (mockCentral) showTraceScenarios();

// The fleet view: one destination pinged from every AP of a site. Under scripts/demo the
// sites are the stand-in's (/__mock/sites: each with its AP count and what it shows);
// served by central-proxy for a real account there is no such list, and the site is a
// name to type. It shares the base URL, API version and token of the form above, and
// starts only on the button: a run costs a few requests per AP.
const fleetForm = document.querySelector("#fleet-form");
const fleetField = (name) => fleetForm.elements.namedItem(name);
const sitePicker = fleetField("site");
const siteAbout = document.querySelector("#fleet-site-about");
let fleet = null;

function fleetOptions() {
  const site = mockCentral && !sitePicker.closest("label").hidden
    ? { siteId: sitePicker.value }
    : { siteName: fleetField("siteName").value.trim() };
  return {
    baseUrl: field("baseUrl").value.trim(),
    apiVersion: field("apiVersion").value,
    token: mockCentral ? field("token").value : undefined,
    ...site,
    destination: fleetField("destination").value.trim(),
    count: Number(fleetField("count").value) || 5,
  };
}

fleetForm.addEventListener("submit", (event) => {
  event.preventDefault();
  fleet = remount(fleet, "ping-fleet", ["mountPingFleet", mountPingFleet], fleetOptions());
  window.pingFleet = fleet;
});

function showSiteAbout() {
  const site = sitePicker.selectedOptions[0];
  siteAbout.textContent = site?.dataset.about ?? "";
  siteAbout.hidden = !site;
}
sitePicker.addEventListener("change", showSiteAbout);

async function showDemoSites() {
  const answer = await fetch("/__mock/sites").catch(() => null);
  if (!answer?.ok) {
    // No list after all: the site is typed.
    fleetField("siteName").closest("label").hidden = false;
    return;
  }
  for (const { siteId, siteName, apCount, description } of await answer.json()) {
    const aps = `${apCount} AP${apCount === 1 ? "" : "s"}`;
    const option = new Option(`${siteName} (${aps}): ${description}`, siteId);
    option.dataset.name = siteName;
    option.dataset.about = `${siteName}, ${aps}: ${description}`;
    sitePicker.add(option);
  }
  sitePicker.closest("label").hidden = false;
  showSiteAbout();
}
if (mockCentral) {
  showDemoSites();
} else {
  fleetField("siteName").closest("label").hidden = false;
  fleetField("siteName").required = true;
}
