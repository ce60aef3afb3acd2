//! The typed model of a traceroute and how it is read: from the API's status JSON (any
//! device family's `output.hops`), from traceroute text (the AP's BusyBox, CX, AOS-S and
//! gateways, Linux, BSD/macOS, Windows `tracert`), and the merge of the two.
//!
//! Pure Rust with no web dependency: tested natively.

mod derive;
mod from_wire;
pub mod model;
mod text;

pub use from_wire::{parse_traceroute_status, MAX_TRACE_BODY_BYTES};
pub use model::{
    Destination, TraceHop, TraceOutcome, TraceProbe, TraceSource, Traceroute, TracerouteTestResult,
    MAX_HOPS, MAX_PROBES_PER_HOP,
};
pub use text::MAX_TRACE_TEXT_BYTES;

use crate::error::ParseError;

/// Parses traceroute text (`rawOutput`, or what a user pasted).
pub fn parse_traceroute_output(text: &str) -> Result<Traceroute, ParseError> {
    text::parse_traceroute_text(text)
}
