//! Starting a test: the body the widget POSTs, and what the 202 answer means. Pure, so
//! it is tested natively; the hook only sends.

use crate::api::client::{self, ApiVersion, RawAnswer};
use crate::api::outcome::{Answer, Failure, FailureKind};
use crate::api::wire::{PingStartAnswer, PingStartRequest};

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

/// The task (and its path version) from the 202 answer to the POST, or the answer it was
/// instead, classified (its outcome is [`Outcome::Failed`](crate::api::outcome::Outcome::Failed); with its waits, if it gave any).
// An `Answer` can hold a whole result, so it is large; a failed start is rare.
#[allow(clippy::result_large_err)]
pub fn started_task(answer: &RawAnswer, serial: &str) -> Result<(ApiVersion, String), Answer> {
    if answer.status == 200 || answer.status == 202 || answer.status == 201 {
        let location = PingStartAnswer::from_json(&answer.body)
            .ok()
            .and_then(|a| a.location)
            .ok_or_else(|| "the answer has no task location".to_owned());
        return location
            .and_then(|l| client::task_from_location(&l, serial))
            .map_err(|why| {
                Failure {
                    kind: FailureKind::BadResponse,
                    http_status: Some(answer.status),
                    error_code: None,
                    message: format!("The test was accepted, but {why}."),
                }
                .into()
            });
    }
    // Not a 200: a failure of some kind.
    Err(client::classify(answer))
}

/// A problem with what the page configured: shown like an API error, never retried, and
/// of the same kind as the custom element's own configuration errors.
pub fn config_failure(problem: &str) -> Failure {
    Failure {
        kind: FailureKind::Configuration,
        http_status: None,
        error_code: None,
        message: format!("Widget configuration: {problem}"),
    }
}
