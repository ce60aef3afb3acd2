//! `ap-ping-widget`: follow an HPE Aruba Networking Central AP ping test in the browser.
//!
//! The crate is split the way data flows through it:
//!
//! - [`api`]: the API's JSON exactly as sent (`wire`), the errors of reading it, the kinds
//!   of test that run as start → 202 → poll (`kind`; ping's is `ping`), the client (`client`:
//!   URLs, rate limits, classification of answers into `outcome`, requests by the browser's
//!   fetch) and what a start's answer means (`start`).
//! - [`stats`]: the typed model the rest of the code uses (`PingTestResult`) and the
//!   parsers. They live in the web-free `ap-ping-core` crate, tested natively.
//! - [`poll`]: the polling state machine, for any kind of test, and `RetryPolicy`; and
//!   [`budget`]: the page's request budget (rate, requests in flight, holds, turns); and
//!   [`fleet`] and [`trace`]: the fleet run and the traceroute as their views show them.
//!   Pure, tested natively.
//! - [`hooks`]: `use_test_task` (`use_ping_task` for ping), the one place with fetches,
//!   timers and cancellation.
//! - [`words`]: the widget's texts, the page's overrides and the language's formats of
//!   numbers, times and plural forms. Below the components, above nothing but the core.
//! - [`components`]: Yew function components that render the model.
//! - [`js`]: the thin JavaScript-facing layer (`parsePingStatus`, `mountPingWidget`,
//!   `mountTracerouteWidget`).
//!
//! Each module uses only the ones listed above it. Everything but `api::client::http`,
//! `hooks`, the `Intl` calls of `words::format`, `components` and `js` is free of web
//! types, so most of the logic runs under a plain native `cargo test`. The model as JavaScript sees it (the parsers' objects, the
//! events' details, the JSON export) comes from the `ap-ping-parse` crate below them all.

pub mod api;
pub mod budget;
pub mod components;
pub mod fleet;
pub mod hooks;
pub mod js;
pub mod poll;
pub mod trace;
pub mod words;

ap_ping_parse::unless_allocator_declared! {
    /// Talc in place of the standard library's dlmalloc: 2 KB gzip smaller (bench/size.mjs).
    /// Declared here, by the crate whose module it serves (the parser module's crate
    /// declares its own); a Yew app that links this crate gets it too.
    #[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
    #[global_allocator]
    static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
}

/// The typed model and the parsers, from the web-free `ap-ping-core` crate.
pub use ap_ping_core::stats;

/// `parsePingStatus`, `parsePingOutput`, `parseTracerouteStatus` and
/// `parseTracerouteOutput`: the widget's module exports them too, so a page that embeds the
/// widget needs no second module for the numbers.
pub use ap_ping_parse::{
    parse_ping_output_js, parse_ping_status_js, parse_traceroute_output_js,
    parse_traceroute_status_js,
};
