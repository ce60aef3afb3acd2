//! The Central API as it is on the wire, and the errors of reading it.

pub mod client;
pub mod error;
pub mod wire;

pub use error::ParseError;
