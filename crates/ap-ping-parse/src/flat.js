// The JavaScript half of crates/ap-ping-parse/src/flat.rs: how parse inputs and results cross the wasm
// boundary quickly. The reader at the end is generated from crates/ap-ping-parse/src/layout.rs.
//
// In: text is written into wasm memory with one TextEncoder.encodeInto (wasm-bindgen's
// own string passing copies char by char in JS, and cost as much as JSON.parse itself).
// Out: the plain JS objects that the parsers (parsePingStatus, parseTracerouteStatus, …)
// return are built from numbers in a Float64Array and every string in one UTF-8 text,
// decoded once and sliced: one call across the boundary per parse, and object literals V8
// makes fast, instead of one boundary call per field or string. NaN stands for null.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Writes `text` as UTF-8 at `ptr` in `memory` (room for `capacity` bytes), in one call from
 * wasm. The memory comes with each call: the parser module and the widget's share this
 * file, and a page may load both. Returns the bytes written; -1 when `text` is not a
 * string; -2 when `encodeInto` (which any script on the page can replace) threw or gave no
 * byte count; -3 - needed when the room is short. Nothing is thrown into wasm.
 */
export function encodeInto(memory, text, ptr, capacity) {
  if (typeof text !== "string") return -1;
  // A UTF-16 unit never takes more than 3 bytes of UTF-8.
  const needed = text.length * 3;
  if (needed > capacity) return -3 - needed;
  try {
    const written = encoder.encodeInto(text, new Uint8Array(memory.buffer, ptr, capacity))?.written;
    return Number.isInteger(written) && written >= 0 ? written : -2;
  } catch {
    return -2;
  }
}

/** String i is text[n[at+2i] .. n[at+2i+1]] in UTF-16 units. */
function strings(n, at, text) {
  const all = decoder.decode(text);
  const out = [];
  for (let j = at; j < n.length; j += 2) out.push(all.slice(n[j], n[j + 1]));
  return out;
}

// The builders (`build<Entry>`, one for each object wasm hands over) and their readers are
// generated from the one description of the layout: numbers and strings are read in the
// order it gives, into objects with fields in that order.
// Arrays grow by push (packed, as a JS parser's would be); NaN stands for null.
// ── generated from crates/ap-ping-parse/src/layout.rs by scripts/generate: do not edit ──
const orNull = (v) => (Number.isNaN(v) ? null : v);
const PingTestOutcomeNames = ["pending", "measured", "noResult"];
const StatisticsSourceNames = ["output", "rawOutput"];
const TraceOutcomeNames = ["pending", "traced", "noResult"];
const TraceSourceNames = ["output", "rawOutput", "merged"];

/** PingTestResult, from numbers with the string spans after them at `spansAt`. */
export function buildPingTestResult(n, spansAt, text) {
  return readPingTestResult(n, strings(n, spansAt, text), { p: 0, q: 0, last: null });
}

/** PingStatistics, from numbers with the string spans after them at `spansAt`. */
export function buildPingStatistics(n, spansAt, text) {
  return readPingStatistics(n, strings(n, spansAt, text), { p: 0, q: 0, last: null });
}

/** TracerouteTestResult, from numbers with the string spans after them at `spansAt`. */
export function buildTracerouteTestResult(n, spansAt, text) {
  return readTracerouteTestResult(n, strings(n, spansAt, text), { p: 0, q: 0, last: null });
}

/** Traceroute, from numbers with the string spans after them at `spansAt`. */
export function buildTraceroute(n, spansAt, text) {
  return readTraceroute(n, strings(n, spansAt, text), { p: 0, q: 0, last: null });
}

/** PingTestResult from numbers `n` and strings `s`, from the cursor `c` on (moved past it). */
function readPingTestResult(n, s, c) {
  let { p, q, last } = c, t = 0;
  const status = s[q++];
  const isTerminal = n[p++] === 1;
  const outcome = PingTestOutcomeNames[n[p++]];
  const progressPercent = orNull(n[p++]);
  const startTime = n[p++] === 1 ? s[q++] : null;
  const endTime = n[p++] === 1 ? s[q++] : null;
  const durationMs = orNull(n[p++]);
  const failReason = n[p++] === 1 ? s[q++] : null;
  const rawOutput = n[p++] === 1 ? s[q++] : null;
  let statistics = null;
  if (n[p++] === 1) {
    c.p = p; c.q = q; c.last = last;
    statistics = readPingStatistics(n, s, c);
    ({ p, q, last } = c);
  }
  c.p = p; c.q = q; c.last = last;
  return { status, isTerminal, outcome, progressPercent, startTime, endTime, durationMs, failReason, rawOutput, statistics };
}

/** PingStatistics from numbers `n` and strings `s`, from the cursor `c` on (moved past it). */
function readPingStatistics(n, s, c) {
  let { p, q, last } = c, t = 0;
  const destination = n[p++] === 1 ? s[q++] : null;
  const resolvedIp = n[p++] === 1 ? s[q++] : null;
  const transmitted = n[p++];
  const received = n[p++];
  const lost = n[p++];
  const duplicates = n[p++];
  const lossPercent = orNull(n[p++]);
  let rtt = null;
  if (n[p++] === 1) {
    const minMs = n[p++];
    const avgMs = n[p++];
    const maxMs = n[p++];
    const medianMs = n[p++];
    const stddevMs = n[p++];
    const jitterMs = n[p++];
    rtt = { minMs, avgMs, maxMs, medianMs, stddevMs, jitterMs };
  }
  const replies = [];
  for (let i = 0, count = n[p++]; i < count; i++) {
    const sequence = n[p++];
    const address = (t = n[p++]) === 1 ? (last = s[q++]) : t === 0 ? last : null;
    const ttl = orNull(n[p++]);
    const timeMs = orNull(n[p++]);
    const sizeBytes = orNull(n[p++]);
    const duplicate = n[p++] === 1;
    replies.push({ sequence, address, ttl, timeMs, sizeBytes, duplicate });
  }
  const missingSequences = new Array(n[p++]);
  for (let i = 0, k = 0, runs = n[p++]; i < runs; i++) {
    for (let v = n[p++], to = n[p++]; v <= to; v++) missingSequences[k++] = v;
  }
  const source = StatisticsSourceNames[n[p++]];
  const error = n[p++] === 1 ? s[q++] : null;
  const warnings = [];
  for (let i = 0, count = n[p++]; i < count; i++) warnings.push(s[q++]);
  c.p = p; c.q = q; c.last = last;
  return { destination, resolvedIp, transmitted, received, lost, duplicates, lossPercent, rtt, replies, missingSequences, source, error, warnings };
}

/** TracerouteTestResult from numbers `n` and strings `s`, from the cursor `c` on (moved past it). */
function readTracerouteTestResult(n, s, c) {
  let { p, q, last } = c, t = 0;
  const status = s[q++];
  const isTerminal = n[p++] === 1;
  const outcome = TraceOutcomeNames[n[p++]];
  const progressPercent = orNull(n[p++]);
  const startTime = n[p++] === 1 ? s[q++] : null;
  const endTime = n[p++] === 1 ? s[q++] : null;
  const durationMs = orNull(n[p++]);
  const failReason = n[p++] === 1 ? s[q++] : null;
  const rawOutput = n[p++] === 1 ? s[q++] : null;
  let trace = null;
  if (n[p++] === 1) {
    c.p = p; c.q = q; c.last = last;
    trace = readTraceroute(n, s, c);
    ({ p, q, last } = c);
  }
  c.p = p; c.q = q; c.last = last;
  return { status, isTerminal, outcome, progressPercent, startTime, endTime, durationMs, failReason, rawOutput, trace };
}

/** Traceroute from numbers `n` and strings `s`, from the cursor `c` on (moved past it). */
function readTraceroute(n, s, c) {
  let { p, q, last } = c, t = 0;
  let destination;
  {
    const name = n[p++] === 1 ? s[q++] : null;
    const address = n[p++] === 1 ? s[q++] : null;
    destination = { name, address };
  }
  const maxHops = orNull(n[p++]);
  const hops = [];
  for (let i = 0, count = n[p++]; i < count; i++) {
    const hop = n[p++];
    const probes = [];
    for (let i = 0, count = n[p++]; i < count; i++) {
      const address = (t = n[p++]) === 1 ? (last = s[q++]) : t === 0 ? last : null;
      const name = n[p++] === 1 ? s[q++] : null;
      const rttMs = orNull(n[p++]);
      const annotation = n[p++] === 1 ? s[q++] : null;
      probes.push({ address, name, rttMs, annotation });
    }
    const lossPercent = orNull(n[p++]);
    const minMs = orNull(n[p++]);
    const avgMs = orNull(n[p++]);
    const maxMs = orNull(n[p++]);
    const addresses = [];
    for (let i = 0, count = n[p++]; i < count; i++) addresses.push(s[q++]);
    hops.push({ hop, probes, lossPercent, minMs, avgMs, maxMs, addresses });
  }
  const reached = Number.isNaN((t = n[p++])) ? null : t === 1;
  const source = TraceSourceNames[n[p++]];
  const warnings = [];
  for (let i = 0, count = n[p++]; i < count; i++) warnings.push(s[q++]);
  c.p = p; c.q = q; c.last = last;
  return { destination, maxHops, hops, reached, source, warnings };
}
// ── end of generated code ──
