// End to end: widget -> central-proxy -> mock-central, with OAuth tokens that expire
// during the test, in Chromium. The page holds no Central credential at all.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "./support/stack.mjs";
import { openPage, screenshot } from "./support/browser.mjs";

let stack;
before(async () => {
  stack = await startStack({ proxy: { tokenTtlSecs: 1 } });
});
after(async () => stack?.stop());

test("a whole test through central-proxy, with tokens expiring mid-test and no error", async () => {
  const page = await openPage(stack.browser, { viewport: { width: 1000, height: 900 } });
  await stack.mock.clearRequests();
  // No token from the page: the proxy holds the credentials.
  await page.goto(`${stack.server.url}/embed.html?${new URLSearchParams({ serial: "CNF7G9X002", count: "16", api: "v1", token: "" })}`);
  await page.waitForFunction(() => window.pingReady === true, null, { timeout: 15_000 });
  await page.waitForFunction(() => window.pingEvents.some((e) => e.type === "ping-complete" || e.type === "ping-error"), null, { timeout: 30_000 });
  const events = await page.evaluate(() => window.pingEvents.map((e) => e.type));
  assert.ok(!events.includes("ping-error"), `${events}`);
  const complete = await page.evaluate(() => window.pingEvents.find((e) => e.type === "ping-complete").detail);
  assert.equal(complete.statistics.transmitted, 16);
  const requests = await stack.mock.requests();
  const tokens = requests.filter((r) => r.path === "/as/token.oauth2").length;
  const api = requests.filter((r) => r.path.startsWith("/network-troubleshooting/v1/"));
  assert.ok(tokens >= 2, `the 1 s tokens were renewed during the test: ${tokens}`);
  assert.ok(api.length >= 3, `${api.length}`);
  assert.ok(!stack.centralProxy.output().includes("e2e-client-secret"), "the secret is never printed");
  await screenshot(page, "widget-through-proxy-light-wide");
  assert.deepEqual(page.problems, []);
});
