// Generated from crates/ap-ping-parse/src/layout.rs by scripts/generate: do not edit.

/** The values of `PingTestResult.status`. */
export type PingTestStatus = "INITIATED" | "RUNNING" | "COMPLETED" | "FAILED" | (string & {});

/** The values of `PingTestResult.outcome`. */
export type PingTestOutcome = "pending" | "measured" | "noResult";

/** The values of `PingStatistics.source`. */
export type StatisticsSource = "output" | "rawOutput";

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
