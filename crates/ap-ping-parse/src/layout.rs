//! The one description of a result as JavaScript sees it: the objects `parsePingStatus`
//! and `parsePingOutput` return, the events carry and "Download JSON" saves.
//!
//! From it come the Rust writer (here, by the `crossing!` macro), and the JS reader in
//! `flat.js` and the TypeScript in `types.d.ts` (by `generate`; `scripts/generate`
//! rewrites them and a native test fails while they are stale). To add or change a field,
//! change it here and run `scripts/generate`. The kinds are explained in `describe`.

use super::describe::crossing;
use ap_ping_core::stats::{
    PingReply, PingStatistics, PingTestResult, RttSummary, StatisticsSource, TestOutcome,
};

/// The objects JavaScript is handed directly; the others are only nested in these.
pub const ENTRIES: &[&str] = &["PingTestResult", "PingStatistics"];

crossing! {
    /// One status answer of `GET .../ping/async-operations/{task-id}`, typed.
    PingTestResult as r {
        /// Status of the AP ping test; unknown values are passed through as sent.
        status: open_choice(PingTestStatus { "INITIATED", "RUNNING", "COMPLETED", "FAILED" })
            = r.status.as_str(),
        /// True for COMPLETED and FAILED: polling can stop.
        isTerminal: flag = r.is_terminal,
        /// What the test gave, decided once so a page need not re-derive it:
        /// "pending" while it runs; "measured" when it ended with statistics of at least one
        /// packet sent; "noResult" when it ended without one: FAILED, any `failReason` (the API
        /// reports an unresolvable name as COMPLETED with a failReason), or nothing sent. The
        /// reason is `failReason`, and the AP's own error line is `statistics?.error`.
        outcome: choice(PingTestOutcome {
            TestOutcome::Pending => "pending",
            TestOutcome::Measured => "measured",
            TestOutcome::NoResult => "noResult",
        }) = r.outcome,
        /// 0-100, or null when the API did not report it.
        progressPercent: number_or_null = r.progress_percent,
        /// RFC 3339, as sent.
        startTime: text_or_null = r.start_time.as_deref(),
        /// RFC 3339, as sent; set once the test ended.
        endTime: text_or_null = r.end_time.as_deref(),
        /// endTime - startTime in milliseconds, from the nanosecond timestamps.
        durationMs: number_or_null = r.duration_ms,
        /// Why the test ended without a result, as sent (with FAILED, and with COMPLETED when nothing was measured).
        failReason: text_or_null = r.fail_reason.as_deref(),
        rawOutput: text_or_null = r.raw_output.as_deref(),
        /// From `output`, or parsed from `rawOutput` when `output` is absent; null while running.
        statistics: object_or_null(PingStatistics) = r.statistics.as_deref(),
    }

    /// The statistics of one ping run.
    PingStatistics as s {
        /// The name the user asked for (www.google.com), not the resolved address.
        destination: text_or_null = s.destination.as_deref(),
        resolvedIp: text_or_null = s.resolved_ip.as_deref(),
        transmitted: number = s.transmitted,
        /// Distinct replies (duplicates not counted).
        received: number = s.received,
        lost: number = s.lost,
        duplicates: number = s.duplicates,
        /// As reported, else computed; null when no packet was sent (0% would claim a measurement).
        lossPercent: number_or_null = s.loss_percent,
        /// null when no reply came back.
        rtt: object_or_null(RttSummary) = s.rtt.as_ref(),
        replies: list(PingReply) = &s.replies,
        /// Sequence numbers sent but never answered, ascending.
        missingSequences: runs = s.missing_sequences.runs(),
        /// Where the statistics were read from.
        source: choice(StatisticsSource {
            StatisticsSource::Output => "output",
            StatisticsSource::RawOutput => "rawOutput",
        }) = s.source,
        /// What ping reported as an error (unknown host, unreachable), if anything.
        error: text_or_null = s.error.as_deref(),
        /// Inconsistencies found while reading, e.g. a summary that disagrees with the replies.
        warnings: texts = &s.warnings,
    }

    /// Round-trip times in milliseconds. min/avg/max as reported; the rest computed.
    RttSummary as t {
        minMs: number = t.min_ms,
        avgMs: number = t.avg_ms,
        maxMs: number = t.max_ms,
        medianMs: number = t.median_ms,
        /// Population standard deviation (ping's mdev).
        stddevMs: number = t.stddev_ms,
        /// Mean absolute difference of consecutive RTTs.
        jitterMs: number = t.jitter_ms,
    }

    /// One echo reply.
    PingReply as r {
        sequence: number = r.sequence,
        address: shared_text_or_null = r.address.as_ref(),
        ttl: number_or_null = r.ttl,
        timeMs: number_or_null = r.time_ms,
        sizeBytes: number_or_null = r.size_bytes,
        /// A second reply to the same request (DUP!).
        duplicate: flag = r.duplicate,
    }
}
