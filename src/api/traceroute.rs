//! The AP traceroute as a [`TestKind`]: `…/aps/{serial}/traceroute`, its start request
//! (`TracerouteStartBody`, checked by its `check`), its status (`TracerouteTestResult`,
//! read by `parse_traceroute_status`). How long a trace runs cannot be told from its
//! start (a path that ends early takes seconds, one to an unreachable host runs to hop
//! 30 and minutes), so the polls are spaced by its progress alone.

use crate::api::kind::{TestKind, TestStatus};
use ap_ping_core::traceroute::{parse_traceroute_status, TracerouteTestResult};
use ap_ping_core::{ParseError, RequestError};

/// The traceroute test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Traceroute;

impl TestKind for Traceroute {
    const OPERATION: &'static str = ap_ping_core::paths::TRACEROUTE;
    type Start = TraceStartRequest;
    type Status = TracerouteTestResult;

    #[inline(always)] // into the hook, its one caller: fewer bytes
    fn start_body(start: &TraceStartRequest) -> Result<String, RequestError> {
        start.check()?;
        Ok(start.to_json())
    }

    fn read_status(body: &str) -> Result<TracerouteTestResult, ParseError> {
        parse_traceroute_status(body)
    }
}

impl TestStatus for TracerouteTestResult {
    fn is_terminal(&self) -> bool {
        self.is_terminal
    }

    fn progress_percent(&self) -> Option<f64> {
        self.progress_percent
    }
}

/// The body of the POST that starts a trace: the core's one owned start body, checked
/// against the API's rules before it is sent.
pub use ap_ping_core::wire::TracerouteStartBody as TraceStartRequest;
