// End to end: the Vite sample app (examples/vite-admin), which takes in the widget as an
// npm package (the tarball scripts/build packs), built by `vite build` and served as any
// app's static files, against mock-central, in Chromium: mountPingWidget and the custom
// element each run a whole test, <ap-traceroute-status> a trace, the fleet view runs site
// HQ to its verdict, and the
// parser-only page never loads the widget's module.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { startStaticServer } from "./support/static-server.mjs";
import { startMockCentral } from "./support/mock-central.mjs";
import { launchBrowser, openPage, screenshot, ROOT } from "./support/browser.mjs";

const APP = path.join(ROOT, "examples", "vite-admin", "dist");
let mock, server, browser;
before(async () => {
  assert.ok(fs.existsSync(path.join(APP, "index.html")), "examples/vite-admin built (scripts/test builds it)");
  mock = await startMockCentral(["--reply-interval-ms", "100"]);
  server = await startStaticServer({ roots: [APP], fallback: (req, res) => mock.proxy(req, res) });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  mock?.stop();
});

/** A page of the app, with every request it makes and every answer over 399 kept. */
async function open(file, options) {
  const page = await openPage(browser, { viewport: { width: 1000, height: 900 }, ...options });
  page.requested = [];
  page.on("request", (r) => page.requested.push(new URL(r.url()).pathname));
  page.on("response", (r) => {
    if (r.status() >= 400) page.problems.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${server.url}/${file}`);
  await page.waitForFunction(() => window.appReady === true, null, { timeout: 15_000 });
  return page;
}

test("the Vite app: mountPingWidget and <ap-ping-status>, from the npm package, each run a whole test", async () => {
  const page = await open("index.html");
  await page.waitForFunction(() => ["ping", "ap-ping-status"].every((target) =>
    window.appEvents.some((e) => e.type === "ping-complete" && e.target === target)), null, { timeout: 30_000 });
  const mounted = await page.locator("#ping .apw-badge").textContent();
  const element = await page.evaluate(() => document.querySelector("ap-ping-status").shadowRoot.querySelector(".apw-badge").textContent);
  assert.deepEqual([mounted, element], ["Completed", "Completed"]);
  // The light DOM's stylesheet came with the app's bundle: the card is styled.
  const radius = await page.locator("#ping .apw").evaluate((el) => getComputedStyle(el).borderTopLeftRadius);
  assert.notEqual(radius, "0px", "the widget's CSS applies");
  // The element adopted the app's copy of the stylesheet: the file Vite also emitted for
  // it is never downloaded.
  const css = page.requested.filter((p) => p.endsWith(".css"));
  assert.equal(css.length, 1, `one stylesheet download: ${css}`);
  const shadow = await page.evaluate(() => {
    const root = document.querySelector("ap-ping-status").shadowRoot;
    return { adopted: root.adoptedStyleSheets.length, radius: getComputedStyle(root.querySelector(".apw")).borderTopLeftRadius };
  });
  assert.equal(shadow.adopted, 1);
  assert.notEqual(shadow.radius, "0px", "the element is styled");
  await page.locator("#ping .apw-chart__points").waitFor();
  await screenshot(page, "vite-app-light-wide");
  assert.deepEqual(page.problems, [], "no console error, no 404");
});

test("the Vite app: <ap-traceroute-status> from the npm package traces the lossy path to its verdict", async () => {
  const page = await open("index.html");
  await page.waitForFunction(() => window.appEvents.some((e) => e.type === "traceroute-complete" || e.type === "traceroute-error"), null, { timeout: 30_000 });
  const events = await page.evaluate(() => window.appEvents.filter((e) => e.target === "ap-traceroute-status"));
  assert.deepEqual(events.filter((e) => e.type === "traceroute-error"), []);
  const complete = events.find((e) => e.type === "traceroute-complete").detail;
  assert.deepEqual([complete.status, complete.trace.reached, complete.trace.hops.length], ["COMPLETED", true, 10]);
  const seen = await page.evaluate(() => {
    const root = document.querySelector("ap-traceroute-status").shadowRoot;
    return {
      verdict: root.querySelector(".apw-trace__verdict")?.textContent,
      marked: [...root.querySelectorAll(".apw-hop--marked td:first-child")].map((td) => td.textContent),
      radius: getComputedStyle(root.querySelector(".apw")).borderTopLeftRadius,
    };
  });
  assert.deepEqual(seen, { verdict: "Reached 203.0.113.120 in 10 hops", marked: ["4", "7"], radius: seen.radius });
  assert.notEqual(seen.radius, "0px", "the element is styled");
  assert.deepEqual(page.problems, [], "no console error, no 404");
});

test("the Vite app's fleet page: mountPingFleet from the npm package runs site HQ to its verdict", async () => {
  const page = await open("fleet.html");
  await page.waitForFunction(() => window.appEvents.some((e) => e.type === "fleet-complete" || e.type === "fleet-error"), null, { timeout: 90_000 });
  const events = await page.evaluate(() => window.appEvents);
  assert.deepEqual(events.filter((e) => e.type === "fleet-error"), []);
  const complete = events.find((e) => e.type === "fleet-complete").detail;
  assert.equal(complete.verdict.text, "2 of 40 APs lose packets: hq-ap-07 (60%), hq-ap-23 (60%)");
  assert.deepEqual(complete.counts, { done: 40, total: 40, failed: 0, offline: 0 });
  assert.ok(events.some((e) => e.type === "fleet-progress"), "fleet-progress on the way");
  assert.equal(await page.locator(".apw-fleet__verdict").textContent(), complete.verdict.text);
  const api = page.requested.filter((p) => p.startsWith("/network-"));
  assert.ok(api.some((p) => p.startsWith("/network-monitoring/v1/aps")), "the list of HQ's APs");
  // The stylesheet came with the app's bundle: the view is styled.
  assert.notEqual(await page.locator(".apw-fleet__verdict").evaluate((el) => getComputedStyle(el).borderTopLeftRadius), "0px");
  await page.waitForFunction(() => document.querySelectorAll(".apw-fleet__row").length === 40);
  await screenshot(page, "vite-app-fleet-light-wide");
  assert.deepEqual(page.problems, [], "no console error, no 404");
});

test("the Vite app's parser-only page loads the parsers' module and never the widget's", async () => {
  const page = await open("parse.html");
  await page.waitForFunction(() => document.querySelector("#summary").textContent !== "");
  assert.equal(await page.locator("#summary").textContent(), "2 of 3 replies, 33.3% loss, avg 2 ms");
  const wasm = page.requested.filter((p) => p.endsWith(".wasm"));
  assert.equal(wasm.length, 1);
  assert.match(wasm[0], /ap-ping-parse_bg/);
  assert.deepEqual(page.requested.filter((p) => /ap-ping-widget/.test(p)), [], "nothing of the widget's module");
  // What the page downloads, as files in the build: the parser module without Yew.
  const sizes = page.requested.filter((p) => p.startsWith("/assets/")).map((p) => fs.statSync(path.join(APP, p)).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const widgetWasm = fs.readdirSync(path.join(APP, "assets")).find((f) => /^ap-ping-widget_bg.*\.wasm$/.test(f));
  const widgetSize = fs.statSync(path.join(APP, "assets", widgetWasm)).size;
  console.log(`parser-only page: ${sizes.length} assets, ${total} bytes; the widget's wasm alone: ${widgetSize} bytes`);
  assert.ok(total < widgetSize / 3, `the parser page (${total} bytes) is far below the widget's wasm (${widgetSize} bytes)`);
  assert.deepEqual(page.problems, []);
});
