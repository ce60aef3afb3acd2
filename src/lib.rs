//! `ap-ping-widget`: follow an HPE Aruba Networking Central AP ping test in the browser.
//!
//! The crate is split the way data flows through it:
//!
//! - [`api`]: the API's JSON exactly as sent (`wire`), the errors of reading it, and the
//!   client (URLs, classification of answers, gloo-net requests).
//! - [`stats`]: the typed model the rest of the code uses (`PingTestResult`) and the
//!   parsers. They live in the web-free `ap-ping-core` crate, tested natively.
//! - [`poll`]: the polling state machine and `RetryPolicy`. Pure, tested natively.
//! - [`hooks`]: `use_ping_task`, the one place with fetches, timers and cancellation.
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

/// The typed model and the parsers, from the web-free `ap-ping-core` crate.
pub use ap_ping_core::stats;
