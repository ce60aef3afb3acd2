//! The model as JavaScript sees it: the plain objects `parsePingStatus` returns, the
//! `ping-progress`/`ping-complete` events carry and "Download JSON" saves, and how text
//! enters wasm. It depends only on the model, so the components (the JSON export) and the
//! JS-facing layer (`js`) both use it from below.
//!
//! - [`layout`]: the one description of those objects;
//! - [`describe`]: its vocabulary, and the macro that makes the writer from it;
//! - [`flat`]: the crossing itself (text in, results out), with `flat.js`;
//! - `generate` (native only): the JS reader and the TypeScript types, from [`layout`].

pub mod describe;
pub mod flat;
#[cfg(not(target_arch = "wasm32"))]
pub mod generate;
pub mod layout;
