//! The one description of a result as JavaScript sees it: the objects `parsePingStatus`,
//! `parsePingOutput`, `parseTracerouteStatus` and `parseTracerouteOutput` return, the
//! events carry and "Download JSON" saves.
//!
//! From it come the Rust writer (here, by the `crossing!` macro), and the JS reader in
//! `flat.js` and the TypeScript in `types.d.ts` (by `generate`; `scripts/generate`
//! rewrites them and a native test fails while they are stale). To add or change a field,
//! change it here and run `scripts/generate`. The kinds are explained in `describe`.

use super::describe::crossing;
use ap_ping_core::stats::{
    PingReply, PingStatistics, PingTestResult, RttSummary, StatisticsSource, TestOutcome,
};
use ap_ping_core::traceroute::{
    Destination, TraceHop, TraceOutcome, TraceProbe, TraceSource, Traceroute, TracerouteTestResult,
};

/// The objects JavaScript is handed directly; the others are only nested in these.
pub const ENTRIES: &[&str] = &[
    "PingTestResult",
    "PingStatistics",
    "TracerouteTestResult",
    "Traceroute",
];

/// The statuses of a test of any kind (`ap_ping_core::stats::TestStatus`).
const TEST_STATUSES: &[&str] = &["INITIATED", "RUNNING", "COMPLETED", "FAILED"];

crossing! {
    /// One status answer of `GET .../ping/async-operations/{task-id}`, typed.
    PingTestResult as r {
        /// Status of the AP ping test; unknown values are passed through as sent.
        status: open_choice(PingTestStatus = TEST_STATUSES)
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

    /// One status answer of `GET .../traceroute/async-operations/{task-id}`, typed. The
    /// envelope's fields mean what they mean in `PingTestResult`.
    TracerouteTestResult as r {
        status: open_choice(PingTestStatus = TEST_STATUSES)
            = r.status.as_str(),
        isTerminal: flag = r.is_terminal,
        /// "pending" while the test runs; "traced" when it ended with at least one hop;
        /// "noResult" when it ended without a path: FAILED, a `failReason`, or no hop at all.
        outcome: choice(TraceOutcome {
            TraceOutcome::Pending => "pending",
            TraceOutcome::Traced => "traced",
            TraceOutcome::NoResult => "noResult",
        }) = r.outcome,
        progressPercent: number_or_null = r.progress_percent,
        startTime: text_or_null = r.start_time.as_deref(),
        endTime: text_or_null = r.end_time.as_deref(),
        durationMs: number_or_null = r.duration_ms,
        failReason: text_or_null = r.fail_reason.as_deref(),
        /// The device's traceroute text, as sent.
        rawOutput: text_or_null = r.raw_output.as_deref(),
        /// From `output.hops` merged with `rawOutput`; null until either is sent (while the test runs, as a rule).
        trace: object_or_null(Traceroute) = r.trace.as_deref(),
    }

    /// A path, hop by hop.
    Traceroute as t {
        /// What was traced to.
        destination: object(Destination) = &t.destination,
        /// The most hops the trace would go (30 on Central), when known.
        maxHops: number_or_null = t.max_hops,
        /// In ascending hop number, each number once; a hop missing from both the JSON
        /// and the text is absent, never invented.
        hops: list(TraceHop) = &t.hops,
        /// Whether the destination answered: true when a hop's address is the destination's
        /// (or the text says so); false when the trace ended without it (at `maxHops`, or
        /// stopped by `!H`/`!N`); null when it cannot be told (no destination address known).
        reached: flag_or_null = t.reached,
        /// Where the hops were read from: "merged" is `output.hops` with hops it skipped
        /// filled in from `rawOutput`.
        source: choice(TraceSource {
            TraceSource::Output => "output",
            TraceSource::RawOutput => "rawOutput",
            TraceSource::Merged => "merged",
        }) = t.source,
        /// What was odd while reading: hops filled in from the text, a hop number repeated,
        /// lines not understood.
        warnings: texts = &t.warnings,
    }

    /// The traced-to host.
    Destination as d {
        /// The name asked for (www.google.com), when known.
        name: text_or_null = d.name.as_deref(),
        /// Its address (`resolvedIp`, or the text's `(142.251.46.164)`), when known.
        address: text_or_null = d.address.as_deref(),
    }

    /// One hop (one TTL) and its probes. Times in milliseconds.
    TraceHop as h {
        /// 1-based TTL.
        hop: number = h.hop,
        /// In the order sent; a lost probe (`*`) has `rttMs` null.
        probes: list(TraceProbe) = &h.probes,
        /// Lost probes over probes sent, 0-100; null for a hop with no probe listed.
        lossPercent: number_or_null = h.loss_percent,
        /// Over the answered probes; null when none answered.
        minMs: number_or_null = h.min_ms,
        avgMs: number_or_null = h.avg_ms,
        maxMs: number_or_null = h.max_ms,
        /// The distinct answering addresses, in order of first answer (two for a
        /// load-balanced hop).
        addresses: texts = &h.addresses,
    }

    /// One probe of a hop; a value the device did not give is null (never "*" or "null").
    TraceProbe as p {
        /// The answering address; null for a lost probe.
        address: shared_text_or_null = p.address.as_ref(),
        /// The answering host's name, when resolved and different from the address.
        name: text_or_null = p.name.as_deref(),
        /// The round trip; null when lost. Windows' `<1 ms` reads as 1, annotated "<1".
        rttMs: number_or_null = p.rtt_ms,
        /// What the text marked on it: "!H", "!N", "!X", "!P", "!<n>", "<1"; mostly null.
        annotation: text_or_null = p.annotation.as_deref(),
    }
}
