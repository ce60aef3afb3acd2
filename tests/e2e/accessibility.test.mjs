// End to end: axe-core finds no accessibility violation in the widget's running, completed,
// error and no-result states, light and dark, mounted in a page's light DOM and inside the
// custom element's shadow root, and while "Run again" keeps the previous result; the
// fleet view running, done and with a row opened, light and dark; and the traceroute
// widget with a completed trace and an unreachable one, light and dark.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack, isHttpStatusReport } from "./support/stack.mjs";
import { openPage } from "./support/browser.mjs";
import { openEmbed, waitForEvent, NARROW, WIDE } from "./support/embed-page.mjs";
import { axeViolations } from "./support/axe.mjs";
import { openTracePage, waitForTraceEvent, TRACE } from "./support/trace-page.mjs";

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => stack?.stop());

for (const colorScheme of ["light", "dark"]) {
  test(`${colorScheme}: running, completed and error states have no axe-core violation`, async () => {
    // Running: a long test, looked at while it polls.
    // Followed from its start (the page starts it): a widget-started one is first asked
    // about after its expected run time.
    let page = await openEmbed(stack, { serial: "CNF7G9X002", count: "100", prestart: "1" }, { viewport: WIDE, colorScheme });
    await waitForEvent(page, "ping-progress");
    await page.waitForFunction(() => Number(document.querySelector("[role=progressbar]")?.getAttribute("aria-valuenow")) > 0);
    assert.deepEqual(await axeViolations(page), [], "running");
    await page.close();

    // Completed, with a lost packet, narrow.
    page = await openEmbed(stack, { serial: "CNF7G9X002", count: "6" }, { viewport: NARROW, colorScheme });
    await waitForEvent(page, "ping-complete");
    await page.locator(".apw-chart__points").waitFor();
    assert.deepEqual(await axeViolations(page), [], "completed");
    await page.close();

    // An error the user can act on (401), and a test that ended without a result.
    page = await openEmbed(stack, { serial: "CNF7G9X001", token: "wrong" }, { viewport: WIDE, colorScheme });
    await waitForEvent(page, "ping-error");
    await page.locator(".apw-alert").waitFor();
    assert.deepEqual(await axeViolations(page), [], "error");
    await page.close();

    page = await openEmbed(stack, { serial: "CNF7G9X012" }, { viewport: WIDE, colorScheme });
    await waitForEvent(page, "ping-complete");
    assert.deepEqual(await axeViolations(page), [], "no result");
    await page.close();

    // The custom element: the same widget inside its shadow root, with its own stylesheet.
    page = await openEmbed(stack, { mode: "element", serial: "CNF7G9X002", count: "6" }, { viewport: NARROW, colorScheme });
    await waitForEvent(page, "ping-complete");
    await page.locator("ap-ping-status .apw-chart__points").waitFor();
    const inside = ["ap-ping-status", ".apw"];
    assert.equal(await page.evaluate(() => !!window.pingElement.shadowRoot.querySelector(".apw-table")), true);
    assert.deepEqual(await axeViolations(page, inside), [], "custom element, completed");
    await page.close();

    // "Run again": the new test running under the previous result.
    page = await openEmbed(stack, { serial: "CNF7G9X002", count: "8", interval: "250" }, { viewport: WIDE, colorScheme });
    await waitForEvent(page, "ping-complete");
    await page.getByRole("button", { name: "Run again" }).click();
    await page.locator(".apw-previous").waitFor();
    assert.deepEqual(await axeViolations(page), [], "previous result kept while running again");
    await page.close();
  });
}

for (const colorScheme of ["light", "dark"]) {
  test(`${colorScheme}: the fleet view running, done and with a row opened has no axe-core violation`, async () => {
    // WAREHOUSE: lossy APs, an offline one, the "beyond the APs" verdict.
    const page = await openPage(stack.browser, { viewport: WIDE, colorScheme, locale: "en-GB", timezoneId: "UTC" });
    await page.goto(`${stack.server.url}/fleet.html?siteName=WAREHOUSE`);
    await page.waitForFunction(() => window.fleetReady === true, null, { timeout: 15_000 });
    // Running: the table drawn, tests under way, none finished yet or some.
    await page.locator(".apw-progress-panel__status", { hasText: /of 11 done/ }).waitFor({ timeout: 20_000 });
    await page.locator(".apw-fleet__row").first().waitFor();
    assert.equal(await page.evaluate(() => window.fleetEvents.some((e) => e.type === "fleet-complete")), false, "still running");
    assert.deepEqual(await axeViolations(page), [], "fleet running");
    await page.waitForFunction(() => window.fleetEvents.some((e) => e.type === "fleet-complete"), null, { timeout: 90_000 });
    await page.locator(".apw-fleet__verdict", { hasText: "beyond the APs" }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll(".apw-fleet__row").length === 12);
    assert.deepEqual(await axeViolations(page), [], "fleet done");
    await page.getByRole("button", { name: "wh-ap-01" }).click();
    await page.locator(".apw-fleet__detail .apw-chart__points").waitFor();
    assert.deepEqual(await axeViolations(page), [], "fleet with a row opened");
    assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
    await page.close();
  });
}

for (const colorScheme of ["light", "dark"]) {
  test(`${colorScheme}: a completed trace (with its jump marks) and an unreachable one have no axe-core violation`, async () => {
    // No strict CSP here: axe-core is injected as an inline script.
    for (const [destination, viewport] of [[TRACE.lossy, WIDE], [TRACE.unreachable, NARROW]]) {
      const page = await openTracePage(stack, { widgets: `trace:CNF7G9X001:${destination}`, raw: "true" }, { viewport, colorScheme, csp: false });
      await waitForTraceEvent(page, "traceroute-complete");
      await page.locator(".apw-trace__verdict").waitFor();
      assert.equal(await page.locator(".apw-hops tbody tr").count(), destination === TRACE.lossy ? 10 : 5);
      assert.deepEqual(await axeViolations(page, ".apw-trace"), [], destination);
      await page.close();
    }
  });
}
