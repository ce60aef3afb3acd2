// The fleet view from the npm package: one destination pinged from every AP of a site,
// under the page's request budget (shared with any ping widget on the page).
import init, { mountPingFleet, configureRequestBudget } from "ap-ping-widget";
import "ap-ping-widget/ap-ping-widget.css";

await init();
// The page's budget for every widget and fleet view calling the same API (these are the
// defaults, under Central's published 7 calls a second); a widget's option cannot raise it.
configureRequestBudget({ maxRequestsPerSecond: 5, maxInFlight: 4 });

const host = document.querySelector("#fleet-view");
window.appEvents = [];
for (const type of ["fleet-progress", "fleet-complete", "fleet-error"]) {
  host.addEventListener(type, (event) => window.appEvents.push({ type, detail: event.detail }));
}
host.addEventListener("fleet-complete", (event) => {
  document.title = `${event.detail.verdict.text} · site HQ`;
});
mountPingFleet(host, {
  siteName: "HQ",
  destination: "8.8.8.8",
  count: 5,
  token: "demo-token",
});
window.appReady = true;
