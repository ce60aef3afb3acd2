// The demo page's script, and the embedding example: load the built glue, mount the
// widget, drive it from the form. A test starts on load, so a newcomer sees one run.
import init, { mountPingWidget, mountPingFleet } from "./ap-ping-widget.js";

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
    "ping-widget": ["ping-started", "ping-progress", "ping-complete", "ping-error"],
    "ping-fleet": ["fleet-progress", "fleet-complete", "fleet-error"],
  };
  for (const [id, types] of Object.entries(sources)) {
    for (const type of types) {
      document.getElementById(id).addEventListener(type, (event) => logEvent(id, type, summary(type, event.detail)));
    }
  }
}

const percent = (value) => (value == null ? "–" : `${value}%`);

function summary(type, d) {
  switch (type) {
    case "ping-started": return `task ${d.taskId}`;
    case "ping-progress": return `${d.status}, ${percent(d.progressPercent)}`;
    case "ping-complete": return `${d.status}: ${d.statistics?.received ?? 0} of ${d.statistics?.transmitted ?? 0} replies, ${percent(d.statistics?.lossPercent)} loss`;
    case "fleet-progress": return `${d.done} of ${d.total} done, ${d.failed} failed, ${d.offline} offline`;
    case "fleet-complete": return d.verdict.text;
    default: return `${d.kind}${d.status ? ` (${d.status})` : ""}: ${d.message}`; // ping-error, fleet-error
  }
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

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const action = event.submitter?.value ?? "start";
  // A fresh widget for a fresh test: destroy() aborts whatever the old one was doing.
  widget.destroy();
  newRun("ping-widget");
  widget = mountPingWidget(host, options(action));
  window.pingWidget = widget;
});

// The stand-in's devices, each with what it shows (clean, lossy, offline, rate limited…),
// as a picker and as suggestions for the serial field, which still takes any serial.
// mock-central lists them at /__mock/devices; without it the picker stays hidden.
const picker = field("device");
async function showDemoDevices() {
  const answer = await fetch("/__mock/devices").catch(() => null);
  if (!answer?.ok) return;
  const devices = await answer.json();
  const suggestions = document.querySelector("#demo-devices");
  for (const { serial, name } of devices) {
    picker.add(new Option(`${name}: ${serial}`, serial));
    suggestions.append(new Option(name, serial));
  }
  picker.value = field("serial").value;
  picker.closest("label").hidden = false;
}
picker.addEventListener("change", () => {
  if (picker.value) field("serial").value = picker.value;
});
field("serial").addEventListener("input", () => {
  const known = [...picker.options].some((o) => o.value && o.value === field("serial").value.trim());
  picker.value = known ? field("serial").value.trim() : "";
});
if (mockCentral) showDemoDevices();

// The fleet view: one destination pinged from every AP of a site. Under scripts/demo the
// sites are the stand-in's (/__mock/sites: each with its AP count and what it shows);
// served by central-proxy for a real account there is no such list, and the site is a
// name to type. It shares the base URL, API version and token of the form above, and
// starts only on the button: a run costs a few requests per AP.
const fleetForm = document.querySelector("#fleet-form");
const fleetHost = document.querySelector("#ping-fleet");
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
  // A fresh view for a fresh run: destroy() stops every AP's requests and timers.
  fleet?.destroy();
  fleet = null;
  newRun("ping-fleet");
  try {
    fleet = mountPingFleet(fleetHost, fleetOptions());
  } catch (error) {
    // Options the run would refuse ("invalid fleet options: …") are thrown, not mounted.
    logEvent("ping-fleet", "mountPingFleet", `threw: ${error.message}`, true);
  }
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
