//! Parsing functions exported to JavaScript.

use crate::stats::parse_ping_status;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Status of an AP ping test; unknown values are passed through as sent. */
export type PingTestStatus = "INITIATED" | "RUNNING" | "COMPLETED" | "FAILED" | (string & {});

/** One status answer of `GET .../ping/async-operations/{task-id}`, typed. */
export interface PingTestResult {
  status: PingTestStatus;
  /** True for COMPLETED and FAILED: polling can stop. */
  isTerminal: boolean;
  /** 0-100, or null when the API did not report it. */
  progressPercent: number | null;
}
"#;

/// Parses the 200 body of the status endpoint (JSON text, or an object from
/// `await response.json()`). Throws an `Error` naming the field path on bad input.
#[wasm_bindgen(js_name = parsePingStatus, unchecked_return_type = "PingTestResult")]
pub fn parse_ping_status_js(
    #[wasm_bindgen(unchecked_param_type = "string | object")] body: JsValue,
) -> Result<JsValue, JsError> {
    let text = body_text(&body)?;
    let result = parse_ping_status(&text).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&result)
}

/// The body as JSON text: strings are taken as they are, objects are serialized.
fn body_text(body: &JsValue) -> Result<String, JsError> {
    if let Some(s) = body.as_string() {
        return Ok(s);
    }
    if body.is_object() {
        return js_sys::JSON::stringify(body)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| JsError::new("the body object cannot be serialized to JSON"));
    }
    Err(JsError::new(
        "expected the response body as a JSON string or an object",
    ))
}

/// Converts a model value to a plain JS object (`null` for `None`, objects for maps).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}
