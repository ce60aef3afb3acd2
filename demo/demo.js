// The demo page's script, and the embedding example: load the built glue, mount the
// widget, drive it from the form. A test starts on load, so a newcomer sees one run.
import init, { mountPingWidget } from "./ap-ping-widget.js";

await init({ module_or_path: new URL("./ap-ping-widget_bg.wasm", import.meta.url) });

const form = document.querySelector("#ping-form");
const host = document.querySelector("#ping-widget");
const field = (name) => form.elements.namedItem(name);

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
