// Benchmark (run on demand, not in CI): the exported wasm parsers against plain
// JavaScript ones in the same process, on the same inputs. Prints time per call and the
// ratio wasm / JS (<= 1.0 means wasm is at least as fast).
//   node bench/parse.mjs                  the parser-only module, dist/ap-ping-parse.js
//   node bench/parse.mjs --bundle widget  the widget's module (built for size)
//   node bench/parse.mjs --runs 7         seven fresh processes, every ratio of every run
// (after `trunk build --release`). Text is the measured path; objects (what
// `response.json()` gives) are printed too, and go through JSON text inside.
// Cases: ping status bodies and ping text; traceroute status bodies (an AP's, with its
// rawOutput) and BusyBox text at 3, 30 and 3,000 hops, against bench/reference-traceroute.mjs.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { jsParsePingStatus, jsParsePingOutput } from "./reference-parser.mjs";
import { jsParseTracerouteStatus, jsParseTracerouteOutput } from "./reference-traceroute.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const bundle = arg("--bundle", "parse") === "widget" ? "ap-ping-widget" : "ap-ping-parse";
const runs = Number(arg("--runs", "1"));

if (runs > 1) {
  // Each run in a process of its own: a fresh JIT, as a page would have.
  const all = [];
  for (let run = 0; run < runs; run++) {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--bundle", bundle === "ap-ping-parse" ? "parse" : "widget", "--json"], { encoding: "utf8" });
    all.push(JSON.parse(out));
  }
  console.log(`${bundle}, node ${process.version}: ratio = wasm time / JS time, ${runs} runs\n`);
  for (const name of Object.keys(all[0])) {
    const ratios = all.map((r) => r[name]);
    const worst = Math.max(...ratios);
    const counted = name.startsWith("text");
    console.log(`${name.padEnd(56)} ${ratios.map((r) => r.toFixed(2)).join(" ")}   worst ${worst.toFixed(2)}${counted ? (worst <= 1 ? "" : "  (over 1.00)") : "  (not in the target)"}`);
  }
  const worstText = Math.max(...all.flatMap((r) => Object.entries(r).filter(([k]) => k.startsWith("text")).map(([, v]) => v)));
  console.log(`\nworst text ratio over every run: ${worstText.toFixed(2)} (target <= 1.00 in every run)`);
  process.exit(0);
}

const glue = await import(path.join(ROOT, `dist/${bundle}.js`));
glue.initSync({ module: fs.readFileSync(path.join(ROOT, `dist/${bundle}_bg.wasm`)) });

function body(replies) {
  const list = [];
  let seq = 0;
  while (list.length < replies) {
    if (seq % 10 !== 7) {
      list.push({ sentPacketAddress: "142.251.46.164", sentPacketIcmpSequenceNumber: String(seq), sentPacketTimeToLive: "108", sentPacketTimeMilliseconds: (200 + ((seq * 7919) % 100) / 10).toFixed(1), sentPacketSizeBytes: "64" });
    }
    seq++;
  }
  const times = list.map((r) => +r.sentPacketTimeMilliseconds);
  return JSON.stringify({
    startTime: "2025-05-20T13:07:48.849780286Z", endTime: "2025-05-20T13:08:04.034123064Z", rawOutput: "",
    output: {
      receivedPacketsCount: String(list.length), packetLossPercent: String(Math.round((100 * (seq - list.length)) / seq)),
      minimumRoundTripTimeMilliseconds: String(Math.min(...times)), maximumRoundTripTimeMilliseconds: String(Math.max(...times)),
      replies: list, averageRoundTripTimeMilliseconds: (times.reduce((a, b) => a + b, 0) / times.length).toFixed(1),
      destination: "www.google.com", resolvedIp: "142.251.46.164", transmittedPacketsCount: String(seq),
    },
    failReason: null, progressPercent: 100, status: "COMPLETED",
  });
}

function text(lines) {
  let out = "\nCOMMAND=ping www.google.com\nPING 142.251.46.164 (142.251.46.164): 56 data bytes\n";
  const times = [];
  for (let seq = 0; seq < lines; seq++) {
    const t = 200 + ((seq * 7919) % 100) / 10;
    times.push(t);
    out += `64 bytes from 142.251.46.164: icmp_seq=${seq} ttl=108 time=${t.toFixed(1)} ms\n`;
  }
  const avg = times.reduce((a, b) => a + b, 0) / times.length;
  return out + `\n--- 142.251.46.164 ping statistics ---\n${lines} packets transmitted, ${lines} packets received, 0% packet loss\nround-trip min/avg/max = ${Math.min(...times)}/${avg.toFixed(1)}/${Math.max(...times)} ms\n`;
}

/** AP traceroute text of `hops` hops (BusyBox, as `rawOutput` has it): every seventh hop
 * silent, a load-balanced hop every eleventh, the destination last. */
function traceText(hops) {
  const max = Math.min(Math.max(30, hops), 255);
  let out = `\nCOMMAND=traceroute www.google.com\ntraceroute to 142.251.46.164 (142.251.46.164), ${max} hops max, 38 byte packets\n`;
  for (const h of traceHops(hops)) {
    const probes = h.probes.map((p) => (p === null ? "*" : `${p.address}  ${p.ms.toFixed(3)} ms`));
    // Consecutive probes from the same address name it once, as traceroute prints them.
    for (let i = probes.length - 1; i > 0; i--) {
      if (h.probes[i] && h.probes[i - 1] && h.probes[i].address === h.probes[i - 1].address) probes[i] = `${h.probes[i].ms.toFixed(3)} ms`;
    }
    out += `${String(h.hop).padStart(2)}  ${probes.join("  ")}\n`;
  }
  return out;
}

/** The hops both the text and the status body are made of. */
function traceHops(hops) {
  const list = [];
  for (let hop = 1; hop <= hops; hop++) {
    const address = hop === hops ? "142.251.46.164" : `10.${hop >> 8}.${hop & 255}.1`;
    const probes = [0, 1, 2].map((i) => {
      if (hop % 7 === 0 && hop !== hops) return null;
      const other = hop % 11 === 0 && i === 2;
      return { address: other ? `10.${hop >> 8}.${hop & 255}.2` : address, ms: 0.5 + hop * 1.25 + ((hop * 7919 + i * 31) % 100) / 37 };
    });
    list.push({ hop, probes });
  }
  return list;
}

/** An AP's COMPLETED traceroute status body of `hops` hops, with its `rawOutput`. */
function traceBody(hops) {
  return JSON.stringify({
    status: "COMPLETED", progressPercent: 100, failReason: null,
    startTime: "2025-05-20T13:07:48.849Z", endTime: "2025-05-20T13:10:26.849Z",
    output: {
      destination: "www.google.com", resolvedIp: "142.251.46.164",
      hops: traceHops(hops).map(({ hop, probes }) => ({
        hop: String(hop),
        probes: probes.map((p) => ({ ipAddress: "null", responseTimeMilliseconds: p ? `${p.ms.toFixed(3)} ms` : "*", reverseDnsResolution: p ? p.address : "null" })),
      })),
      rawOutput: traceText(hops),
    },
  });
}

/** Mean ms per call, over enough calls for ~`budgetMs`, after a warm-up long enough for
 * both engines' optimizing tiers (V8's TurboFan for JS and for wasm). */
function time(fn, input, budgetMs = 1000) {
  for (let i = 0; i < 2000; i++) fn(input);
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < budgetMs) { fn(input); calls++; now = performance.now(); }
  return (now - start) / calls;
}

const json = process.argv.includes("--json");
const results = {};

function compare(name, wasmFn, jsFn, input) {
  // Alternate the two, three rounds, and keep each one's best: the machine is noisy, and
  // a garbage collection or a tier-up in one round should not decide the ratio.
  let w = Infinity, j = Infinity;
  for (let round = 0; round < 3; round++) {
    w = Math.min(w, time(wasmFn, input));
    j = Math.min(j, time(jsFn, input));
  }
  const ratio = w / j;
  results[name] = ratio;
  if (!json) console.log(`${name.padEnd(56)} wasm ${w.toFixed(4).padStart(9)} ms   js ${j.toFixed(4).padStart(9)} ms   ratio ${ratio.toFixed(2)}${ratio <= 1 ? "" : "  (slower)"}`);
  return ratio;
}

// Same answers first: a benchmark of different work would be meaningless.
for (const n of [4, 100]) {
  const a = glue.parsePingStatus(body(n)).statistics, b = jsParsePingStatus(body(n)).statistics;
  if (a.received !== b.received || a.missingSequences.length !== b.missingSequences.length || Math.abs(a.rtt.jitterMs - b.rtt.jitterMs) > 1e-9) {
    throw new Error(`wasm and JS disagree on ${n} replies`);
  }
}

// Traceroute: the same result field for field. The core reads hops 1-255 (a TTL has 8
// bits): a body or text of more is read that far, the rest skipped with a warning, and the
// reference does the same; a size the core refuses is said so and not compared.
const traceCases = [];
for (const hops of [3, 30, 3000]) {
  for (const [what, wasmFn, jsFn, input] of [
    ["parseTracerouteStatus", glue.parseTracerouteStatus, jsParseTracerouteStatus, traceBody(hops)],
    ["parseTracerouteOutput", glue.parseTracerouteOutput, jsParseTracerouteOutput, traceText(hops)],
  ]) {
    let a;
    try {
      a = wasmFn(input);
    } catch (e) {
      console.error(`${what}, ${hops} hops: refused by the wasm parser (${e.message}); not compared`);
      continue;
    }
    const b = jsFn(input);
    if (!isDeepStrictEqual(a, b)) {
      throw new Error(`wasm and JS disagree on ${what}, ${hops} hops:\n${JSON.stringify(a).slice(0, 2000)}\n${JSON.stringify(b).slice(0, 2000)}`);
    }
    const read = (a.trace ?? a).hops.length;
    const label = `${what}, ${hops.toLocaleString("en-GB")} hops${read < hops ? ` (${read} read)` : ""}`;
    traceCases.push([label, wasmFn, jsFn, input]);
  }
}

if (!json) console.log(`${bundle}, node ${process.version}; ratio = wasm time / JS time\n`);
const ratios = [];
for (const n of [4, 100, 10_000]) ratios.push(compare(`text: parsePingStatus, ${n} replies`, glue.parsePingStatus, jsParsePingStatus, body(n)));
for (const n of [10, 10_000]) ratios.push(compare(`text: parsePingOutput, ${n} lines`, glue.parsePingOutput, jsParsePingOutput, text(n)));
for (const [label, wasmFn, jsFn, input] of traceCases) ratios.push(compare(`text: ${label}`, wasmFn, jsFn, input));
for (const n of [4, 100, 10_000]) compare(`object: parsePingStatus, ${n} replies`, glue.parsePingStatus, jsParsePingStatus, JSON.parse(body(n)));
for (const [label, wasmFn, jsFn, input] of traceCases) {
  if (label.startsWith("parseTracerouteStatus")) compare(`object: ${label}`, wasmFn, jsFn, JSON.parse(input));
}
if (json) console.log(JSON.stringify(results));
else console.log(`\nworst text ratio ${Math.max(...ratios).toFixed(2)} (target <= 1.00); objects are not in the target`);
