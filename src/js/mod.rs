//! The JavaScript-facing layer: reads what a page passes, delegates, and tells the page
//! what happened. Its one decision of its own is refusing an option it cannot take (a
//! wrong type, an unknown name, a value under its minimum such as `pollIntervalMs: 100`):
//! `invalid widget options: …`, which the element reports as a `ping-error` of kind
//! `configuration`. Nothing is raised or lowered silently.
//!
//! - `options`: the options, described once, and their reader;
//! - `events`: the DOM events, and the error kinds' names, described once;
//! - `embed`: `mountPingWidget`, its handle and the custom element (`element.js`);
//! - `budget`: `configureRequestBudget`, the page's request budget;
//! - `generate` (native only): the TypeScript, the element's attributes and the README's
//!   tables, from those descriptions.

pub mod budget;
pub mod embed;
pub mod events;
#[cfg(not(target_arch = "wasm32"))]
pub mod generate;
pub mod options;
