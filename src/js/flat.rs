//! The flat form in which parse results cross into JavaScript: numbers in one `f64`
//! buffer, strings in one array, turned into objects by `build_result.js` in one call.
//! Field-by-field conversion (serde-wasm-bindgen) crosses the boundary per value and was
//! measured about 4x slower than a plain JavaScript parser; see bench/parse.mjs.

use crate::stats::{PingStatistics, PingTestResult, StatisticsSource};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/build_result.js")]
extern "C" {
    #[wasm_bindgen(js_name = buildStatistics)]
    fn build_statistics(numbers: &[f64], strings: &js_sys::Array, at: u32) -> JsValue;
    #[wasm_bindgen(js_name = buildTestResult)]
    fn build_test_result(numbers: &[f64], strings: &js_sys::Array) -> JsValue;
}

/// `PingTestResult` as a plain JS object.
pub fn test_result_to_js(result: &PingTestResult) -> JsValue {
    let mut numbers = vec![
        result.progress_percent.unwrap_or(f64::NAN),
        result.duration_ms.unwrap_or(f64::NAN),
        flag(result.is_terminal),
        flag(result.statistics.is_some()),
    ];
    let strings = js_sys::Array::new();
    strings.push(&JsValue::from_str(result.status.as_str()));
    for s in [
        &result.start_time,
        &result.end_time,
        &result.fail_reason,
        &result.raw_output,
    ] {
        strings.push(&opt_str(s));
    }
    if let Some(stats) = &result.statistics {
        write_statistics(stats, &mut numbers, &strings);
    }
    build_test_result(&numbers, &strings)
}

/// `PingStatistics` as a plain JS object.
pub fn statistics_to_js(stats: &PingStatistics) -> JsValue {
    let mut numbers = Vec::new();
    let strings = js_sys::Array::new();
    write_statistics(stats, &mut numbers, &strings);
    build_statistics(&numbers, &strings, 0)
}

fn write_statistics(stats: &PingStatistics, n: &mut Vec<f64>, s: &js_sys::Array) {
    let string_offset = s.length();
    s.push(&opt_str(&stats.destination));
    s.push(&opt_str(&stats.resolved_ip));
    s.push(&opt_str(&stats.error));
    for w in &stats.warnings {
        s.push(&JsValue::from_str(w));
    }
    let rtt = stats.rtt.as_ref();
    n.reserve(17 + 6 * stats.replies.len() + stats.missing_sequences.len());
    n.extend_from_slice(&[
        f64::from(stats.transmitted),
        f64::from(stats.received),
        f64::from(stats.lost),
        f64::from(stats.duplicates),
        stats.loss_percent,
        flag(rtt.is_some()),
        rtt.map_or(0.0, |r| r.min_ms),
        rtt.map_or(0.0, |r| r.avg_ms),
        rtt.map_or(0.0, |r| r.max_ms),
        rtt.map_or(0.0, |r| r.median_ms),
        rtt.map_or(0.0, |r| r.stddev_ms),
        rtt.map_or(0.0, |r| r.jitter_ms),
        match stats.source {
            StatisticsSource::Output => 0.0,
            StatisticsSource::RawOutput => 1.0,
        },
        stats.replies.len() as f64,
        stats.missing_sequences.len() as f64,
        stats.warnings.len() as f64,
        f64::from(string_offset),
    ]);
    // Replies nearly always come from one address: each distinct one crosses once.
    let mut addresses: Vec<&str> = Vec::new();
    for r in &stats.replies {
        let address = match r.address.as_deref() {
            None => -1.0,
            Some(a) => match addresses.iter().rposition(|known| *known == a) {
                Some(i) => i as f64,
                None => {
                    addresses.push(a);
                    s.push(&JsValue::from_str(a));
                    (addresses.len() - 1) as f64
                }
            },
        };
        n.extend_from_slice(&[
            f64::from(r.sequence),
            address,
            r.ttl.map_or(f64::NAN, f64::from),
            r.time_ms.unwrap_or(f64::NAN),
            r.size_bytes.map_or(f64::NAN, f64::from),
            flag(r.duplicate),
        ]);
    }
    n.extend(stats.missing_sequences.iter().map(|&m| f64::from(m)));
}

fn flag(b: bool) -> f64 {
    if b {
        1.0
    } else {
        0.0
    }
}

fn opt_str(s: &Option<String>) -> JsValue {
    s.as_deref().map_or(JsValue::NULL, JsValue::from_str)
}
