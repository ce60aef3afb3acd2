// Builds the plain JS objects that parsePingStatus / parsePingOutput return, from the
// flat form src/js/flat.rs writes: numbers in a Float64Array, strings in an array. One
// call across the wasm boundary per parse, and object literals V8 makes fast, instead of
// one boundary call per field. NaN stands for null. Keep this file and flat.rs in step.

const orNull = (v) => (Number.isNaN(v) ? null : v);

/** PingStatistics from numbers at `at` (17-number header, 6 per reply, then missing). */
export function buildStatistics(n, s, at) {
  const replyCount = n[at + 13], missingCount = n[at + 14], warningCount = n[at + 15];
  const so = n[at + 16];
  const addresses = so + 3 + warningCount;
  const replies = new Array(replyCount);
  let p = at + 17;
  for (let i = 0; i < replyCount; i++, p += 6) {
    const a = n[p + 1];
    replies[i] = {
      sequence: n[p],
      address: a < 0 ? null : s[addresses + a],
      ttl: orNull(n[p + 2]),
      timeMs: orNull(n[p + 3]),
      sizeBytes: orNull(n[p + 4]),
      duplicate: n[p + 5] === 1,
    };
  }
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
    missingSequences: Array.from(n.subarray(p, p + missingCount)),
    source: n[at + 12] === 0 ? "output" : "rawOutput",
    error: s[so + 2],
    warnings: s.slice(so + 3, so + 3 + warningCount),
  };
}

/** PingTestResult: 4 numbers and 5 strings, then the statistics at 4 (strings at 5). */
export function buildTestResult(n, s) {
  return {
    status: s[0],
    isTerminal: n[2] === 1,
    progressPercent: orNull(n[0]),
    startTime: s[1],
    endTime: s[2],
    durationMs: orNull(n[1]),
    failReason: s[3],
    rawOutput: s[4],
    statistics: n[3] === 1 ? buildStatistics(n, s, 4) : null,
  };
}
