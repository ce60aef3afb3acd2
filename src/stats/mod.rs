//! The typed model of a ping test and its conversion from the wire types.
//!
//! Pure Rust with no web dependency: everything here is tested with native `cargo test`.

pub mod from_wire;
pub mod model;

pub use from_wire::parse_ping_status;
pub use model::{PingTestResult, TestStatus};
