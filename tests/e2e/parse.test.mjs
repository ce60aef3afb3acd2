// End to end: the parser-only module (dist/ap-ping-parse.*) on a page of its own, in
// Chromium, reading a real status answer from mock-central; and what that page downloads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "./support/stack.mjs";
import { openPage } from "./support/browser.mjs";

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => stack?.stop());

/** Starts a test on the mock and waits for its end; the status path of the finished test. */
async function finishedTest(serial) {
  const start = await fetch(`${stack.mock.url}/network-troubleshooting/v1/aps/${serial}/ping`, {
    method: "POST",
    headers: { authorization: "Bearer demo-token", "content-type": "application/json" },
    body: JSON.stringify({ destination: "www.google.com", count: 5 }),
  });
  const { location } = await start.json();
  // Polled as the widget would, every 300 ms, until the test has ended.
  for (;;) {
    const answer = await fetch(`${stack.mock.url}${location}`, { headers: { authorization: "Bearer demo-token" } });
    if (["COMPLETED", "FAILED"].includes((await answer.json()).status)) return location;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

test("the parser-only module reads a real status answer in the browser and loads nothing of the widget", async () => {
  const location = await finishedTest("CNF7G9X002");
  const page = await openPage(stack.browser);
  const loaded = [];
  page.on("requestfinished", (r) => loaded.push(new URL(r.url()).pathname));
  await page.goto(`${stack.server.url}/parse.html?csp=strict&status=${encodeURIComponent(location)}`);
  await page.waitForFunction(() => window.parsed !== undefined);
  const { text, result, output, error } = await page.evaluate(() => window.parsed);
  const server = JSON.parse(text);
  assert.equal(result.status, server.status);
  assert.equal(result.statistics.transmitted, Number(server.output.transmittedPacketsCount));
  assert.equal(result.statistics.received, Number(server.output.receivedPacketsCount));
  assert.deepEqual(
    result.statistics.replies.map((r) => r.sequence),
    server.output.replies.map((r) => Number(r.sentPacketIcmpSequenceNumber)),
  );
  assert.deepEqual([output.received, output.missingSequences], [2, [1]]);
  assert.equal(error, "Error: status: expected a string, got the number 7");
  assert.match(await page.locator("#out").textContent(), /^COMPLETED: \d of 5 replies$/);
  const own = loaded.filter((p) => !p.startsWith("/network-troubleshooting/"));
  assert.deepEqual(own.filter((p) => p.includes("widget")), [], `no widget file: ${own}`);
  assert.ok(own.includes("/ap-ping-parse_bg.wasm") && own.some((p) => p.endsWith("/src/flat.js")), `${own}`);
  assert.deepEqual(page.problems, [], "no console error, under the widget's strict CSP");
});
