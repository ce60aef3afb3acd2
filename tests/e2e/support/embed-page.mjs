// The test page that embeds the widget as an admin page would (pages/embed.js), opened
// with its options in the query string, and the events the widget sent it.
import { openPage } from "./browser.mjs";

/** The two viewports every state is looked at in. */
export const WIDE = { width: 1000, height: 900 };
export const NARROW = { width: 360, height: 800 };

/**
 * Opens embed.html with `query`. The locale and time zone are pinned (en-GB, UTC): tests
 * read numbers and clock times. `watch` sees the page before it loads.
 */
export async function openEmbed(stack, query, { viewport = WIDE, colorScheme = "light", watch = () => {} } = {}) {
  const page = await openPage(stack.browser, { viewport, colorScheme, locale: "en-GB", timezoneId: "UTC" });
  await watch(page);
  await page.goto(`${stack.server.url}/embed.html?${new URLSearchParams(query)}`);
  await page.waitForFunction(() => window.pingReady === true, null, { timeout: 15_000 });
  return page;
}

/** The widget's events of one type, in order. */
export const events = (page, type) => page.evaluate((t) => window.pingEvents.filter((e) => e.type === t), type);

/** Waits for the first event of `type`; its detail. */
export async function waitForEvent(page, type, timeout = 20_000) {
  await page.waitForFunction((t) => window.pingEvents.some((e) => e.type === t), type, { timeout });
  return (await events(page, type))[0].detail;
}

/**
 * The AP of the control widget of `whileAWidgetPolls`; no test's own widget uses it. Its
 * status never says how far the test is, and the page starts the test itself, so the
 * widget knows neither the run time nor the speed: it polls at the interval throughout
 * (a widget that knows them spaces its polls by the work left).
 */
export const CONTROL_SERIAL = "CNF7G9X015";

/**
 * Waits while a running widget, in a page of its own, polls `polls` more times every
 * `intervalMs`: the time in which a stopped widget would have sent requests, measured by
 * one that does, not by a fixed sleep (on a slow machine the window grows with it). Its
 * requests name `CONTROL_SERIAL`; `requestsBesideControl` leaves them out.
 */
export async function whileAWidgetPolls(stack, { polls = 4, intervalMs = 300 } = {}) {
  const control = await openEmbed(stack, { serial: CONTROL_SERIAL, prestart: "1", count: "100", interval: String(intervalMs) });
  await control.waitForFunction(
    (n) => window.pingEvents.filter((e) => e.type === "ping-progress").length >= n,
    polls,
    { timeout: 30_000 },
  );
  await control.evaluate(() => window.pingWidget.destroy());
  await control.close();
}

/** The mock's request log without the control widget's requests. */
export const requestsBesideControl = async (stack) =>
  (await stack.mock.requests()).filter((r) => !r.path.includes(CONTROL_SERIAL));
