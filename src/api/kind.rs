//! A kind of AP test: one that Central runs as an asynchronous operation, started by
//! `POST {base}/network-troubleshooting/{v}/aps/{serial}/{operation}` (a 202 with the
//! task's `location`) and followed by
//! `GET …/aps/{serial}/{operation}/async-operations/{task-id}` until its status is
//! terminal. Ping ([`crate::api::ping::Ping`]) is one; the URLs, the classification of
//! answers, the polling machine and the hook (`hooks::use_test_task`) work for any.
//!
//! A new kind is one module that implements [`TestKind`] (its operation, its start body
//! and checks, its status reader and type) plus the view that renders its status.

use ap_ping_core::{ParseError, RequestError};
use std::fmt::Debug;

/// A test's status, as the polling needs it.
pub trait TestStatus: Debug + Clone + PartialEq + 'static {
    /// Whether the test has ended: no later status will differ, polling stops.
    fn is_terminal(&self) -> bool;
    /// How far the test is, 0–100, when the API says: it spaces the polls.
    fn progress_percent(&self) -> Option<f64> {
        None
    }
}

/// What a kind of test supplies. The type itself is only a name (`Ping`), so it is a
/// unit struct with the derived traits a configuration's derives ask of it.
pub trait TestKind: Debug + Clone + Copy + PartialEq + Default + 'static {
    /// The operation's path segment: `ping` in `…/aps/{serial}/ping`.
    const OPERATION: &'static str;
    /// What the page configures to start a test: the POST's body, typed.
    type Start: Debug + Clone + PartialEq + 'static;
    /// The typed status the API reports.
    type Status: TestStatus;
    /// The POST's JSON, once the request is checked against the API's limits.
    fn start_body(start: &Self::Start) -> Result<String, RequestError>;
    /// Reads a 200 status answer's body.
    fn read_status(body: &str) -> Result<Self::Status, ParseError>;
    /// How long such a test runs on the AP (ms), when it can be told from its start
    /// request: no status is asked for before then.
    fn expected_duration_ms(_start: &Self::Start) -> Option<u32> {
        None
    }
}
