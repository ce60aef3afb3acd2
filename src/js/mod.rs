//! The JavaScript-facing layer: converts JS values and delegates. No logic lives here.

pub mod embed;
