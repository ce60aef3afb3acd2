//! `ap-ping-widget`: follow an HPE Aruba Networking Central AP ping test in the browser.
//!
//! The crate is split the way data flows through it:
//!
//! - [`api`]: the API's JSON exactly as sent (`wire`), the errors of reading it, the
//!   client (URLs, classification of answers into `outcome`, gloo-net requests) and the
//!   start request (`start`).
//! - [`stats`]: the typed model the rest of the code uses (`PingTestResult`) and the
//!   parsers. They live in the web-free `ap-ping-core` crate, tested natively.
//! - [`poll`]: the polling state machine and `RetryPolicy`. Pure, tested natively.
//! - [`hooks`]: `use_ping_task`, the one place with fetches, timers and cancellation.
//! - [`js_shape`]: the model as the plain JS objects the parsers return and the events
//!   carry (used by the components' JSON export and by `js`).
//! - [`components`]: Yew function components that render the model.
//! - [`js`]: the thin JavaScript-facing layer (`parsePingStatus`, `mountPingWidget`).
//!
//! Each module uses only the ones listed above it. Everything but `api::client::http`,
//! `hooks`, `js_shape`, `components` and `js` is free of web types, so most of the logic
//! runs under a plain native `cargo test`.

pub mod api;
pub mod components;
pub mod hooks;
pub mod js;
pub mod js_shape;
pub mod poll;

/// The typed model and the parsers, from the web-free `ap-ping-core` crate.
pub use ap_ping_core::stats;
