// Generated from crates/ap-ping-parse/src/layout.rs by scripts/generate: do not edit.

/** The values of `PingTestResult.status`. */
export type PingTestStatus = "INITIATED" | "RUNNING" | "COMPLETED" | "FAILED" | (string & {});

/** The values of `PingTestResult.outcome`. */
export type PingTestOutcome = "pending" | "measured" | "noResult";

/** The values of `PingStatistics.source`. */
export type StatisticsSource = "output" | "rawOutput";

/** The values of `TracerouteTestResult.outcome`. */
export type TraceOutcome = "pending" | "traced" | "noResult";

/** The values of `Traceroute.source`. */
export type TraceSource = "output" | "rawOutput" | "merged";

/** One status answer of `GET .../ping/async-operations/{task-id}`, typed. */
export interface PingTestResult {
  /** Status of the AP ping test; unknown values are passed through as sent. */
  status: PingTestStatus;
  /** True for COMPLETED and FAILED: polling can stop. */
  isTerminal: boolean;
  /**
   * What the test gave, decided once so a page need not re-derive it:
   * "pending" while it runs; "measured" when it ended with statistics of at least one
   * packet sent; "noResult" when it ended without one: FAILED, any `failReason` (the API
   * reports an unresolvable name as COMPLETED with a failReason), or nothing sent. The
   * reason is `failReason`, and the AP's own error line is `statistics?.error`.
   */
  outcome: PingTestOutcome;
  /** 0-100, or null when the API did not report it. */
  progressPercent: number | null;
  /** RFC 3339, as sent. */
  startTime: string | null;
  /** RFC 3339, as sent; set once the test ended. */
  endTime: string | null;
  /** endTime - startTime in milliseconds, from the nanosecond timestamps. */
  durationMs: number | null;
  /** Why the test ended without a result, as sent (with FAILED, and with COMPLETED when nothing was measured). */
  failReason: string | null;
  rawOutput: string | null;
  /** From `output`, or parsed from `rawOutput` when `output` is absent; null while running. */
  statistics: PingStatistics | null;
}

/** The statistics of one ping run. */
export interface PingStatistics {
  /** The name the user asked for (www.google.com), not the resolved address. */
  destination: string | null;
  resolvedIp: string | null;
  transmitted: number;
  /** Distinct replies (duplicates not counted). */
  received: number;
  lost: number;
  duplicates: number;
  /** As reported, else computed; null when no packet was sent (0% would claim a measurement). */
  lossPercent: number | null;
  /** null when no reply came back. */
  rtt: RttSummary | null;
  replies: PingReply[];
  /** Sequence numbers sent but never answered, ascending. */
  missingSequences: number[];
  /** Where the statistics were read from. */
  source: StatisticsSource;
  /** What ping reported as an error (unknown host, unreachable), if anything. */
  error: string | null;
  /** Inconsistencies found while reading, e.g. a summary that disagrees with the replies. */
  warnings: string[];
}

/** Round-trip times in milliseconds. min/avg/max as reported; the rest computed. */
export interface RttSummary {
  minMs: number;
  avgMs: number;
  maxMs: number;
  medianMs: number;
  /** Population standard deviation (ping's mdev). */
  stddevMs: number;
  /** Mean absolute difference of consecutive RTTs. */
  jitterMs: number;
}

/** One echo reply. */
export interface PingReply {
  sequence: number;
  address: string | null;
  ttl: number | null;
  timeMs: number | null;
  sizeBytes: number | null;
  /** A second reply to the same request (DUP!). */
  duplicate: boolean;
}

/**
 * One status answer of `GET .../traceroute/async-operations/{task-id}`, typed. The
 * envelope's fields mean what they mean in `PingTestResult`.
 */
export interface TracerouteTestResult {
  status: PingTestStatus;
  isTerminal: boolean;
  /**
   * "pending" while the test runs; "traced" when it ended with at least one hop;
   * "noResult" when it ended without a path: FAILED, a `failReason`, or no hop at all.
   */
  outcome: TraceOutcome;
  progressPercent: number | null;
  startTime: string | null;
  endTime: string | null;
  durationMs: number | null;
  failReason: string | null;
  /** The device's traceroute text, as sent. */
  rawOutput: string | null;
  /** From `output.hops` merged with `rawOutput`; null until either is sent (while the test runs, as a rule). */
  trace: Traceroute | null;
}

/** A path, hop by hop. */
export interface Traceroute {
  /** What was traced to. */
  destination: Destination;
  /** The most hops the trace would go (30 on Central), when known. */
  maxHops: number | null;
  /**
   * In ascending hop number, each number once; a hop missing from both the JSON
   * and the text is absent, never invented.
   */
  hops: TraceHop[];
  /**
   * Whether the destination answered: true when a hop's address is the destination's
   * (or the text says so); false when the trace ended without it (at `maxHops`, or
   * stopped by `!H`/`!N`); null when it cannot be told (no destination address known).
   */
  reached: boolean | null;
  /**
   * Where the hops were read from: "merged" is `output.hops` with hops it skipped
   * filled in from `rawOutput`.
   */
  source: TraceSource;
  /**
   * What was odd while reading: hops filled in from the text, a hop number repeated,
   * lines not understood.
   */
  warnings: string[];
}

/** The traced-to host. */
export interface Destination {
  /** The name asked for (www.google.com), when known. */
  name: string | null;
  /** Its address (`resolvedIp`, or the text's `(142.251.46.164)`), when known. */
  address: string | null;
}

/** One hop (one TTL) and its probes. Times in milliseconds. */
export interface TraceHop {
  /** 1-based TTL. */
  hop: number;
  /** In the order sent; a lost probe (`*`) has `rttMs` null. */
  probes: TraceProbe[];
  /** Lost probes over probes sent, 0-100; null for a hop with no probe listed. */
  lossPercent: number | null;
  /** Over the answered probes; null when none answered. */
  minMs: number | null;
  avgMs: number | null;
  maxMs: number | null;
  /**
   * The distinct answering addresses, in order of first answer (two for a
   * load-balanced hop).
   */
  addresses: string[];
}

/** One probe of a hop; a value the device did not give is null (never "*" or "null"). */
export interface TraceProbe {
  /** The answering address; null for a lost probe. */
  address: string | null;
  /** The answering host's name, when resolved and different from the address. */
  name: string | null;
  /** The round trip; null when lost. Windows' `<1 ms` reads as 1, annotated "<1". */
  rttMs: number | null;
  /** What the text marked on it: "!H", "!N", "!X", "!P", "!<n>", "<1"; mostly null. */
  annotation: string | null;
}
