//! The typed model of a traceroute: what the widget renders and `parseTracerouteStatus` /
//! `parseTracerouteOutput` return. Numbers are numbers (the API sends `"33.799 ms"`), a
//! missing value is `None` (the API sends `"*"`, `"null"`, nothing or JSON `null`).

use crate::stats::TestStatus;
use std::rc::Rc;

/// Central's traceroute runs at most this many hops (the AP's fixed `30 hops max`); text
/// may claim up to 255 (`traceroute -m 255`), the bound of what is read.
pub const MAX_HOPS: u32 = 255;
/// Probes read per hop: Central sends 3; `traceroute -q 10` is the most seen in practice.
pub const MAX_PROBES_PER_HOP: usize = 10;

/// One status answer of `GET …/traceroute/async-operations/{task-id}`, typed.
#[derive(Debug, Clone, PartialEq)]
pub struct TracerouteTestResult {
    /// Where the test is (the same statuses as ping's).
    pub status: TestStatus,
    /// Same as `status.is_terminal()`.
    pub is_terminal: bool,
    /// Whether the trace ended with hops, without, or not yet.
    pub outcome: TraceOutcome,
    /// 0..=100, or `None` when the API did not say.
    pub progress_percent: Option<f64>,
    /// As sent (RFC 3339).
    pub start_time: Option<String>,
    /// As sent (RFC 3339); set once the test ended.
    pub end_time: Option<String>,
    /// `endTime - startTime` in milliseconds.
    pub duration_ms: Option<f64>,
    /// Why the test ended without a result, as sent.
    pub fail_reason: Option<String>,
    /// The device's traceroute text, as sent.
    pub raw_output: Option<String>,
    /// The path, from `output.hops` merged with `rawOutput`; `None` until either is sent
    /// (while running, as a rule).
    pub trace: Option<Rc<Traceroute>>,
}

/// What a traceroute status means for its reader, decided once (as ping's `TestOutcome`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraceOutcome {
    /// The test has not ended.
    Pending,
    /// Ended with at least one hop.
    Traced,
    /// Ended without a path: `FAILED`, a `failReason`, or no hop at all.
    NoResult,
}

impl TraceOutcome {
    /// Decides the outcome from the status, the reason and the trace, as ping's
    /// `TestOutcome::of` does.
    pub fn of(status: &TestStatus, fail_reason: Option<&str>, trace: Option<&Traceroute>) -> Self {
        if !status.is_terminal() {
            return TraceOutcome::Pending;
        }
        let has_reason = fail_reason.is_some_and(|r| !r.trim().is_empty());
        let traced = trace.is_some_and(|t| !t.hops.is_empty());
        if *status == TestStatus::Failed || has_reason || !traced {
            TraceOutcome::NoResult
        } else {
            TraceOutcome::Traced
        }
    }
}

/// Where a [`Traceroute`] was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraceSource {
    /// `output.hops` alone.
    Output,
    /// Traceroute text alone (`rawOutput`, or text a user pasted).
    RawOutput,
    /// `output.hops`, with hops it skipped filled in from `rawOutput`.
    Merged,
}

/// A path, hop by hop.
#[derive(Debug, Clone, PartialEq)]
pub struct Traceroute {
    /// What was traced to.
    pub destination: Destination,
    /// The most hops the trace would go (30 on Central), when known.
    pub max_hops: Option<u32>,
    /// Hops in ascending number, each number once; a number missing from both accounts is
    /// absent (never invented).
    pub hops: Vec<TraceHop>,
    /// Whether the destination answered: `Some(true)` when the last answering hop has the
    /// destination's address; `Some(false)` when the trace ended without it (the test's
    /// status is terminal, the last hop is `max_hops`, Windows' `Trace complete.`) and the
    /// address is known, or it stopped at a `!H`/`!N`/`!X`/`!P`/`!<n>` mark; `None` when
    /// it cannot be told (no destination address known, or text cut short).
    pub reached: Option<bool>,
    /// Where the hops were read from.
    pub source: TraceSource,
    /// What was odd while reading (hops filled in from the text, a hop number repeated,
    /// lines not understood, a body claiming more than is read).
    pub warnings: Vec<String>,
}

/// The traced-to host.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Destination {
    /// The name asked for (`www.google.com`), when known.
    pub name: Option<String>,
    /// Its address (`resolvedIp`, or the text's `(142.251.46.164)`), when known.
    pub address: Option<String>,
}

/// One hop (one TTL) and its probes.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceHop {
    /// 1-based TTL.
    pub hop: u32,
    /// In the order sent; a lost probe (`*`) is a probe with `rtt_ms: None`.
    pub probes: Vec<TraceProbe>,
    /// Lost probes over probes sent, 0–100; `None` for a hop with no probe listed.
    pub loss_percent: Option<f64>,
    /// Over the answered probes; `None` when none answered.
    pub min_ms: Option<f64>,
    /// See `min_ms`.
    pub avg_ms: Option<f64>,
    /// See `min_ms`.
    pub max_ms: Option<f64>,
    /// The distinct answering addresses, in order of first answer (two for a
    /// load-balanced hop).
    pub addresses: Vec<Rc<str>>,
}

/// One probe of a hop.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceProbe {
    /// The answering address; `None` for a lost probe (or when only a name was given).
    pub address: Option<Rc<str>>,
    /// The answering host's name, when resolved and different from the address.
    pub name: Option<Rc<str>>,
    /// The round trip in ms; `None` when lost. Windows' `<1 ms` reads as 1, with the
    /// annotation `<1`.
    pub rtt_ms: Option<f64>,
    /// What the text marked on it: `!H`, `!N`, `!X`, `!P`, `!<n>`, `<1`; `None` mostly.
    pub annotation: Option<Rc<str>>,
}
