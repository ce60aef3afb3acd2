// End to end: the demo page's traceroute (index.html built by trunk, mountTracerouteWidget)
// in Chromium against mock-central: its destination picker filled from
// /__mock/traceroute-scenarios, a trace run to its verdict under the strict CSP with its
// events in the log, and "Trace the path" from the ping widget on the lossy AP. Screenshots
// of the traceroute section light and dark, at 1200 px and 320 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "./support/stack.mjs";
import { openPage, SCREENSHOTS } from "./support/browser.mjs";
import { axeViolations } from "./support/axe.mjs";
import { eventLog } from "./support/demo-page.mjs";

const WIDE = { width: 1200, height: 1000 };
const NARROW = { width: 320, height: 900 };

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => stack?.stop());

async function openDemo(query = "") {
  const page = await openPage(stack.browser, { viewport: WIDE, locale: "en-GB", timezoneId: "UTC" });
  const answer = await page.goto(`${stack.server.url}/${query}`);
  return { page, answer };
}

test("the demo's traceroute: the stand-in's scenarios in the picker, the unreachable path run to its verdict under the strict CSP, its events in the log", async () => {
  const { page, answer } = await openDemo("?csp=strict");
  assert.match(answer.headers()["content-security-policy"], /style-src 'self'/, "the page runs under the strict CSP");
  const form = page.locator("#trace-form");
  const picker = form.locator("select[name=scenario]");
  await picker.waitFor({ state: "visible", timeout: 15_000 });
  // Every scenario of the stand-in, by the destination that picks it.
  const scenarios = await (await fetch(`${stack.mock.url}/__mock/traceroute-scenarios`)).json();
  const offered = await picker.locator("option").evaluateAll((options) => options.map((o) => [o.value, o.textContent]));
  assert.deepEqual(offered, [["", "Any destination (type it)"], ...scenarios.map((s) => [s.destination, `${s.destination}: ${s.description}`])]);
  // The field still takes any name: the first scenario's path, said so.
  assert.equal(await form.locator("input[name=destination]").inputValue(), "www.google.com");
  assert.equal(await page.locator("#trace-scenario-about").textContent(), `Any other destination: ${scenarios[0].description}.`);
  // No trace before the button: it can take minutes.
  assert.equal(await page.locator("#trace-widget .apw").count(), 0);

  await picker.selectOption("unreachable.example");
  assert.equal(await form.locator("input[name=destination]").inputValue(), "unreachable.example");
  assert.match(await page.locator("#trace-scenario-about").textContent(), /^unreachable\.example: never reached/);
  await form.locator("select[name=device]").selectOption("CNF7G9X003");
  assert.equal(await form.locator("input[name=serial]").inputValue(), "CNF7G9X003");
  await form.getByRole("button", { name: "Start traceroute" }).click();
  const verdict = page.locator("#trace-widget .apw-trace__verdict");
  await verdict.waitFor({ timeout: 30_000 });
  assert.equal(await verdict.textContent(), "Did not reach 192.0.2.1: no answer after hop 4 (100.64.12.1)");
  assert.deepEqual(await page.locator("#trace-widget .apw-hops tbody tr td:first-child").allTextContents(), ["1", "2", "3", "4", "hops 5–30: no answer"]);
  // The start went out as the form said: that AP, that destination, the raw output asked for.
  const starts = stack.forwarded.filter((r) => r.method === "POST" && r.path.endsWith("/traceroute"));
  assert.deepEqual(starts.map((r) => r.path), ["/network-troubleshooting/v1alpha1/aps/CNF7G9X003/traceroute"]);

  // The log tells the run: started, its progress on one line, then the outcome.
  await page.locator("#event-log li code", { hasText: "traceroute-complete" }).waitFor();
  const log = await eventLog(page);
  assert.deepEqual(log.find(([type]) => type === "traceroute-complete"), ["traceroute-complete", "COMPLETED: did not reach 192.0.2.1, 30 hops listed"]);
  assert.match(log.find(([type]) => type === "traceroute-started")[1], /^task [0-9a-f-]{36}$/);
  assert.equal(log.filter(([type]) => type === "traceroute-progress").length, 1, "one progress line per run");

  // Light and dark, wide and at 320 px: nothing of the demo wider than the window, the
  // form in one column when narrow.
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    for (const [width, viewport] of [["1200", WIDE], ["320", NARROW]]) {
      await page.setViewportSize(viewport);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${colorScheme} ${width}: the page scrolls sideways by ${overflow} px`);
      if (width === "320") {
        const lefts = await page.locator("#trace-form > label:not([hidden])")
          .evaluateAll((labels) => [...new Set(labels.map((l) => Math.round(l.getBoundingClientRect().left)))]);
        assert.equal(lefts.length, 1, `one column of fields at 320 px: lefts ${lefts}`);
      }
      await page.locator(".demo__trace").screenshot({ path: `${SCREENSHOTS}/trace-demo-${colorScheme}-${width}.png` });
    }
  }
  assert.deepEqual(page.problems, []);
});

test("the demo's ping on the lossy AP offers 'Trace the path', which traces in place; the page has no axe-core violation", async () => {
  // No strict CSP here: axe-core is injected as an inline script.
  const { page } = await openDemo();
  const form = page.locator("#ping-form");
  await form.locator("select[name=device]").waitFor({ state: "visible", timeout: 15_000 });
  // The test started on load, on the clean AP: no loss, no offer.
  await page.locator("#ping-widget .apw-table").waitFor({ timeout: 20_000 });
  assert.equal(await page.locator("#ping-widget").getByRole("button", { name: "Trace the path" }).count(), 0, "no offer without loss");

  await form.locator("select[name=device]").selectOption("CNF7G9X002");
  await form.locator("input[name=destination]").fill("lossy-path.example");
  await form.getByRole("button", { name: "Start new test" }).click();
  const offer = page.locator("#ping-widget").getByRole("button", { name: "Trace the path" });
  await offer.waitFor({ timeout: 20_000 });
  await offer.click();
  const verdict = page.locator("#ping-widget .apw-trace .apw-trace__verdict");
  await verdict.waitFor({ timeout: 30_000 });
  assert.equal(await verdict.textContent(), "Reached 203.0.113.120 in 10 hops", "the lossy path's trace, to the ping's destination");
  const starts = stack.forwarded.filter((r) => r.method === "POST" && r.path.endsWith("/traceroute"));
  assert.equal(starts.at(-1).path, "/network-troubleshooting/v1alpha1/aps/CNF7G9X002/traceroute", "from the ping's AP");
  await page.locator("#event-log li code", { hasText: "traceroute-complete" }).waitFor();
  assert.ok((await eventLog(page)).some(([type, text]) => type === "traceroute-complete" && text === "COMPLETED: reached 203.0.113.120, 10 hops listed"));
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    assert.deepEqual(await axeViolations(page, "main"), [], colorScheme);
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.locator("#ping-widget").screenshot({ path: `${SCREENSHOTS}/trace-demo-from-ping-light-1200.png` });
  assert.deepEqual(page.problems, []);
});
