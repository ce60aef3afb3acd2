//! `ap-ping-widget`: follow an HPE Aruba Networking Central AP ping test in the browser.
//!
//! The crate is split the way data flows through it:
//!
//! - [`api`]: the API's JSON exactly as sent (`wire`) and the errors of reading it.
//! - [`stats`]: the typed model the rest of the code uses (`PingTestResult`) and the
//!   conversion from the wire types. Pure Rust, tested natively.
//! - [`components`]: Yew function components that render the model.
//! - [`js`]: the thin JavaScript-facing layer (`parsePingStatus`, `mountPingWidget`).
//!
//! Everything outside `components` and `js` is free of web types, so most of the logic
//! runs under a plain native `cargo test`.

pub mod api;
pub mod components;
pub mod hooks;
pub mod js;
pub mod poll;
pub mod stats;
