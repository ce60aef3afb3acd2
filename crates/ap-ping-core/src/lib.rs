//! `ap-ping-core`: the pure logic of ap-ping-widget, with no web dependency.
//!
//! - [`wire`]: the API's JSON, field for field, read by [`json`]'s small strict reader,
//!   the start requests of ping and traceroute, and [`error`]: why a body could not be read.
//! - [`stats`]: the typed model (`PingTestResult`, `PingStatistics`) and how it is read,
//!   from the API's JSON or from ping text.
//! - [`fleet`]: the fleet view's pure logic: the list of APs, its filter, each AP's
//!   figures, the verdict and the CSV.
//! - [`traceroute`]: the typed path (`TracerouteTestResult`, `Traceroute`, `TraceHop`) and
//!   how it is read: from any device family's status JSON, from traceroute text of
//!   devices and operating systems, and the two merged.
//!
//! It is its own crate so that the release build can optimize it for speed (the parsers
//! are hot) while the widget around it is optimized for size.

pub mod csv;
pub mod decimal;
pub mod error;
pub mod fleet;
pub mod json;
pub mod paths;
pub mod stats;
pub mod traceroute;
pub mod wire;

#[cfg(test)]
mod test_support;

pub use error::{ListingError, ParseError, RequestError};
