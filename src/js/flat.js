// The JavaScript half of src/js/flat.rs: how parse inputs and results cross the wasm
// boundary quickly. Keep the two files in step.
//
// In: text is written into wasm memory with one TextEncoder.encodeInto (wasm-bindgen's
// own string passing copies char by char in JS, and cost as much as JSON.parse itself).
// Out: the plain JS objects that parsePingStatus / parsePingOutput return are built from
// numbers in a Float64Array and every string in one UTF-8 text, decoded once and sliced:
// one call across the boundary per parse, and object literals V8 makes fast, instead of
// one boundary call per field or string. NaN stands for null.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Writes `text` as UTF-8 at `ptr` in `memory` (room for `capacity` bytes); bytes written. */
export function encodeInto(text, memory, ptr, capacity) {
  return encoder.encodeInto(text, new Uint8Array(memory.buffer, ptr, capacity)).written;
}

const orNull = (v) => (Number.isNaN(v) ? null : v);

/** String i is text[spans[2i] .. spans[2i+1]] in UTF-16 units; null where NaN. */
function strings(spans, text) {
  const all = decoder.decode(text);
  const out = [];
  for (let j = 0; j < spans.length; j += 2) {
    out.push(Number.isNaN(spans[j]) ? null : all.slice(spans[j], spans[j + 1]));
  }
  return out;
}

/** PingStatistics, on its own (parsePingOutput). */
export function buildStatistics(n, spans, text) {
  return statisticsAt(n, strings(spans, text), 0);
}

/** PingStatistics from numbers at `at` (17-number header, 6 per reply, then missing). */
function statisticsAt(n, s, at) {
  const replyCount = n[at + 13], missingCount = n[at + 14], warningCount = n[at + 15];
  const so = n[at + 16];
  const addresses = so + 3 + warningCount;
  // Arrays grow by push (packed, as a JS parser's would be); no typed-array views.
  const replies = [];
  let p = at + 17;
  for (let i = 0; i < replyCount; i++, p += 6) {
    const a = n[p + 1];
    replies.push({
      sequence: n[p],
      address: a < 0 ? null : s[addresses + a],
      ttl: orNull(n[p + 2]),
      timeMs: orNull(n[p + 3]),
      sizeBytes: orNull(n[p + 4]),
      duplicate: n[p + 5] === 1,
    });
  }
  const missingSequences = [];
  for (let i = 0; i < missingCount; i++) missingSequences.push(n[p + i]);
  const warnings = [];
  for (let i = 0; i < warningCount; i++) warnings.push(s[so + 3 + i]);
  return {
    destination: s[so],
    resolvedIp: s[so + 1],
    transmitted: n[at],
    received: n[at + 1],
    lost: n[at + 2],
    duplicates: n[at + 3],
    lossPercent: n[at + 4],
    rtt: n[at + 5] === 1
      ? { minMs: n[at + 6], avgMs: n[at + 7], maxMs: n[at + 8], medianMs: n[at + 9], stddevMs: n[at + 10], jitterMs: n[at + 11] }
      : null,
    replies,
    missingSequences,
    source: n[at + 12] === 0 ? "output" : "rawOutput",
    error: s[so + 2],
    warnings,
  };
}

/** PingTestResult: 4 numbers and 5 strings, then the statistics at 4 (strings at 5). */
export function buildTestResult(n, spans, text) {
  const s = strings(spans, text);
  return {
    status: s[0],
    isTerminal: n[2] === 1,
    progressPercent: orNull(n[0]),
    startTime: s[1],
    endTime: s[2],
    durationMs: orNull(n[1]),
    failReason: s[3],
    rawOutput: s[4],
    statistics: n[3] === 1 ? statisticsAt(n, s, 4) : null,
  };
}
