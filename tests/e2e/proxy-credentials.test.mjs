// End to end: central-proxy with a wrong client secret in front of mock-central (#19,
// section 3). Its 502 CENTRAL_PROXY_CREDENTIALS_REFUSED is not retried: one request reaches
// the proxy, and the widget names the proxy's client id and secret, not the page's token.
// CENTRAL_PROXY_TOKEN_REJECTED (Central refusing the token the proxy got) is answered by
// the page's route, as the proxy will send it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack, isHttpStatusReport } from "./support/stack.mjs";
import { screenshot } from "./support/browser.mjs";
import { openEmbed, waitForEvent, whileAWidgetPolls, WIDE } from "./support/embed-page.mjs";

const WRONG_SECRET = "wrong-e2e-secret-5d1c";
const TASK = "c7a3f2d1-e8a9-4b7c-8d1e-0f9a3b2c1d0e";
const NEXT_STEP = "Check the proxy's own client id and secret (not this page's token)";

let stack;
// The control widget of `whileAWidgetPolls` needs a Central it can reach: a stack of its own.
let control;
before(async () => {
  stack = await startStack({ proxy: { secret: WRONG_SECRET } });
  control = await startStack({ chromium: false });
});
after(async () => {
  await stack?.stop();
  await control?.stop();
});

/** The API requests the page sent (to the proxy), as "METHOD path". */
const sent = () => stack.forwarded.filter((r) => r.path.startsWith("/network-troubleshooting/")).map((r) => `${r.method} ${r.path}`);
/** While a widget elsewhere polls four times: the window in which a retry would come. */
const aWhile = () => whileAWidgetPolls({ ...control, browser: stack.browser });

test("a wrong proxy secret stops polling at once: one status request, the proxy's words, its credentials named", async () => {
  stack.forwarded.length = 0;
  await stack.mock.clearRequests();
  // No token from the page, as behind the proxy; 5 retries allowed, as by default.
  const page = await openEmbed(stack, { serial: "CNF7G9X001", taskId: TASK, token: "" });
  const error = await waitForEvent(page, "ping-error");
  assert.deepEqual([error.status, error.errorCode, error.kind], [502, "CENTRAL_PROXY_CREDENTIALS_REFUSED", "proxyCredentials"]);
  assert.equal(
    error.message,
    "The token endpoint refused the proxy's API client credentials (HTTP 401, invalid_client): check --client-id and the client secret.",
  );
  const alert = page.getByRole("alert");
  const text = await alert.textContent();
  assert.ok(text.includes(error.message), text);
  assert.ok(text.includes("HTTP 502 · CENTRAL_PROXY_CREDENTIALS_REFUSED"), text);
  assert.ok(text.includes(NEXT_STEP), text);
  assert.ok(!text.includes("Check the API token"), "not the page's token");
  assert.equal(await page.locator(".apw-badge").textContent(), "Error");
  await aWhile();
  assert.deepEqual(sent(), [`GET /network-troubleshooting/v1alpha1/aps/CNF7G9X001/ping/async-operations/${TASK}`], "one request, no retry");
  const atMock = await stack.mock.requests();
  assert.deepEqual(atMock.filter((r) => r.path.startsWith("/network-troubleshooting/")), [], "nothing reached Central");
  assert.ok(atMock.some((r) => r.path === "/as/token.oauth2"), "the proxy asked for a token");
  assert.ok(!stack.centralProxy.output().includes(WRONG_SECRET), "the secret is never printed");
  assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
});

test("a wrong proxy secret stops a widget-started test at its POST, with the same kind", async () => {
  stack.forwarded.length = 0;
  const page = await openEmbed(stack, { serial: "CNF7G9X001", count: "3", token: "" });
  const error = await waitForEvent(page, "ping-error");
  assert.deepEqual([error.status, error.kind], [502, "proxyCredentials"]);
  assert.ok((await page.getByRole("alert").textContent()).includes(NEXT_STEP));
  await aWhile();
  assert.deepEqual(sent(), ["POST /network-troubleshooting/v1alpha1/aps/CNF7G9X001/ping"]);
  assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
});

test("CENTRAL_PROXY_TOKEN_REJECTED stops at once too, and its message is shown as text", async () => {
  const message = "Central refused the token the proxy got for <b>e2e-client</b>: use an API client of this Central.";
  let answered = 0;
  const page = await openEmbed(stack, { serial: "CNF7G9X001", taskId: TASK, token: "" }, {
    watch: (p) => p.route("**/async-operations/**", (route) => {
      answered += 1;
      return route.fulfill({ status: 502, contentType: "application/json", body: JSON.stringify({ errorCode: "CENTRAL_PROXY_TOKEN_REJECTED", message }) });
    }),
  });
  const error = await waitForEvent(page, "ping-error");
  assert.deepEqual([error.status, error.errorCode, error.kind, error.message], [502, "CENTRAL_PROXY_TOKEN_REJECTED", "proxyCredentials", message]);
  const alert = page.getByRole("alert");
  assert.equal(await alert.locator(".apw-alert__message").textContent(), message);
  assert.equal(await page.locator(".apw b").count(), 0, "markup from the proxy is text");
  assert.ok((await alert.textContent()).includes(NEXT_STEP));
  await aWhile();
  assert.equal(answered, 1, "one request, no retry");
  assert.deepEqual(page.problems.filter((p) => !isHttpStatusReport(p)), []);
});

test("the proxy's refusal in light and dark, at 320 px and wide", async () => {
  for (const [viewport, colorScheme, name] of [[WIDE, "light", "wide"], [{ width: 320, height: 800 }, "light", "narrow"],
    [WIDE, "dark", "wide"], [{ width: 320, height: 800 }, "dark", "narrow"]]) {
    const page = await openEmbed(stack, { serial: "CNF7G9X001", taskId: TASK, token: "" }, { viewport, colorScheme });
    await waitForEvent(page, "ping-error");
    await page.getByRole("alert").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scroll at ${viewport.width} px (${overflow}px)`);
    await screenshot(page, `widget-proxy-credentials-${colorScheme}-${name}`);
    await page.close();
  }
});
