//! `ap-ping-core`: the pure logic of ap-ping-widget, with no web dependency.
//!
//! - [`wire`]: the API's JSON, field for field, and [`error`]: why a body could not be read.
//! - [`stats`]: the typed model (`PingTestResult`, `PingStatistics`) and how it is read,
//!   from the API's JSON or from ping text.
//!
//! It is its own crate so that the release build can optimize it for speed (the parsers
//! are hot) while the widget around it is optimized for size: generic serde code is
//! compiled in the crate that uses it, so only a crate boundary can do that.

pub mod error;
pub mod stats;
pub mod wire;

pub use error::ParseError;
