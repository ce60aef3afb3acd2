// The test page with traceroute (and ping) widgets (pages/trace.js), opened with its
// options in the query string, and the events its widgets sent it.
import { openPage } from "./browser.mjs";

/**
 * Opens trace.html with `query`, under the strict CSP unless `csp` is false (axe-core is
 * injected as an inline script). The locale and time zone are pinned (en-GB, UTC): tests
 * read numbers and clock times. `watch` sees the page before it loads.
 */
export async function openTracePage(stack, query, { viewport = { width: 1000, height: 900 }, colorScheme = "light", csp = true, watch = () => {} } = {}) {
  const page = await openPage(stack.browser, { viewport, colorScheme, locale: "en-GB", timezoneId: "UTC" });
  await watch(page);
  await page.goto(`${stack.server.url}/trace.html?${new URLSearchParams({ ...(csp ? { csp: "strict" } : {}), ...query })}`);
  await page.waitForFunction(() => window.traceReady === true, null, { timeout: 15_000 });
  return page;
}

/** The events of `type` (of the widget in slot `slot`, else of all), in order. */
export const traceEvents = (page, type, slot) =>
  page.evaluate(([t, s]) => window.traceEvents.filter((e) => e.type === t && (s == null || e.slot === s)), [type, slot ?? null]);

/** Waits for the first event of `type` (of slot `slot`); its detail. */
export async function waitForTraceEvent(page, type, { slot, timeout = 30_000 } = {}) {
  await page.waitForFunction(([t, s]) => window.traceEvents.some((e) => e.type === t && (s == null || e.slot === s)), [type, slot ?? null], { timeout });
  return (await traceEvents(page, type, slot))[0].detail;
}

/** The stand-in's traceroute scenarios, by the destination that picks each (mock-central's scenario/traceroute.rs). */
export const TRACE = {
  reached: "www.example.com",
  unreachable: "unreachable.example",
  lossy: "lossy-path.example",
  multipath: "multipath.example",
  unresolvable: "unresolvable.example",
};
