// The widget from the npm package, two ways, and the traceroute's element. Vite copies the wasm (which the module finds
// with `new URL(..., import.meta.url)`) and bundles the stylesheet.
import init, { mountPingWidget } from "ap-ping-widget";
import "ap-ping-widget/ap-ping-widget.css";

window.appEvents = [];
const TYPES = ["ping", "traceroute"].flatMap((test) => ["started", "progress", "complete", "error"].map((what) => `${test}-${what}`));
for (const type of TYPES) {
  document.addEventListener(type, (event) => window.appEvents.push({ type, target: event.target.id || event.target.localName, detail: event.detail }));
}

// The elements' token before init() defines them: they then start with it (set after,
// an element would first start a test without it, and the API would answer 401).
for (const element of document.querySelectorAll("ap-ping-status, ap-traceroute-status")) element.token = "demo-token";
await init();   // also defines <ap-ping-status> and <ap-traceroute-status>
mountPingWidget("#ping", {
  serial: "CNF7G9X002",
  token: "demo-token",
  pollIntervalMs: 300,
  start: { destination: "www.example.com", count: 6 },
});
window.appReady = true;
