// The exported parsers used the way an admin page's build tooling would: the built glue
// from dist/, initialized synchronously with initSync, called with strings and objects.
// Every test runs on both bundles: the parser-only module and the widget's.
import { test as nodeTest } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { ROOT, fixture, load } from "./dist.mjs";

/** Every parser, in both modules and both entries of the package. */
const PARSERS = ["parsePingOutput", "parsePingStatus", "parseTracerouteOutput", "parseTracerouteStatus"];
/** Their declarations and the objects they return, as the .d.ts files must have them. */
const PARSER_TYPES = [
  /export function parsePingStatus\(body: string \| object\): PingTestResult;/,
  /export function parsePingOutput\(text: string\): PingStatistics;/,
  /export function parseTracerouteStatus\(body: string \| object\): TracerouteTestResult;/,
  /export function parseTracerouteOutput\(text: string\): Traceroute;/,
  ...["PingTestResult", "PingStatistics", "TracerouteTestResult", "Traceroute", "Destination", "TraceHop", "TraceProbe"]
    .map((name) => new RegExp(`export interface ${name} \\{`)),
  /export type TraceOutcome = "pending" \| "traced" \| "noResult";/,
  /export type TraceSource = "output" \| "rawOutput" \| "merged";/,
  /  reached: boolean \| null;/,
];
const version = fs.readFileSync(path.join(ROOT, "Cargo.toml"), "utf8").match(/^version = "([^"]*)"/m)[1];
/** Runs `use` on the package scripts/build packed from dist/ (target/npm/ap-ping-widget-<version>.tgz), unpacked. */
async function withPackage(use) {
  const tarball = path.join(ROOT, "target", "npm", `ap-ping-widget-${version}.tgz`);
  const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), "apw-package-"));
  try {
    execFileSync("tar", ["-xzf", tarball, "-C", unpacked]);
    await use(unpacked);
  } finally {
    fs.rmSync(unpacked, { recursive: true, force: true });
  }
}

nodeTest("ap-ping-parse exports only the parsers, and its wasm imports nothing of the DOM", async () => {
  const glue = await load("ap-ping-parse");
  assert.deepEqual(Object.keys(glue).sort(), ["default", "initSync", ...PARSERS].sort());
  // The wasm's imports have short names (scripts/minify-dist.mjs): what they do is in the
  // glue that provides them, and the glue touches nothing of the DOM (its `fetch` loads
  // the wasm itself).
  const provided = fs.readFileSync(path.join(ROOT, "dist/ap-ping-parse.js"), "utf8");
  const dom = provided.match(/\b(document|window|Element|Event|Node|AbortController|setTimeout|customElements)\b/g);
  assert.equal(dom, null, `the parser module needs no DOM: ${dom}`);
  const widget = fs.readFileSync(path.join(ROOT, "dist/ap-ping-widget.js"), "utf8");
  assert.match(widget, /\bdocument\b/, "the same check finds the DOM in the widget's glue");
  const types = fs.readFileSync(path.join(ROOT, "dist/ap-ping-parse.d.ts"), "utf8");
  for (const typed of PARSER_TYPES) assert.match(types, typed);
  assert.doesNotMatch(types, /mountPingWidget|PingWidgetOptions/);
});

nodeTest("the widget module and the npm package's two entries export every parser, typed", async () => {
  const widget = await load("ap-ping-widget");
  for (const name of PARSERS) assert.equal(typeof widget[name], "function", `dist/ap-ping-widget.js exports ${name}`);
  const widgetTypes = fs.readFileSync(path.join(ROOT, "dist/ap-ping-widget.d.ts"), "utf8");
  for (const typed of PARSER_TYPES) assert.match(widgetTypes, typed, `dist/ap-ping-widget.d.ts: ${typed}`);
  await withPackage(async (unpacked) => {
    const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, "package/package.json"), "utf8"));
    assert.deepEqual(manifest.exports["./parse"], { types: "./ap-ping-parse.d.ts", default: "./ap-ping-parse.js" });
    for (const [entry, glue, types] of [
      ["ap-ping-widget/parse", "ap-ping-parse.js", "ap-ping-parse.d.ts"],
      ["ap-ping-widget", "ap-ping-widget.js", "ap-ping-widget.d.ts"],
    ]) {
      const packed = await import(path.join(unpacked, "package", glue));
      for (const name of PARSERS) assert.equal(typeof packed[name], "function", `${entry} exports ${name}`);
      const packedTypes = fs.readFileSync(path.join(unpacked, "package", types), "utf8");
      for (const typed of PARSER_TYPES) assert.match(packedTypes, typed, `${entry}'s ${types}: ${typed}`);
    }
  });
});

nodeTest("a page that loads both modules: each reads its text from its own memory, whichever ran last", async () => {
  // The two import one flat.js (the parser crate's snippet): it must not keep one module's memory.
  const [parse, widget] = [await load("ap-ping-parse"), await load("ap-ping-widget")];
  const seed = fixture("seed_completed.json");
  for (const first of [parse, widget, parse, widget]) {
    assert.equal(first.parsePingStatus(seed).statistics.lossPercent, 20);
    assert.equal(first.parsePingOutput(fixture("raw_linux_dup_errors.txt")).duplicates, 1);
  }
});

nodeTest("the widget's types name every messages key the README documents, and the lang option", () => {
  const types = fs.readFileSync(path.join(ROOT, "dist/ap-ping-widget.d.ts"), "utf8");
  const union = types.match(/export type PingMessageKey =([^;]*);/)[1];
  const typed = [...union.matchAll(/"(\w+)"/g)].map((m) => m[1]);
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Language"), readme.indexOf("### Theming"));
  const documented = [...section.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
  assert.ok(typed.length > 100, `${typed.length} keys`);
  assert.deepEqual(documented, typed, "the README's table lists the typed keys, in order");
  assert.match(types, /messages\?: Partial<Record<PingMessageKey, string>>;/);
  assert.match(types, /lang\?: string;/);
});

nodeTest("the widget module and its npm package export the fleet view and the request budget, typed", async () => {
  const glue = await load("ap-ping-widget");
  for (const name of ["mountPingWidget", "mountPingFleet", "configureRequestBudget", "PingFleetHandle"]) {
    assert.equal(typeof glue[name], "function", `dist/ap-ping-widget.js exports ${name}`);
  }
  const fleetTypes = [
    /export function mountPingFleet\(target: Element \| string, options: FleetOptions\): PingFleetHandle;/,
    /export function configureRequestBudget\(options: RequestBudgetOptions\): Required<RequestBudgetOptions>;/,
    /export class PingFleetHandle \{/,
    ...["FleetOptions", "RequestBudgetOptions", "FleetCounts", "FleetAp", "FleetApFigures", "FleetVerdict", "FleetRunDetail", "FleetErrorDetail"]
      .map((name) => new RegExp(`export interface ${name} \\{`)),
  ];
  const types = fs.readFileSync(path.join(ROOT, "dist/ap-ping-widget.d.ts"), "utf8");
  for (const typed of fleetTypes) assert.match(types, typed);
  // The package scripts/build packed from that dist/: the same module and types, as an app
  // installs them.
  await withPackage(async (unpacked) => {
    const packedTypes = fs.readFileSync(path.join(unpacked, "package/ap-ping-widget.d.ts"), "utf8");
    for (const typed of fleetTypes) assert.match(packedTypes, typed, `the package's ap-ping-widget.d.ts: ${typed}`);
    const packed = await import(path.join(unpacked, "package/ap-ping-widget.js"));
    for (const name of ["mountPingFleet", "configureRequestBudget", "PingFleetHandle"]) {
      assert.equal(typeof packed[name], "function", `the package's module exports ${name}`);
    }
  });
});

for (const bundle of ["ap-ping-parse", "ap-ping-widget"]) {
  const { parsePingStatus, parsePingOutput } = await load(bundle);
  const test = (name, fn) => nodeTest(`${bundle}: ${name}`, fn);

  test("parsePingStatus reads the seed body into typed statistics", () => {
    const result = parsePingStatus(fixture("seed_completed.json"));
    assert.equal(result.status, "COMPLETED");
    assert.equal(result.isTerminal, true);
    assert.equal(result.outcome, "measured");
    assert.equal(result.progressPercent, 100);
    assert.equal(result.durationMs, 15184.342778);
    assert.equal(result.failReason, null);
    const s = result.statistics;
    assert.equal(s.source, "output");
    assert.equal(s.destination, "www.google.com");
    assert.deepEqual([s.transmitted, s.received, s.lost, s.duplicates], [5, 4, 1, 0]);
    assert.equal(s.lossPercent, 20);
    assert.deepEqual(s.missingSequences, [2]);
    assert.deepEqual(
      [s.rtt.minMs, s.rtt.avgMs, s.rtt.maxMs, s.rtt.medianMs],
      [200.2, 204.7, 209.8, 204.5],
    );
    assert.deepEqual(s.replies[0], {
      sequence: 0, address: "142.251.46.164", ttl: 108, timeMs: 200.2, sizeBytes: 64, duplicate: false,
    });
    assert.deepEqual(s.warnings, []);
  });

  test("parsePingStatus: the API description's COMPLETED with a failReason is an outcome without result", () => {
    const result = parsePingStatus(fixture("completed_without_result.json"));
    assert.equal(result.status, "COMPLETED");
    assert.equal(result.isTerminal, true);
    assert.equal(result.outcome, "noResult");
    assert.equal(result.failReason, "Destination not resolved");
    const s = result.statistics;
    assert.equal(s.source, "rawOutput");
    assert.equal(s.error, "host address failed because the ipv4/v6 address www.djgdij.com is invalid.");
    assert.deepEqual([s.transmitted, s.received, s.lossPercent, s.rtt], [0, 0, null, null]);
    assert.equal(parsePingStatus('{"status":"RUNNING"}').outcome, "pending");
    assert.equal(parsePingStatus('{"status":"COMPLETED","output":null}').outcome, "noResult");
  });

  test("parsePingOutput reads the AP's own unresolved-name line as the error", () => {
    const s = parsePingOutput(fixture("raw_ap_address_failed.txt"));
    assert.equal(s.error, "host address failed because the ipv4/v6 address www.djgdij.com is invalid.");
    assert.equal(s.destination, "www.djgdij.com");
    assert.equal(s.lossPercent, null);
  });

  test("parsePingStatus accepts the object from response.json() and gives the same result", () => {
    const text = fixture("seed_completed.json");
    assert.deepEqual(parsePingStatus(JSON.parse(text)), parsePingStatus(text));
  });

  test("parsePingStatus throws an Error that names the field path", () => {
    const body = JSON.parse(fixture("seed_completed.json"));
    body.output.replies[2].sentPacketTimeToLive = "abc";
    assert.throws(() => parsePingStatus(body), {
      name: "Error",
      message: 'output.replies[2].sentPacketTimeToLive: expected an integer, got "abc"',
    });
    assert.throws(() => parsePingStatus("not json"), { message: /^not valid JSON/ });
    assert.throws(() => parsePingStatus("[]"), { message: "expected a JSON object, got an array" });
    assert.throws(() => parsePingStatus(42), { message: /JSON string or an object/ });
    assert.throws(() => parsePingStatus(undefined), { message: /JSON string or an object/ });
  });

  test("parsePingOutput reads raw ping text", () => {
    const stats = parsePingOutput(fixture("raw_linux_dup_errors.txt"));
    assert.equal(stats.source, "rawOutput");
    assert.deepEqual([stats.transmitted, stats.received, stats.duplicates], [3, 2, 1]);
    assert.equal(stats.replies[1].duplicate, true);
    assert.deepEqual(stats.missingSequences, [2]);
  });

  test("parsePingOutput states an unknown host instead of failing", () => {
    const stats = parsePingOutput(fixture("raw_linux_unknown_host.txt"));
    assert.equal(stats.error, "nonexistent.invalid: Name or service not known");
    assert.equal(stats.rtt, null);
  });

  test("parsePingOutput throws on text with no ping in it, and on a non-string", () => {
    assert.throws(() => parsePingOutput("hello"), { message: /^no ping output found/ });
    assert.throws(() => parsePingOutput({}), { message: "expected the ping output as a string" });
  });

  test("text too long to be ping output is refused before it is copied, and the next call works", () => {
    const huge = "x".repeat(2 * 16 * 1024 * 1024 + 1);
    assert.throws(() => parsePingOutput(huge), {
      message: `a text of ${huge.length} characters is longer than the ${2 * 16 * 1024 * 1024} accepted`,
    });
    assert.throws(() => parsePingStatus(huge), { message: /^a text of \d+ characters is longer/ });
    assert.equal(parsePingOutput(fixture("raw_linux_unknown_host.txt")).rtt, null);
  });

  test("non-ASCII text and escapes cross the boundary intact, in both directions", () => {
    const body = JSON.stringify({
      status: "COMPLETED",
      failReason: "Zeitüberschreitung 😀 <b>\"quoted\"</b>\n",
      output: { transmittedPacketsCount: "1", receivedPacketsCount: "0", destination: "bücher.example" },
    });
    const result = parsePingStatus(body);
    assert.equal(result.failReason, "Zeitüberschreitung 😀 <b>\"quoted\"</b>\n");
    assert.equal(result.statistics.destination, "bücher.example");
    // A lone surrogate is not UTF-8: it is read as U+FFFD, as TextEncoder writes it.
    assert.equal(parsePingStatus('{"status":"RUNNING\ud800"}').status, "RUNNING\ufffd");
  });

  test("numbers off the fast path (long, with exponents, halfway) are read as JSON.parse and Number() read them", () => {
    // Past 15 digits or with an exponent, the wasm reads numbers exactly, without the
    // standard library's tables: these are the cases where rounding is decided late.
    const times = ["0.30000000000000004", "2.002e2", "199.99999999999999999999", "1e-7",
      "9007199254740993", "0.1000000000000000055511151231257827021181583404541015625", "5E-324"];
    const replies = times.map((t, i) => ({
      sentPacketIcmpSequenceNumber: String(i), sentPacketTimeMilliseconds: t, sentPacketAddress: "10.0.0.1",
    }));
    const body = `{"status":"RUNNING","progressPercent":33.333333333333336e0,` +
      `"output":{"transmittedPacketsCount":"7","receivedPacketsCount":"7","replies":${JSON.stringify(replies)}}}`;
    const result = parsePingStatus(body);
    assert.equal(result.progressPercent, JSON.parse(body).progressPercent);
    assert.deepEqual(result.statistics.replies.map((r) => r.timeMs), times.map(Number));
  });

  test("a page that replaces TextEncoder.prototype.encodeInto gets errors, never a crash", () => {
    const original = TextEncoder.prototype.encodeInto;
    const body = fixture("seed_completed.json");
    try {
      // Claims the whole buffer was written without writing anything.
      TextEncoder.prototype.encodeInto = function (_text, target) {
        return { read: 0, written: target.length * 4 };
      };
      assert.throws(() => parsePingStatus("{}"), Error);
      // Writes bytes that are not UTF-8.
      TextEncoder.prototype.encodeInto = function (_text, target) {
        target.set([0x7b, 0xff, 0xfe, 0x7d]);
        return { read: 4, written: 4 };
      };
      assert.throws(() => parsePingStatus("{}"), /encodeInto gave back no UTF-8/);
      assert.throws(() => parsePingOutput("x"), /encodeInto gave back no UTF-8/);
      // Returns nonsense, or throws.
      for (const liar of [() => ({ written: -5 }), () => ({ written: 2.5 }), () => undefined, () => { throw new Error("no"); }]) {
        TextEncoder.prototype.encodeInto = liar;
        assert.throws(() => parsePingStatus(body), /encodeInto gave back no UTF-8 text/);
      }
    } finally {
      TextEncoder.prototype.encodeInto = original;
    }
    assert.equal(parsePingStatus(body).statistics.received, 4, "works again once restored");
  });
}
