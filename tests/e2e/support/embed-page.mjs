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
