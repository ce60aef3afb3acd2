//! The typed model the widget renders and the JS functions return.

use serde::Serialize;

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

impl Serialize for TestStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One status answer, typed: what the widget shows and `parsePingStatus` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PingTestResult {
    /// Where the test is.
    pub status: TestStatus,
    /// Same as `status.is_terminal()`, spelled out for JavaScript callers.
    pub is_terminal: bool,
    /// 0..=100, or `None` when the API did not say.
    pub progress_percent: Option<f64>,
}
