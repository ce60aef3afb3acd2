//! The Central API: its JSON and parse errors (from `ap-ping-core`), and the client.

pub mod client;
pub mod outcome;
pub mod start;

pub use ap_ping_core::{error, wire, ParseError};
