// Plain hand-written JavaScript parsers producing the same statistics as the wasm
// functions: the reference the benchmark measures against.

const num = (s) => (s == null ? null : Number(s));

function summarize(times) {
  if (times.length === 0) return null;
  let min = Infinity, max = -Infinity, sum = 0;
  for (const t of times) { if (t < min) min = t; if (t > max) max = t; sum += t; }
  const mean = sum / times.length;
  let sq = 0, jit = 0;
  for (let i = 0; i < times.length; i++) {
    sq += (times[i] - mean) ** 2;
    if (i > 0) jit += Math.abs(times[i] - times[i - 1]);
  }
  const sorted = Float64Array.from(times).sort();
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min, mean, max, median, stddev: Math.sqrt(sq / times.length), jitter: times.length > 1 ? jit / (times.length - 1) : 0 };
}

function missing(replies, first, transmitted) {
  const seen = new Uint8Array(transmitted);
  for (const r of replies) { const i = r.sequence - first; if (i >= 0 && i < transmitted) seen[i] = 1; }
  const out = [];
  for (let i = 0; i < transmitted; i++) if (!seen[i]) out.push(first + i);
  return out;
}

/** From JSON text or from the object `response.json()` gives. */
export function jsParsePingStatus(text) {
  const body = typeof text === "string" ? JSON.parse(text) : text;
  const o = body.output;
  const seen = new Set();
  const replies = (o?.replies ?? []).map((r) => {
    const sequence = num(r.sentPacketIcmpSequenceNumber);
    const duplicate = seen.has(sequence);
    seen.add(sequence);
    return { sequence, address: r.sentPacketAddress ?? null, ttl: num(r.sentPacketTimeToLive), timeMs: num(r.sentPacketTimeMilliseconds), sizeBytes: num(r.sentPacketSizeBytes), duplicate };
  });
  const transmitted = num(o.transmittedPacketsCount), received = num(o.receivedPacketsCount);
  const s = summarize(replies.map((r) => r.timeMs));
  const isTerminal = body.status === "COMPLETED" || body.status === "FAILED";
  const outcome = !isTerminal ? "pending" : body.status === "FAILED" || body.failReason || !(transmitted > 0) ? "noResult" : "measured";
  return {
    status: body.status, isTerminal, outcome,
    progressPercent: body.progressPercent ?? null, startTime: body.startTime ?? null, endTime: body.endTime ?? null,
    durationMs: (Date.parse(body.endTime) - Date.parse(body.startTime)) || null,
    failReason: body.failReason ?? null, rawOutput: body.rawOutput ?? null,
    statistics: {
      destination: o.destination ?? null, resolvedIp: o.resolvedIp ?? null, transmitted, received,
      lost: transmitted - received, duplicates: 0, lossPercent: num(o.packetLossPercent),
      rtt: s && { minMs: num(o.minimumRoundTripTimeMilliseconds), avgMs: num(o.averageRoundTripTimeMilliseconds), maxMs: num(o.maximumRoundTripTimeMilliseconds), medianMs: s.median, stddevMs: s.stddev, jitterMs: s.jitter },
      replies, missingSequences: missing(replies, 0, transmitted), source: "output", error: null, warnings: [],
    },
  };
}

const REPLY = /^(\d+) bytes from (?:[^ ]+ \()?([^ ()]+?)\)?: (?:icmp_)?seq=(\d+) (?:ttl|hlim)=(\d+) time[=<]([\d.]+) ?ms( \(DUP!\))?/;
const SUMMARY = /(\d+) packets transmitted, (\d+) (?:packets )?received(?:, \+(\d+) duplicates)?.*?, ([\d.]+)% packet loss/;
const RTT = /^(?:round-trip|rtt) min\/avg\/max(?:\/(?:stddev|mdev))? = ([\d.]+)\/([\d.]+)\/([\d.]+)/;

export function jsParsePingOutput(text) {
  const replies = [];
  let destination = null, resolvedIp = null, transmitted = 0, received = 0, duplicates = 0, loss = 0, rtt = null;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    let m;
    if ((m = REPLY.exec(line))) {
      replies.push({ sequence: +m[3], address: m[2], ttl: +m[4], timeMs: +m[5], sizeBytes: +m[1], duplicate: !!m[6] });
    } else if (line.startsWith("COMMAND=")) {
      destination = line.split(/\s+/).pop();
    } else if (line.startsWith("PING ")) {
      const p = /^PING ([^ (]+) ?\(([^)]+)\)/.exec(line);
      if (p) { destination ??= p[1]; resolvedIp = p[2]; }
    } else if ((m = SUMMARY.exec(line))) {
      transmitted = +m[1]; received = +m[2]; duplicates = +(m[3] ?? 0); loss = +m[4];
    } else if ((m = RTT.exec(line))) {
      rtt = [+m[1], +m[2], +m[3]];
    }
  }
  const s = summarize(replies.map((r) => r.timeMs));
  return {
    destination, resolvedIp, transmitted, received, lost: transmitted - received, duplicates, lossPercent: loss,
    rtt: s && { minMs: rtt ? rtt[0] : s.min, avgMs: rtt ? rtt[1] : s.mean, maxMs: rtt ? rtt[2] : s.max, medianMs: s.median, stddevMs: s.stddev, jitterMs: s.jitter },
    replies, missingSequences: missing(replies, 0, transmitted), source: "rawOutput", error: null, warnings: [],
  };
}
