// What the demo page's tests read of it.

/** The demo's event log, newest first: [type, text] per line. */
export const eventLog = (page) => page.locator("#event-log li").evaluateAll((lines) =>
  lines.map((li) => [li.querySelector("code").textContent, li.querySelector("span").textContent]));
