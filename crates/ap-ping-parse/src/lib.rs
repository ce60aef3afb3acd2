//! `ap-ping-parse`: the parsers for JavaScript, `parsePingStatus`, `parsePingOutput`,
//! `parseTracerouteStatus` and `parseTracerouteOutput`, and the model as JavaScript sees it. Its own wasm module (`dist/ap-ping-parse.js`),
//! built for speed, serves pages that want only the numbers; the widget uses it too,
//! for its events and its JSON export.
//!
//! - [`layout`]: the one description of the objects JavaScript is given;
//! - [`describe`]: its vocabulary, and the macro that makes the writer from it;
//! - [`flat`]: the crossing itself (text in, results out), with `flat.js`;
//! - `generate` (native only): the JS reader and the TypeScript types, from [`layout`].
//!
//! The functions below only convert: JS value in, the `ap-ping-core` parser, plain JS
//! object out, and a JS `Error` (never a panic, never `undefined`) whose message names the
//! field path.

pub mod describe;
pub mod flat;
#[cfg(not(target_arch = "wasm32"))]
pub mod generate;
pub mod layout;

use ap_ping_core::error::ParseError;
use ap_ping_core::stats::{parse_ping_output, parse_ping_status};
use ap_ping_core::traceroute::{parse_traceroute_output, parse_traceroute_status};
use wasm_bindgen::prelude::*;

/// Talc in place of the standard library's dlmalloc: 2 KB gzip smaller, and faster
/// (bench/size.mjs, bench/parse.mjs). This crate declares it for its own module only
/// (the `allocator` feature, on by default); the widget declares its own.
#[cfg(all(
    feature = "allocator",
    target_family = "wasm",
    not(target_feature = "atomics")
))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Expands to what it is given unless this crate declares the global allocator itself.
///
/// A crate that links this one into a wasm module of its own declares its allocator in
/// it. With this crate's `allocator` feature off, as that crate asks, that is the only
/// declaration. In a build that also selects this crate (`cargo test -p ap-ping-widget -p
/// ap-ping-parse`), Cargo unifies the features and this crate declares one too: two
/// would not link, so the other crate's expands to nothing and both use this one, the
/// same talc. Which is why this is not a feature of the other crate's.
#[cfg(feature = "allocator")]
#[macro_export]
macro_rules! unless_allocator_declared {
    ($($item:item)*) => {};
}

/// See the other definition: this crate declares no allocator, so the items stand.
#[cfg(not(feature = "allocator"))]
#[macro_export]
macro_rules! unless_allocator_declared {
    ($($item:item)*) => { $($item)* };
}

/// The types of the objects, generated from `layout.rs`.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("types.d.ts");

/// Parses the 200 body of the ping status endpoint (JSON text, or an object from
/// `await response.json()`). Throws an `Error` naming the field path on bad input.
#[wasm_bindgen(js_name = parsePingStatus, unchecked_return_type = "PingTestResult")]
pub fn parse_ping_status_js(
    #[wasm_bindgen(unchecked_param_type = "string | object")] body: JsValue,
) -> Result<JsValue, JsError> {
    let result = parse_js(&body_text(body)?, parse_ping_status, STATUS_EXPECTED)?;
    Ok(flat::test_result_to_js(&result))
}

/// Parses ping text: the `rawOutput` field, or any ping output a user pastes
/// (BusyBox, BSD/macOS, Linux iputils). Throws an `Error` when there is no ping in it.
#[wasm_bindgen(js_name = parsePingOutput, unchecked_return_type = "PingStatistics")]
pub fn parse_ping_output_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsError> {
    let stats = parse_js(&text, parse_ping_output, "the ping output as a string")?;
    Ok(flat::statistics_to_js(&stats))
}

/// Parses the 200 body of the traceroute status endpoint of any device family (JSON text,
/// or an object from `await response.json()`). Throws an `Error` naming the field path on
/// bad input.
#[wasm_bindgen(js_name = parseTracerouteStatus, unchecked_return_type = "TracerouteTestResult")]
pub fn parse_traceroute_status_js(
    #[wasm_bindgen(unchecked_param_type = "string | object")] body: JsValue,
) -> Result<JsValue, JsError> {
    let result = parse_js(&body_text(body)?, parse_traceroute_status, STATUS_EXPECTED)?;
    Ok(flat::traceroute_result_to_js(&result))
}

/// Parses traceroute text: the `rawOutput` field, or what a user pastes (the AP's, CX,
/// AOS-S and gateways', Linux, BSD/macOS, Windows `tracert`). Throws an `Error` naming the
/// line when there is no traceroute in it.
#[wasm_bindgen(js_name = parseTracerouteOutput, unchecked_return_type = "Traceroute")]
pub fn parse_traceroute_output_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsError> {
    let trace = parse_js(
        &text,
        parse_traceroute_output,
        "the traceroute output as a string",
    )?;
    Ok(flat::trace_to_js(&trace))
}

const STATUS_EXPECTED: &str = "the response body as a JSON string or an object";

/// A status body as JSON text: an already parsed body (an object) is read back from its
/// JSON, through the same checks as the text.
fn body_text(body: JsValue) -> Result<JsValue, JsError> {
    if !body.is_object() {
        return Ok(body);
    }
    js_sys::JSON::stringify(&body)
        .map(JsValue::from)
        .map_err(|_| JsError::new("the body object cannot be serialized to JSON"))
}

/// Runs `parse` on the text of a JS string; either failure becomes a JS `Error`, one that
/// says what was `expected` when `text` is no string.
fn parse_js<T>(
    text: &JsValue,
    parse: fn(&str) -> Result<T, ParseError>,
    expected: &str,
) -> Result<T, JsError> {
    flat::with_text_from_js(text, parse)
        .map_err(|e| JsError::new(&e.message(expected)))?
        .map_err(|e| JsError::new(&e.to_string()))
}
