//! The typed model of a traceroute and how it is read: from the API's status JSON (any
//! device family's `output.hops`), from traceroute text (the AP's BusyBox, CX, AOS-S and
//! gateways, Linux, BSD/macOS, Windows `tracert`), and the merge of the two.
//!
//! Pure Rust with no web dependency: tested natively.

pub mod model;

pub use model::{
    Destination, TraceHop, TraceOutcome, TraceProbe, TraceSource, Traceroute,
    TracerouteTestResult, MAX_HOPS, MAX_PROBES_PER_HOP,
};

use crate::error::ParseError;

// PLACEHOLDERS (being written): the signatures are final, the bodies are not.

/// Parses the 200 body of `GET …/traceroute/async-operations/{task-id}` of any device
/// family (AP, CX, AOS-S, gateway), with the same error rules as `parse_ping_status`.
pub fn parse_traceroute_status(body: &str) -> Result<TracerouteTestResult, ParseError> {
    let _ = body;
    Err(ParseError::invalid("", "the traceroute status reader is not written yet"))
}

/// Parses traceroute text (`rawOutput`, or what a user pasted).
pub fn parse_traceroute_output(text: &str) -> Result<Traceroute, ParseError> {
    let _ = text;
    Err(ParseError::invalid("", "the traceroute text reader is not written yet"))
}
