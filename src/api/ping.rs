//! The AP ping test as a [`TestKind`]: `…/aps/{serial}/ping`, its start request (checked
//! by `PingStartRequest::check`), its status (`PingTestResult`, read by
//! `parse_ping_status`).

use crate::api::kind::{TestKind, TestStatus};
use crate::stats::{parse_ping_status, PingTestResult};
use ap_ping_core::{ParseError, RequestError};

/// The ping test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ping;

impl TestKind for Ping {
    const OPERATION: &'static str = ap_ping_core::paths::PING;
    type Start = StartRequest;
    type Status = PingTestResult;

    #[inline(always)] // into the hook, its one caller: fewer bytes
    fn start_body(start: &StartRequest) -> Result<String, RequestError> {
        let body = start.as_request();
        body.check()?;
        Ok(body.to_json())
    }

    fn read_status(body: &str) -> Result<PingTestResult, ParseError> {
        parse_ping_status(body)
    }

    /// An AP sends one packet a second; `count` of them (5 when it is not given: the API's
    /// description names no default, and 5 is what mock-central and an AP's ping send).
    fn expected_duration_ms(start: &StartRequest) -> Option<u32> {
        Some(start.count.unwrap_or(DEFAULT_COUNT).saturating_mul(1000))
    }
}

/// Packets a test sends when the start request does not say.
pub const DEFAULT_COUNT: u32 = 5;

impl TestStatus for PingTestResult {
    fn is_terminal(&self) -> bool {
        self.is_terminal
    }

    fn progress_percent(&self) -> Option<f64> {
        self.progress_percent
    }
}

/// The body of the POST that starts a test, when the widget starts it itself: the core's
/// one owned start request (which mock-central and central-proxy read back too), checked
/// against the API's limits (`PingStartRequest::check`) before it is sent.
pub use ap_ping_core::wire::PingStartBody as StartRequest;
