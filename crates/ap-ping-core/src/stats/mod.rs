//! The typed model of a ping test and how it is read: from the API's JSON (`from_wire`) or
//! from ping text (`raw_text`), both cross-checked and completed in one place (`derive`).
//!
//! Pure Rust with no web dependency: everything here is tested with native `cargo test`.

pub mod derive;
pub mod from_wire;
pub mod model;
pub mod order;
pub mod raw_text;
pub mod text;
pub mod timestamp;

pub use from_wire::{parse_ping_output, parse_ping_status};
pub use model::{
    MissingSequences, PingReply, PingStatistics, PingTestResult, RttSummary, StatisticsSource,
    TestOutcome, TestStatus,
};
