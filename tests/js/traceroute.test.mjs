// parseTracerouteStatus and parseTracerouteOutput, the real parsers through the built wasm
// (dist/), as a page calls them: status bodies as text and as objects, device text of
// several families, and bad input. Every test runs on both modules: the parser-only one
// and the widget's.
import { test as nodeTest } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ROOT, load } from "./dist.mjs";

/** The device texts and status bodies the core's own tests read (one set of fixtures). */
const trace = (name) => fs.readFileSync(path.join(ROOT, "crates/ap-ping-core/tests/fixtures/traceroute", name), "utf8");

/** Per hop: its number, its answering addresses, and its loss. */
const hopSummary = (trace) => trace.hops.map((h) => [h.hop, h.addresses, h.lossPercent]);

for (const bundle of ["ap-ping-parse", "ap-ping-widget"]) {
  const { parseTracerouteStatus, parseTracerouteOutput } = await load(bundle);
  const test = (name, fn) => nodeTest(`${bundle}: ${name}`, fn);

  test("parseTracerouteStatus reads the API description's AP example hop by hop", () => {
    const result = parseTracerouteStatus(trace("ap_example_status.json"));
    assert.equal(result.status, "COMPLETED");
    assert.equal(result.isTerminal, true);
    assert.equal(result.outcome, "traced");
    assert.equal(result.progressPercent, 100);
    assert.equal(result.durationMs, 158_000);
    assert.equal(result.failReason, null);
    assert.match(result.rawOutput, /^\nCOMMAND=traceroute www\.google\.com\n/, "rawOutput as sent, from output.rawOutput");
    const { destination, maxHops, hops, reached, source, warnings } = result.trace;
    assert.deepEqual(destination, { name: "www.google.com", address: "142.251.46.164" });
    assert.equal(maxHops, 30, "from rawOutput's header");
    assert.equal(source, "output", "rawOutput lists no hop that output.hops lacks");
    assert.deepEqual(hops.map((h) => h.hop), [1, 5], "hops 2-4 are in neither account: absent, not invented");
    // The AP's address is in reverseDnsResolution, its ipAddress "null"; times keep their unit.
    assert.deepEqual(hops[0].probes, [
      { address: "10.27.113.225", name: null, rttMs: 33.799, annotation: null },
      { address: "10.27.113.225", name: null, rttMs: 0.942, annotation: null },
      { address: "10.27.113.225", name: null, rttMs: 0.897, annotation: null },
    ]);
    assert.deepEqual([hops[0].lossPercent, hops[0].minMs, hops[0].maxMs, hops[0].addresses], [0, 0.897, 33.799, ["10.27.113.225"]]);
    assert.ok(Math.abs(hops[0].avgMs - (33.799 + 0.942 + 0.897) / 3) < 1e-12, `avgMs ${hops[0].avgMs}`);
    // "*" and "null" are null, never strings.
    assert.deepEqual(hops[1], {
      hop: 5, probes: [{ address: null, name: null, rttMs: null, annotation: null }],
      lossPercent: 100, minMs: null, avgMs: null, maxMs: null, addresses: [],
    });
    assert.equal(reached, false, "the test ended without the destination answering");
    assert.deepEqual(warnings, []);
  });

  test("parseTracerouteStatus fills the two-address hop an AOS-S body leaves out of output.hops from rawOutput", () => {
    const { trace: t } = parseTracerouteStatus(trace("aos_s_status.json"));
    assert.equal(t.source, "merged");
    assert.deepEqual(hopSummary(t), [
      [1, ["10.97.118.2"], 0], [2, ["10.186.128.6", "10.186.128.4"], 0], [3, [], null], [4, ["10.186.172.153"], 0],
    ]);
    assert.deepEqual(t.warnings, ["hop 2 filled in from rawOutput"]);
    assert.equal(t.reached, true);
  });

  test("parseTracerouteStatus: a running test has no trace, a FAILED one no result", () => {
    const running = parseTracerouteStatus('{"status":"RUNNING","progressPercent":40}');
    assert.deepEqual([running.outcome, running.isTerminal, running.trace, running.progressPercent], ["pending", false, null, 40]);
    const failed = parseTracerouteStatus({ status: "FAILED", failReason: "Destination not resolved" });
    assert.deepEqual([failed.outcome, failed.failReason, failed.trace], ["noResult", "Destination not resolved", null]);
    const empty = parseTracerouteStatus({ status: "COMPLETED", output: { destination: "x.example", hops: [] } });
    assert.equal(empty.outcome, "noResult", "ended without a hop");
  });

  test("parseTracerouteStatus accepts the object from response.json() and gives the same result", () => {
    const text = trace("ap_example_status.json");
    const fromObject = parseTracerouteStatus(JSON.parse(text));
    assert.deepEqual(fromObject, parseTracerouteStatus(text));
    assert.equal(fromObject.trace.hops[0].probes[0].rttMs, 33.799);
  });

  test("parseTracerouteStatus throws an Error that names the field path", () => {
    const body = JSON.parse(trace("ap_example_status.json"));
    body.output.hops[1].probes[0].responseTimeMilliseconds = "fast";
    assert.throws(() => parseTracerouteStatus(body), {
      name: "Error",
      message: 'output.hops[1].probes[0].responseTimeMilliseconds: expected a time such as "1.5 ms", "*" or "null", got "fast"',
    });
    body.output.hops[1].probes[0].responseTimeMilliseconds = "*";
    body.output.hops[1].hop = "1";
    assert.throws(() => parseTracerouteStatus(body), { message: /^output\.hops\[1\]\.hop: hop 1 is listed twice/ });
    assert.throws(() => parseTracerouteStatus("not json"), { message: /^not valid JSON/ });
    assert.throws(() => parseTracerouteStatus(42), { message: /JSON string or an object/ });
    assert.throws(() => parseTracerouteStatus('{"progressPercent":5}'), { message: /status/ });
  });

  test("parseTracerouteOutput reads a CX switch's text (no space before ms)", () => {
    const t = parseTracerouteOutput(trace("cx.txt"));
    assert.equal(t.source, "rawOutput");
    assert.deepEqual(t.destination, { name: "10.1.1.10", address: "10.1.1.10" }, "the name asked for was the address");
    assert.equal(t.maxHops, 30);
    assert.deepEqual(hopSummary(t), [[1, ["10.1.1.10"], 0]]);
    assert.deepEqual(t.hops[0].probes.map((p) => p.rttMs), [0.529, 0.32, 0.166]);
    assert.equal(t.reached, true);
  });

  test("parseTracerouteOutput reads Windows tracert: <1 ms, Request timed out., name [address]", () => {
    const t = parseTracerouteOutput(trace("windows.txt"));
    assert.deepEqual(t.destination, { name: "www.google.com", address: "142.250.74.36" });
    assert.equal(t.maxHops, 30);
    assert.deepEqual(hopSummary(t), [[1, ["192.168.1.1"], 0], [2, [], 100], [3, ["10.0.0.1"], 0], [4, ["142.250.74.36"], 100 / 3]]);
    assert.deepEqual(t.hops[0].probes[0], { address: "192.168.1.1", name: null, rttMs: 1, annotation: "<1" });
    assert.deepEqual(t.hops[3].probes.map((p) => [p.name, p.rttMs]), [["arn09s22-in-f4.1e100.net", 11], [null, null], ["arn09s22-in-f4.1e100.net", 12]]);
    assert.equal(t.reached, true);
  });

  test("parseTracerouteOutput names a line it does not understand, and throws on text with no traceroute or a non-string", () => {
    const t = parseTracerouteOutput(`${trace("cx.txt")}  2   oops\n`);
    assert.equal(t.hops.length, 1);
    assert.deepEqual(t.warnings, ['line 3 not understood: "2   oops"']);
    assert.throws(() => parseTracerouteOutput("hello\nworld"), { name: "Error", message: /^no traceroute found in the text/ });
    assert.throws(() => parseTracerouteOutput({}), { message: "expected the traceroute output as a string" });
    assert.equal(parseTracerouteOutput(trace("cx.txt")).hops.length, 1, "the next call works");
  });
}
