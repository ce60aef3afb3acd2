//! The typed model the widget renders and the JS functions return.
//!
//! Numbers are numbers here (the API sends strings). Values the API reported are kept as
//! reported; what we compute (median, stddev, jitter, missing sequences) comes from the
//! replies.

use std::rc::Rc;

/// Where an asynchronous ping test is. Unknown values are kept as sent, so a status
/// Central adds later is shown rather than rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestStatus {
    /// Accepted, not yet started on the AP.
    Initiated,
    /// Packets are being sent.
    Running,
    /// Finished; `output` holds the statistics.
    Completed,
    /// Finished without a result; `failReason` says why.
    Failed,
    /// A value this version does not know.
    Other(String),
}

impl TestStatus {
    /// Reads the API's status string.
    pub fn from_api(s: &str) -> Self {
        match s {
            "INITIATED" => TestStatus::Initiated,
            "RUNNING" => TestStatus::Running,
            "COMPLETED" => TestStatus::Completed,
            "FAILED" => TestStatus::Failed,
            other => TestStatus::Other(other.to_owned()),
        }
    }

    /// The API's spelling of the status.
    pub fn as_str(&self) -> &str {
        match self {
            TestStatus::Initiated => "INITIATED",
            TestStatus::Running => "RUNNING",
            TestStatus::Completed => "COMPLETED",
            TestStatus::Failed => "FAILED",
            TestStatus::Other(s) => s,
        }
    }

    /// True once polling can stop: the test will not change any more.
    pub fn is_terminal(&self) -> bool {
        matches!(self, TestStatus::Completed | TestStatus::Failed)
    }
}

/// What a status means for the person reading it. The API reports a test that ran and
/// measured nothing (an unresolvable name) as `COMPLETED` with a `failReason`, so the
/// status alone does not say whether there is a result; this does, once, for every view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestOutcome {
    /// The test has not ended.
    Pending,
    /// The test ended with statistics of at least one packet sent.
    Measured,
    /// The test ended without a result: `FAILED`, a `failReason`, or nothing sent.
    NoResult,
}

impl TestOutcome {
    /// Decides the outcome from the status, the reason and the statistics.
    pub fn of(
        status: &TestStatus,
        fail_reason: Option<&str>,
        statistics: Option<&PingStatistics>,
    ) -> Self {
        if !status.is_terminal() {
            return TestOutcome::Pending;
        }
        let has_reason = fail_reason.is_some_and(|r| !r.trim().is_empty());
        let measured = statistics.is_some_and(|s| s.transmitted > 0);
        if *status == TestStatus::Failed || has_reason || !measured {
            TestOutcome::NoResult
        } else {
            TestOutcome::Measured
        }
    }
}

/// One status answer, typed: what the widget shows and `parsePingStatus` returns.
#[derive(Debug, Clone, PartialEq)]
pub struct PingTestResult {
    /// Where the test is.
    pub status: TestStatus,
    /// Same as `status.is_terminal()`, spelled out for JavaScript callers.
    pub is_terminal: bool,
    /// Whether the test ended with a measurement, without one, or not yet.
    pub outcome: TestOutcome,
    /// 0..=100, or `None` when the API did not say.
    pub progress_percent: Option<f64>,
    /// As sent (RFC 3339).
    pub start_time: Option<String>,
    /// As sent (RFC 3339); set once the test ended.
    pub end_time: Option<String>,
    /// `endTime - startTime` in milliseconds, computed from the nanosecond timestamps.
    pub duration_ms: Option<f64>,
    /// Why the test ended without a result, as sent (with `FAILED`, and with `COMPLETED`
    /// when nothing could be measured).
    pub fail_reason: Option<String>,
    /// The device's ping text, as sent.
    pub raw_output: Option<String>,
    /// The statistics, from `output` or else from `rawOutput`; `None` while running.
    /// Shared, so views can hold them without copying thousands of replies.
    pub statistics: Option<Rc<PingStatistics>>,
}

impl PingTestResult {
    /// How long the test has run at `now_ms` (ms since the epoch): its duration once
    /// known, else the time since `startTime`; `None` when neither can be told (no start
    /// time, or a start in the future of a wrong clock).
    pub fn elapsed_ms(&self, now_ms: f64) -> Option<f64> {
        if let Some(d) = self.duration_ms {
            return Some(d);
        }
        let start = super::timestamp::parse_rfc3339_nanos(self.start_time.as_deref()?).ok()?;
        let elapsed = now_ms - (start / 1_000_000) as f64;
        (elapsed >= 0.0).then_some(elapsed)
    }
}

/// Where [`PingStatistics`] were read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatisticsSource {
    /// The API's structured `output` object.
    Output,
    /// Ping text: the API's `rawOutput`, or text given to `parsePingOutput`.
    RawOutput,
}

/// The result of one ping run: counts, RTT summary and every reply.
#[derive(Debug, Clone, PartialEq)]
pub struct PingStatistics {
    /// The name the user asked for (`www.google.com`), not the address it resolved to.
    pub destination: Option<String>,
    /// The address the destination resolved to.
    pub resolved_ip: Option<String>,
    /// Echo requests sent.
    pub transmitted: u32,
    /// Distinct echo replies received (duplicates not counted).
    pub received: u32,
    /// `transmitted - received`.
    pub lost: u32,
    /// Duplicate replies (`DUP!`).
    pub duplicates: u32,
    /// As reported; computed from the counts when not reported; `None` when no packet was
    /// sent (a loss of 0% would claim a measurement that never happened).
    pub loss_percent: Option<f64>,
    /// `None` when no reply came back.
    pub rtt: Option<RttSummary>,
    /// Every reply, in the order received.
    pub replies: Vec<PingReply>,
    /// Sequence numbers sent but never answered, ascending.
    pub missing_sequences: MissingSequences,
    /// Where these statistics were read from.
    pub source: StatisticsSource,
    /// What ping itself reported as an error (`Name or service not known`), if anything.
    pub error: Option<String>,
    /// Inconsistencies found while reading: shown to the user, never silently fixed.
    pub warnings: Vec<String>,
}

/// Sequence numbers sent but never answered, ascending, kept as runs of consecutive ones:
/// a body may claim a million packets with one reply, and then the table, the chart and
/// the JS boundary each handle a few runs, not a million numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MissingSequences {
    /// First and last of each run, ascending, never touching.
    runs: Vec<(u32, u32)>,
    len: usize,
}

impl MissingSequences {
    /// Adds `first..=last`, after every sequence already in.
    pub fn push_run(&mut self, first: u32, last: u32) {
        debug_assert!(first <= last);
        self.len += (last - first) as usize + 1;
        match self.runs.last_mut() {
            Some(run) if run.1.checked_add(1) == Some(first) => run.1 = last,
            _ => self.runs.push((first, last)),
        }
    }

    /// How many sequences are missing.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// First and last of each run of consecutive missing sequences, ascending.
    pub fn runs(&self) -> &[(u32, u32)] {
        &self.runs
    }

    /// Whether a sequence strictly between `a` and `b` (in either order) is missing: a
    /// chart must not draw a line across it. A binary search of the runs.
    pub fn any_between(&self, a: u32, b: u32) -> bool {
        let (low, high) = (a.min(b), a.max(b));
        // The first run that ends after `low`: the gap has a lost packet if that run has
        // one below `high`.
        let i = self.runs.partition_point(|&(_, last)| last <= low);
        self.runs
            .get(i)
            .is_some_and(|&(first, _)| first.max(low.saturating_add(1)) < high)
    }

    /// Every missing sequence, ascending.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.runs.iter().flat_map(|&(first, last)| first..=last)
    }
}

/// From ascending sequences.
impl FromIterator<u32> for MissingSequences {
    fn from_iter<I: IntoIterator<Item = u32>>(sequences: I) -> Self {
        let mut missing = MissingSequences::default();
        for s in sequences {
            missing.push_run(s, s);
        }
        missing
    }
}

impl PartialEq<Vec<u32>> for MissingSequences {
    fn eq(&self, other: &Vec<u32>) -> bool {
        self.len == other.len() && self.iter().eq(other.iter().copied())
    }
}

/// Round-trip times in milliseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct RttSummary {
    /// As reported, else computed.
    pub min_ms: f64,
    /// As reported, else computed.
    pub avg_ms: f64,
    /// As reported, else computed.
    pub max_ms: f64,
    /// Computed from the replies; the reported average when no reply has a time.
    pub median_ms: f64,
    /// Population standard deviation (ping's `mdev`), computed from the replies.
    pub stddev_ms: f64,
    /// Mean absolute difference of consecutive RTTs, computed from the replies.
    pub jitter_ms: f64,
}

/// One echo reply.
#[derive(Debug, Clone, PartialEq)]
pub struct PingReply {
    /// ICMP sequence number.
    pub sequence: u32,
    /// Address the reply came from. Shared: replies nearly always come from one address,
    /// and one allocation per reply would dominate parsing 10,000 of them.
    pub address: Option<Rc<str>>,
    /// Time to live (hop limit for IPv6).
    pub ttl: Option<u32>,
    /// Round-trip time in milliseconds.
    pub time_ms: Option<f64>,
    /// Reply size in bytes.
    pub size_bytes: Option<u32>,
    /// A second reply to the same request.
    pub duplicate: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_between_finds_a_lost_sequence_strictly_inside_a_gap() {
        let missing: MissingSequences = [2, 3, 7, 100].into_iter().collect();
        for (a, b, lost) in [
            (1, 4, true),
            (4, 1, true),
            (4, 6, false),
            (4, 8, true),
            (1, 2, false),
            (0, 1, false),
            (8, 99, false),
            (99, 101, true),
            (101, u32::MAX, false),
            (5, 5, false),
        ] {
            assert_eq!(missing.any_between(a, b), lost, "between {a} and {b}");
        }
        assert!(!MissingSequences::default().any_between(0, u32::MAX));
    }
}
