//! The Central API: its JSON and parse errors (from `ap-ping-core`), the kinds of test
//! (`kind`; ping's, `ping`, and traceroute's, `traceroute`), the client, and what answers mean (`outcome`, `start`).

pub mod client;
pub mod kind;
pub mod outcome;
pub mod ping;
pub mod start;
pub mod traceroute;

pub use ap_ping_core::{error, wire, ParseError, RequestError};
