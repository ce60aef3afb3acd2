// End to end: widget -> central-proxy -> mock-central, with OAuth tokens that expire
// during the test, in Chromium. The page holds no Central credential at all. The proxy
// serves the demo itself under its strict CSP, and takes calls from a page of another
// origin only when that origin is given with --allow-origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack, PAGES } from "./support/stack.mjs";
import { openPage, screenshot, launchBrowser, DIST } from "./support/browser.mjs";
import { startMockCentral } from "./support/mock-central.mjs";
import { startCentralProxy } from "./support/central-proxy.mjs";
import { startStaticServer } from "./support/static-server.mjs";

const SECRET = "e2e-client-secret";
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
  assert.ok(!stack.centralProxy.output().includes(SECRET), "the secret is never printed");
  await screenshot(page, "widget-through-proxy-light-wide");
  assert.deepEqual(page.problems, []);
});

/** mock-central with OAuth and a central-proxy in front of it, with `args`. */
async function proxied(args) {
  const mock = await startMockCentral(["--reply-interval-ms", "150", "--client-id", "e2e-client", "--client-secret", SECRET]);
  const proxy = await startCentralProxy({ centralUrl: mock.url, clientId: "e2e-client", secret: SECRET, args });
  return { mock, proxy, stop: () => { proxy.stop(); mock.stop(); } };
}

test("the demo served by central-proxy (--serve dist) runs a whole test under the proxy's CSP", async () => {
  const { mock, proxy, stop } = await proxied(["--serve", DIST]);
  const page = await openPage(stack.browser, { viewport: { width: 1000, height: 900 } });
  try {
    const answer = await page.goto(`${proxy.url}/`);
    const csp = answer.headers()["content-security-policy"];
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(answer.headers()["x-content-type-options"], "nosniff");
    await page.locator(".apw-badge", { hasText: /Completed/i }).waitFor({ timeout: 30_000 });
    await page.locator(".apw-table").waitFor();
    const api = (await mock.requests()).filter((r) => r.path.startsWith("/network-troubleshooting/"));
    assert.ok(api.length >= 2, `the start and its polls reached Central: ${api.length}`);
    await screenshot(page, "demo-through-proxy-light-wide");
    // Served for a real account, the page asks for no demo device list and offers no token
    // field (the proxy holds the credentials): no 404, no CSP violation, no problem at all.
    assert.equal(await page.locator("input[name=token]").isVisible(), false, "no token field");
    assert.equal(await page.locator("#ping-form select[name=device]").isVisible(), false, "no device picker");
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
    stop();
  }
});

test("a page of an origin given with --allow-origin runs a whole test through the proxy, and any other origin is refused", async () => {
  const pages = await startStaticServer({ roots: [DIST, PAGES] });
  const allowed = await proxied(["--allow-origin", pages.url]);
  const closed = await proxied([]);
  const page = await openPage(stack.browser, { viewport: { width: 1000, height: 900 } });
  try {
    const query = (base) => new URLSearchParams({ base, serial: "CNF7G9X003", count: "4", token: "", retries: "0" });
    await page.goto(`${pages.url}/embed.html?${query(allowed.proxy.url)}`);
    await page.waitForFunction(() => window.pingEvents?.some((e) => e.type === "ping-complete" || e.type === "ping-error"), null, { timeout: 30_000 });
    const events = await page.evaluate(() => window.pingEvents);
    assert.equal(events.at(-1).type, "ping-complete", JSON.stringify(events.at(-1)));
    assert.equal(events.at(-1).detail.statistics.transmitted, 4);
    assert.deepEqual(page.problems, []);

    // The same page against a proxy that allows no other origin: the browser's preflight
    // is refused, nothing reaches Central, and the widget says it could not connect.
    page.problems = [];
    await page.goto(`${pages.url}/embed.html?${query(closed.proxy.url)}`);
    await page.waitForFunction(() => window.pingEvents?.some((e) => e.type === "ping-error"), null, { timeout: 30_000 });
    const api = (await closed.mock.requests()).filter((r) => r.path.startsWith("/network-troubleshooting/"));
    assert.deepEqual(api, [], "nothing reached Central");
    assert.match(closed.proxy.output(), /OPTIONS \/network-troubleshooting\/\S+ -> 403/);
    assert.ok(page.problems.some((p) => /CORS|Access-Control/i.test(p)), `the browser blocked it: ${page.problems}`);
  } finally {
    await page.context().close();
    allowed.stop();
    closed.stop();
    await pages.close();
  }
});
