//! The model as JavaScript sees it: the plain objects `parsePingStatus` returns, the
//! `ping-progress`/`ping-complete` events carry and "Download JSON" saves, and how text
//! enters wasm. It depends only on the model, so the components (the JSON export) and the
//! JS-facing layer (`js`) both use it from below.

pub mod flat;
