// Plain hand-written JavaScript traceroute parsers giving the same result as the wasm
// parseTracerouteStatus / parseTracerouteOutput for the inputs bench/parse.mjs uses (the
// AP's status body, with its rawOutput, and BusyBox/Linux traceroute text): the reference
// the benchmark measures against. The same fields, the same per-hop figures, the same
// rules (hops above 255 and probes past 10 not read, the reached rule, the merge of
// output.hops with rawOutput), the same checks a bad value fails.

const MAX_HOPS = 255;
const MAX_PROBES_PER_HOP = 10;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** An IP literal, not a name: a dotted quad of 0-255, or IPv6 (hex, colons, dots, a %zone). */
function isIp(s) {
  if (s.includes(":")) {
    const body = s.split("%")[0];
    return /^[0-9a-fA-F:.]{2,}$/.test(body) && body.indexOf(":") !== body.lastIndexOf(":");
  }
  const m = IPV4.exec(s);
  return m !== null && m[1] <= 255 && m[2] <= 255 && m[3] <= 255 && m[4] <= 255;
}

/** `33.799 ms`, `0.529ms`, `<1 ms` (1, marked "<1"); null for `*`, `null`, nothing. */
function probeTime(value, path) {
  if (value == null) return null;
  if (typeof value === "number") return { ms: value, below: false };
  let t = value.trim();
  if (t === "" || t === "*" || t === "null") return null;
  if (t.endsWith("ms")) t = t.slice(0, -2).trimEnd();
  const below = t.startsWith("<");
  if (below) t = t.slice(1).trimStart();
  const ms = /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
  if (!(ms >= 0)) throw new Error(`${path}: expected a time such as "1.5 ms", "*" or "null", got ${JSON.stringify(value)}`);
  return { ms, below };
}

/** A host field's value: "null", "*" and "" are none. */
const host = (v) => {
  const t = typeof v === "string" ? v.trim() : "";
  return t === "" || t === "null" || t === "*" ? null : t;
};

/** A probe of output.hops: whichever host field is an IP literal is the address, a name the name. */
function jsonProbe(p, path) {
  let address = null, name = null;
  for (const v of [host(p.ipAddress), host(p.reverseDnsResolution)]) {
    if (v === null) continue;
    if (isIp(v)) address ??= v;
    else name ??= v;
  }
  const time = probeTime(p.responseTimeMilliseconds, `${path}.responseTimeMilliseconds`);
  return {
    address, name: name === address ? null : name, rttMs: time ? time.ms : null,
    annotation: time?.below ? "<1" : null,
  };
}

/** A hop's figures from its probes: loss, min/avg/max of the answered, distinct answering addresses. */
function hopOf(hop, probes) {
  let answered = 0, min = Infinity, max = -Infinity, sum = 0;
  const addresses = [];
  for (const p of probes) {
    if (p.rttMs === null) continue;
    answered++;
    if (p.rttMs < min) min = p.rttMs;
    if (p.rttMs > max) max = p.rttMs;
    sum += p.rttMs;
    if (p.address !== null && !addresses.includes(p.address)) addresses.push(p.address);
  }
  const some = answered > 0;
  return {
    hop, probes,
    lossPercent: probes.length > 0 ? ((probes.length - answered) * 100) / probes.length : null,
    minMs: some ? min : null, avgMs: some ? sum / answered : null, maxMs: some ? max : null,
    addresses,
  };
}

/** True when the last answering hop is the destination; false when the trace ended without it (or at a `!H`); else null. */
function reached(hops, destination, ended) {
  for (let i = hops.length - 1; i >= 0; i--) {
    if (hops[i].addresses.length === 0) continue;
    if (destination !== null && hops[i].addresses.includes(destination)) return true;
    break;
  }
  const stopped = hops.length > 0 && hops[hops.length - 1].probes.some((p) => p.annotation?.startsWith("!"));
  return stopped || (ended && destination !== null) ? false : null;
}

/** Hop numbers as the warnings name them: `hop 3`, `hops 3–5, 9`. */
function hopList(numbers) {
  const out = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    out.push(j > i ? `${numbers[i]}–${numbers[j]}` : `${numbers[i]}`);
    i = j;
  }
  return `${numbers.length === 1 ? "hop" : "hops"} ${out.join(", ")}`;
}

function jsonHops(list, warnings) {
  const hops = [], seen = new Set();
  let above = 0, dropped = 0;
  for (let i = 0; i < list.length; i++) {
    const h = list[i];
    const n = Number(h.hop);
    if (!Number.isInteger(n) || n < 1) throw new Error(`output.hops[${i}].hop: expected a hop number, got ${JSON.stringify(h.hop)}`);
    if (n > MAX_HOPS) { above++; continue; }
    if (seen.has(n)) throw new Error(`output.hops[${i}].hop: hop ${n} is listed twice`);
    seen.add(n);
    const probes = [];
    const given = h.probes ?? [];
    for (let j = 0; j < given.length; j++) {
      if (probes.length === MAX_PROBES_PER_HOP) { dropped++; continue; }
      probes.push(jsonProbe(given[j], `output.hops[${i}].probes[${j}]`));
    }
    hops.push(hopOf(n, probes));
  }
  hops.sort((a, b) => a.hop - b.hop);
  if (above > 0) warnings.push(`${above} hops numbered above ${MAX_HOPS} were not read`);
  if (dropped > 0) warnings.push(`${dropped} probes past the ${MAX_PROBES_PER_HOP} read per hop were not read`);
  return hops;
}

const orNone = (v) => (v == null || v.trim() === "" || v.trim() === "null" ? null : v);

/** output.hops with the hop numbers it skips filled in from the text's hops. */
function merge(output, text, ended) {
  const warnings = [];
  const name = orNone(output.destination ?? null), address = orNone(output.resolvedIp ?? null);
  let hops = jsonHops(output.hops ?? [], warnings);
  if (hops.length === 0 && text) {
    text.destination = { name: name ?? text.destination.name, address: address ?? text.destination.address };
    text.warnings = [...warnings, ...text.warnings];
    text.reached = reached(text.hops, text.destination.address, ended);
    return text;
  }
  const destination = { name, address };
  let source = "output", maxHops = null;
  if (text) {
    maxHops = text.maxHops;
    destination.address ??= text.destination.address;
    destination.name ??= text.destination.name;
    const filled = [], differ = [], merged = [];
    let k = 0;
    for (const raw of text.hops) {
      while (k < hops.length && hops[k].hop < raw.hop) merged.push(hops[k++]);
      if (k < hops.length && hops[k].hop === raw.hop) {
        const h = hops[k++];
        if (h.addresses.length > 0 && raw.addresses.length > 0 && h.addresses.join() !== raw.addresses.join()) differ.push(h.hop);
        merged.push(h);
      } else {
        filled.push(raw.hop);
        merged.push(raw);
      }
    }
    while (k < hops.length) merged.push(hops[k++]);
    hops = merged;
    if (filled.length > 0) {
      source = "merged";
      warnings.push(`${hopList(filled)} filled in from rawOutput`);
    }
    if (differ.length > 0) warnings.push(`output.hops and rawOutput differ at ${hopList(differ)}; output.hops kept`);
  }
  return { destination, maxHops, hops, reached: reached(hops, destination.address, ended), source, warnings };
}

/** From JSON text or from the object `response.json()` gives. */
export function jsParseTracerouteStatus(input) {
  const body = typeof input === "string" ? JSON.parse(input) : input;
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw new Error("expected a JSON object");
  if (typeof body.status !== "string" || body.status.trim() === "") throw new Error("status: missing");
  const status = body.status;
  const isTerminal = status === "COMPLETED" || status === "FAILED";
  const output = body.output ?? null;
  const rawOutput = body.rawOutput ?? output?.rawOutput ?? null;
  let fromText = null;
  if (rawOutput !== null && rawOutput.trim() !== "") {
    try { fromText = jsParseTracerouteOutput(rawOutput); } catch { fromText = null; }
  }
  const trace = output !== null ? merge(output, fromText, isTerminal) : fromText;
  const failReason = body.failReason ?? null;
  const traced = trace !== null && trace.hops.length > 0;
  const outcome = !isTerminal ? "pending" : status === "FAILED" || (failReason !== null && failReason.trim() !== "") || !traced ? "noResult" : "traced";
  const startTime = body.startTime ?? null, endTime = body.endTime ?? null;
  return {
    status, isTerminal, outcome, progressPercent: body.progressPercent ?? null, startTime, endTime,
    durationMs: startTime !== null && endTime !== null ? Date.parse(endTime) - Date.parse(startTime) : null,
    failReason, rawOutput, trace,
  };
}

const HEADER = /^traceroute6? to (\S+?)\s*\(([^)]+)\),? .*?(\d+) hops max/;
const HOP_LINE = /^\s*(\d+)\s+(.*)$/;
const TIME = /^(<?\d+(?:\.\d+)?)(ms)?$/;

/** BusyBox and Linux traceroute text: a header, then ` n  host (address)  t ms  t ms  t ms`, `*` for a lost probe. */
export function jsParseTracerouteOutput(text) {
  const destination = { name: null, address: null };
  let maxHops = null, seenHeader = false;
  const hops = [], warnings = [];
  let above = 0, dropped = 0, lineNumber = 0;
  const repeated = [];
  for (const line of text.split("\n")) {
    lineNumber++;
    if (line.trim() === "") continue;
    if (line.startsWith("COMMAND=")) {
      destination.name = line.slice(line.lastIndexOf(" ") + 1).trim() || null;
      continue;
    }
    const header = HEADER.exec(line);
    if (header) {
      seenHeader = true;
      destination.name ??= header[1];
      destination.address = header[2];
      maxHops = Number(header[3]);
      continue;
    }
    const m = HOP_LINE.exec(line);
    if (!m) {
      warnings.push(`line ${lineNumber} not understood: ${JSON.stringify(line.trim())}`);
      continue;
    }
    const n = Number(m[1]);
    if (n > MAX_HOPS) { above++; continue; }
    if (hops.length > 0 && n <= hops[hops.length - 1].hop) { repeated.push(n); continue; }
    const probes = [];
    let address = null, name = null;
    const tokens = m[2].trim().split(/\s+/);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === "*") {
        probes.push({ address: null, name: null, rttMs: null, annotation: null });
      } else if (TIME.test(t)) {
        if (tokens[i + 1] === "ms") i++;
        const below = t.startsWith("<");
        probes.push({ address, name, rttMs: Number(below ? t.slice(1).replace("ms", "") : t.replace("ms", "")), annotation: below ? "<1" : null });
      } else if (t.startsWith("!")) {
        if (probes.length > 0) probes[probes.length - 1].annotation = t;
      } else if (t.startsWith("(") && t.endsWith(")")) {
        address = t.slice(1, -1);
        if (name === address) name = null;
        if (probes.length > 0 && probes[probes.length - 1].rttMs === null) continue;
      } else {
        if (isIp(t)) { address = t; name = null; } else { name = t; address = null; }
      }
    }
    if (probes.length > MAX_PROBES_PER_HOP) dropped += probes.length - MAX_PROBES_PER_HOP;
    hops.push(hopOf(n, probes.slice(0, MAX_PROBES_PER_HOP)));
  }
  if (!seenHeader && hops.length === 0) throw new Error("no traceroute found in the text");
  if (repeated.length > 0) {
    const numbers = [...new Set(repeated)].sort((a, b) => a - b);
    warnings.push(`${hopList(numbers)} listed again or out of order; the first account kept`);
  }
  if (above > 0) warnings.push(`${above} hops numbered above ${MAX_HOPS} were not read`);
  if (dropped > 0) warnings.push(`${dropped} probes past the ${MAX_PROBES_PER_HOP} read per hop were not read`);
  const ended = maxHops !== null && hops.length > 0 && hops[hops.length - 1].hop >= maxHops;
  return { destination, maxHops, hops, reached: reached(hops, destination.address, ended), source: "rawOutput", warnings };
}
