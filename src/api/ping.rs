//! The AP ping test as a [`TestKind`]: `…/aps/{serial}/ping`, its start request (checked
//! by `PingStartRequest::check`), its status (`PingTestResult`, read by
//! `parse_ping_status`).

use crate::api::kind::{TestKind, TestStatus};
use crate::api::wire::PingStartRequest;
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
        let body = start.to_wire();
        body.check()?;
        Ok(body.to_json())
    }

    fn read_status(body: &str) -> Result<PingTestResult, ParseError> {
        parse_ping_status(body)
    }
}

impl TestStatus for PingTestResult {
    fn is_terminal(&self) -> bool {
        self.is_terminal
    }
}

/// The body of the POST that starts a test, when the widget starts it itself. Checked
/// against the API's limits (`PingStartRequest::check`) before it is sent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StartRequest {
    /// Hostname or IP address to ping.
    pub destination: String,
    /// Echo requests to send (1-100).
    pub count: Option<u32>,
    /// Payload size in bytes (10-2000).
    pub packet_size: Option<u32>,
    /// VLAN to ping from (1-4095).
    pub vlan: Option<u32>,
    /// Interface to ping from, e.g. `eth0`.
    pub interface_port: Option<String>,
    /// Role to ping as.
    pub role: Option<String>,
    /// Whether the AP's ping text (`rawOutput`) comes back too.
    pub include_raw_output: Option<bool>,
}

impl StartRequest {
    /// The body as the API reads it.
    pub fn to_wire(&self) -> PingStartRequest<'_> {
        PingStartRequest {
            destination: &self.destination,
            count: self.count,
            packet_size: self.packet_size,
            vlan: self.vlan,
            interface_port: self.interface_port.as_deref(),
            role: self.role.as_deref(),
            include_raw_output: self.include_raw_output,
        }
    }
}
