// The widget from the npm package, two ways. Vite copies the wasm (which the module finds
// with `new URL(..., import.meta.url)`) and bundles the stylesheet.
import init, { mountPingWidget } from "ap-ping-widget";
import "ap-ping-widget/ap-ping-widget.css";

window.appEvents = [];
for (const type of ["ping-started", "ping-progress", "ping-complete", "ping-error"]) {
  document.addEventListener(type, (event) => window.appEvents.push({ type, target: event.target.id || event.target.localName, detail: event.detail }));
}

// The element's token before init() defines the element: it then starts with it (set
// after, the element would first start a test without it, and the API would answer 401).
document.querySelector("ap-ping-status").token = "demo-token";
await init();   // also defines <ap-ping-status>
mountPingWidget("#ping", {
  serial: "CNF7G9X002",
  token: "demo-token",
  pollIntervalMs: 300,
  start: { destination: "www.example.com", count: 6 },
});
window.appReady = true;
