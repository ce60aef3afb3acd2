// The JavaScript half of src/js_shape/flat.rs: how parse inputs and results cross the wasm
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

let memory = null;

/** Given the module's memory once, so each call need not pass it. */
export function useMemory(m) {
  memory = m;
}

/**
 * Writes `text` as UTF-8 at `ptr` (room for `capacity` bytes), in one call from wasm:
 * the bytes written; -1 when `text` is not a string; -2 when `encodeInto` (which any
 * script on the page can replace) threw or gave no byte count; -3 - needed when the room
 * is short. Nothing is thrown into wasm.
 */
export function encodeInto(text, ptr, capacity) {
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

const orNull = (v) => (Number.isNaN(v) ? null : v);

/** String i is text[n[at+2i] .. n[at+2i+1]] in UTF-16 units; null where NaN. */
function strings(n, at, text) {
  const all = decoder.decode(text);
  const out = [];
  for (let j = at; j < n.length; j += 2) {
    out.push(Number.isNaN(n[j]) ? null : all.slice(n[j], n[j + 1]));
  }
  return out;
}

/** PingStatistics, on its own (parsePingOutput); string spans from `spansAt`. */
export function buildStatistics(n, spansAt, text) {
  return statisticsAt(n, strings(n, spansAt, text), 0);
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
    lossPercent: orNull(n[at + 4]),
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

/** PingTestResult.outcome by the index flat.rs writes (TestOutcome's order). */
const OUTCOMES = ["pending", "measured", "noResult"];

/** PingTestResult: 5 numbers and 5 strings, then the statistics at 5 (strings at 5). */
export function buildTestResult(n, spansAt, text) {
  const s = strings(n, spansAt, text);
  return {
    status: s[0],
    isTerminal: n[2] === 1,
    outcome: OUTCOMES[n[4]],
    progressPercent: orNull(n[0]),
    startTime: s[1],
    endTime: s[2],
    durationMs: orNull(n[1]),
    failReason: s[3],
    rawOutput: s[4],
    statistics: n[3] === 1 ? statisticsAt(n, s, 5) : null,
  };
}
