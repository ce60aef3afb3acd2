//! Parsing functions exported to JavaScript: `parsePingStatus` and `parsePingOutput`.
//!
//! They only convert: JS value in, the [`crate::stats`] parser, plain JS object out, and
//! a JS `Error` (never a panic, never `undefined`) whose message names the field path.

use crate::js_shape::flat;
use crate::stats::{parse_ping_output, parse_ping_status};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Status of an AP ping test; unknown values are passed through as sent. */
export type PingTestStatus = "INITIATED" | "RUNNING" | "COMPLETED" | "FAILED" | (string & {});

/** See `PingTestResult.outcome`. */
export type PingTestOutcome = "pending" | "measured" | "noResult";

/** One status answer of `GET .../ping/async-operations/{task-id}`, typed. */
export interface PingTestResult {
  status: PingTestStatus;
  /** True for COMPLETED and FAILED: polling can stop. */
  isTerminal: boolean;
  /**
   * What the test gave, decided once so a page need not re-derive it:
   * "pending" while it runs; "measured" when it ended with statistics of at least one
   * packet sent; "noResult" when it ended without one: FAILED, any `failReason` (the API
   * reports an unresolvable name as COMPLETED with a failReason), or nothing sent. The
   * reason is `failReason`, and the AP's own error line is `statistics?.error`.
   */
  outcome: PingTestOutcome;
  /** 0-100, or null when the API did not report it. */
  progressPercent: number | null;
  /** RFC 3339, as sent. */
  startTime: string | null;
  /** RFC 3339, as sent; set once the test ended. */
  endTime: string | null;
  /** endTime - startTime in milliseconds, from the nanosecond timestamps. */
  durationMs: number | null;
  /** Why the test ended without a result, as sent (with FAILED, and with COMPLETED when nothing was measured). */
  failReason: string | null;
  rawOutput: string | null;
  /** From `output`, or parsed from `rawOutput` when `output` is absent; null while running. */
  statistics: PingStatistics | null;
}

/** Round-trip times in milliseconds. min/avg/max as reported; the rest computed. */
export interface RttSummary {
  minMs: number;
  avgMs: number;
  maxMs: number;
  medianMs: number;
  /** Population standard deviation (ping's mdev). */
  stddevMs: number;
  /** Mean absolute difference of consecutive RTTs. */
  jitterMs: number;
}

/** One echo reply. */
export interface PingReply {
  sequence: number;
  address: string | null;
  ttl: number | null;
  timeMs: number | null;
  sizeBytes: number | null;
  /** A second reply to the same request (DUP!). */
  duplicate: boolean;
}

/** The statistics of one ping run. */
export interface PingStatistics {
  /** The name the user asked for (www.google.com), not the resolved address. */
  destination: string | null;
  resolvedIp: string | null;
  transmitted: number;
  /** Distinct replies (duplicates not counted). */
  received: number;
  lost: number;
  duplicates: number;
  /** As reported, else computed; null when no packet was sent (0% would claim a measurement). */
  lossPercent: number | null;
  /** null when no reply came back. */
  rtt: RttSummary | null;
  replies: PingReply[];
  /** Sequence numbers sent but never answered, ascending. */
  missingSequences: number[];
  source: "output" | "rawOutput";
  /** What ping reported as an error (unknown host, unreachable), if anything. */
  error: string | null;
  /** Inconsistencies found while reading, e.g. a summary that disagrees with the replies. */
  warnings: string[];
}
"#;

/// Parses the 200 body of the status endpoint (JSON text, or an object from
/// `await response.json()`). Throws an `Error` naming the field path on bad input.
#[wasm_bindgen(js_name = parsePingStatus, unchecked_return_type = "PingTestResult")]
pub fn parse_ping_status_js(
    #[wasm_bindgen(unchecked_param_type = "string | object")] body: JsValue,
) -> Result<JsValue, JsError> {
    let text = if body.is_object() {
        // An already parsed body is read back from its JSON, through the same checks.
        js_sys::JSON::stringify(&body)
            .map_err(|_| JsError::new("the body object cannot be serialized to JSON"))?
            .into()
    } else {
        body
    };
    let result = flat::with_text_from_js(&text, parse_ping_status)
        .map_err(|e| JsError::new(&e.message("the response body as a JSON string or an object")))?;
    let result = result.map_err(|e| JsError::new(&e.to_string()))?;
    Ok(flat::test_result_to_js(&result))
}

/// Parses ping text: the `rawOutput` field, or any ping output a user pastes
/// (BusyBox, BSD/macOS, Linux iputils). Throws an `Error` when there is no ping in it.
#[wasm_bindgen(js_name = parsePingOutput, unchecked_return_type = "PingStatistics")]
pub fn parse_ping_output_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsError> {
    let stats = flat::with_text_from_js(&text, parse_ping_output)
        .map_err(|e| JsError::new(&e.message("the ping output as a string")))?
        .map_err(|e| JsError::new(&e.to_string()))?;
    Ok(flat::statistics_to_js(&stats))
}
