//! The wasm/JS boundary, round trip: a result with every field set to a distinct value
//! (every null variant, several reply addresses, warnings and non-ASCII text) crosses
//! through `flat` and must arrive as exactly the object `parsePingStatus`
//! documents, and a traceroute as `parseTracerouteStatus` does. A drift names the field.
#![cfg(target_arch = "wasm32")]

use ap_ping_core::stats::{
    PingReply, PingStatistics, PingTestResult, RttSummary, StatisticsSource, TestOutcome,
    TestStatus,
};
use ap_ping_core::traceroute::{
    Destination, TraceHop, TraceOutcome, TraceProbe, TraceSource, Traceroute, TracerouteTestResult,
};
use ap_ping_parse::flat::{
    statistics_to_js, test_result_to_js, trace_to_js, traceroute_result_to_js,
};
use serde_json::{json, Value};
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The JS value as JSON (NaN would become null, which the layout uses for "none").
fn as_json(value: &wasm_bindgen::JsValue) -> Value {
    let text = js_sys::JSON::stringify(value).unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The first path where `got` differs from `want`, with both values.
fn drift(path: &str, got: &Value, want: &Value) -> Option<String> {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            let mut keys: Vec<&String> = g.keys().chain(w.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| {
                let missing = Value::String("<missing>".into());
                drift(
                    &format!("{path}.{k}"),
                    g.get(k).unwrap_or(&missing),
                    w.get(k).unwrap_or(&missing),
                )
            })
        }
        (Value::Array(g), Value::Array(w)) if g.len() == w.len() => g
            .iter()
            .zip(w)
            .enumerate()
            .find_map(|(i, (g, w))| drift(&format!("{path}[{i}]"), g, w)),
        _ if got == want => None,
        _ => Some(format!("{path}: got {got}, expected {want}")),
    }
}

fn assert_crosses_as(value: &wasm_bindgen::JsValue, want: Value) {
    if let Some(d) = drift("result", &as_json(value), &want) {
        panic!("the boundary layout drifted at {d}");
    }
}

fn reply(sequence: u32, address: Option<&str>, n: Option<u32>, duplicate: bool) -> PingReply {
    PingReply {
        sequence,
        address: address.map(Rc::from),
        ttl: n.map(|n| 100 + n),
        time_ms: n.map(|n| f64::from(n) + 0.25),
        size_bytes: n.map(|n| 1000 + n),
        duplicate,
    }
}

fn full_statistics() -> PingStatistics {
    PingStatistics {
        destination: Some("dést.example".into()),
        resolved_ip: None,
        transmitted: 7,
        received: 5,
        lost: 2,
        duplicates: 1,
        loss_percent: Some(28.5),
        rtt: Some(RttSummary {
            min_ms: 1.5,
            avg_ms: 2.5,
            max_ms: 3.5,
            median_ms: 2.25,
            stddev_ms: 0.75,
            jitter_ms: 0.125,
        }),
        replies: vec![
            reply(0, Some("10.0.0.1"), Some(1), false),
            reply(1, None, None, false),
            reply(1, Some("fe80::1 ✓"), Some(2), true),
            reply(3, Some("10.0.0.1"), Some(3), false),
            reply(5, Some("10.0.0.3"), Some(4), false),
        ],
        missing_sequences: [2, 4].into_iter().collect(),
        source: StatisticsSource::RawOutput,
        error: Some("err ✗".into()),
        warnings: vec!["first warning".into(), "second ⚠".into()],
    }
}

fn full_statistics_json() -> Value {
    json!({
        "destination": "dést.example", "resolvedIp": null, "transmitted": 7, "received": 5,
        "lost": 2, "duplicates": 1, "lossPercent": 28.5,
        "rtt": { "minMs": 1.5, "avgMs": 2.5, "maxMs": 3.5, "medianMs": 2.25, "stddevMs": 0.75, "jitterMs": 0.125 },
        "replies": [
            { "sequence": 0, "address": "10.0.0.1", "ttl": 101, "timeMs": 1.25, "sizeBytes": 1001, "duplicate": false },
            { "sequence": 1, "address": null, "ttl": null, "timeMs": null, "sizeBytes": null, "duplicate": false },
            { "sequence": 1, "address": "fe80::1 ✓", "ttl": 102, "timeMs": 2.25, "sizeBytes": 1002, "duplicate": true },
            { "sequence": 3, "address": "10.0.0.1", "ttl": 103, "timeMs": 3.25, "sizeBytes": 1003, "duplicate": false },
            { "sequence": 5, "address": "10.0.0.3", "ttl": 104, "timeMs": 4.25, "sizeBytes": 1004, "duplicate": false },
        ],
        "missingSequences": [2, 4], "source": "rawOutput", "error": "err ✗",
        "warnings": ["first warning", "second ⚠"],
    })
}

#[wasm_bindgen_test]
fn every_field_of_a_full_result_crosses_the_boundary() {
    let result = PingTestResult {
        status: TestStatus::Other("QUEUED_ÉTAT".into()),
        is_terminal: false,
        outcome: TestOutcome::Pending,
        progress_percent: Some(12.5),
        start_time: Some("2025-04-09T10:00:00Z".into()),
        end_time: Some("2025-04-09T10:00:02Z".into()),
        duration_ms: Some(2000.5),
        fail_reason: Some("a reason ⏳".into()),
        raw_output: Some("raw\ntext".into()),
        statistics: Some(Rc::new(full_statistics())),
    };
    assert_crosses_as(
        &test_result_to_js(&result),
        json!({
            "status": "QUEUED_ÉTAT", "isTerminal": false, "outcome": "pending", "progressPercent": 12.5,
            "startTime": "2025-04-09T10:00:00Z", "endTime": "2025-04-09T10:00:02Z", "durationMs": 2000.5,
            "failReason": "a reason ⏳", "rawOutput": "raw\ntext", "statistics": full_statistics_json(),
        }),
    );
    assert_crosses_as(
        &statistics_to_js(&full_statistics()),
        full_statistics_json(),
    );
}

#[wasm_bindgen_test]
fn every_null_variant_crosses_as_null() {
    for (outcome, name) in [
        (TestOutcome::Measured, "measured"),
        (TestOutcome::NoResult, "noResult"),
    ] {
        let result = PingTestResult {
            status: TestStatus::Completed,
            is_terminal: true,
            outcome,
            progress_percent: None,
            start_time: None,
            end_time: None,
            duration_ms: None,
            fail_reason: None,
            raw_output: None,
            statistics: None,
        };
        assert_crosses_as(
            &test_result_to_js(&result),
            json!({
                "status": "COMPLETED", "isTerminal": true, "outcome": name, "progressPercent": null,
                "startTime": null, "endTime": null, "durationMs": null, "failReason": null,
                "rawOutput": null, "statistics": null,
            }),
        );
    }
    let empty = PingStatistics {
        destination: None,
        resolved_ip: None,
        transmitted: 0,
        received: 0,
        lost: 0,
        duplicates: 0,
        loss_percent: None,
        rtt: None,
        replies: Vec::new(),
        missing_sequences: Default::default(),
        source: StatisticsSource::Output,
        error: None,
        warnings: Vec::new(),
    };
    assert_crosses_as(
        &statistics_to_js(&empty),
        json!({
            "destination": null, "resolvedIp": null, "transmitted": 0, "received": 0, "lost": 0,
            "duplicates": 0, "lossPercent": null, "rtt": null, "replies": [], "missingSequences": [],
            "source": "output", "error": null, "warnings": [],
        }),
    );
}

fn probe(
    address: Option<&str>,
    name: Option<&str>,
    rtt_ms: Option<f64>,
    mark: Option<&str>,
) -> TraceProbe {
    TraceProbe {
        address: address.map(Rc::from),
        name: name.map(Rc::from),
        rtt_ms,
        annotation: mark.map(Rc::from),
    }
}

/// Three hops: one answered by two addresses (one of them named, one probe marked), one
/// that lost every probe, one with no probe listed; the same address again after a gap,
/// so a shared address is written anew after another one.
fn full_trace(reached: Option<bool>) -> Traceroute {
    Traceroute {
        destination: Destination {
            name: Some("zíel.example".into()),
            address: Some("10.0.0.9".into()),
        },
        max_hops: Some(30),
        hops: vec![
            TraceHop {
                hop: 1,
                probes: vec![
                    probe(Some("10.0.0.1"), Some("gw.lan ✓"), Some(0.5), None),
                    probe(Some("10.0.0.1"), None, Some(2.5), Some("<1")),
                    probe(Some("10.0.0.2"), None, None, Some("!H")),
                ],
                loss_percent: Some(100.0 / 3.0),
                min_ms: Some(0.5),
                avg_ms: Some(1.5),
                max_ms: Some(2.5),
                addresses: vec![Rc::from("10.0.0.1"), Rc::from("10.0.0.2")],
            },
            TraceHop {
                hop: 4,
                probes: vec![
                    probe(None, None, None, None),
                    probe(Some("10.0.0.1"), None, Some(2.25), None),
                ],
                loss_percent: Some(50.0),
                min_ms: Some(2.25),
                avg_ms: Some(2.25),
                max_ms: Some(2.25),
                addresses: vec![Rc::from("10.0.0.1")],
            },
            TraceHop {
                hop: 255,
                probes: Vec::new(),
                loss_percent: None,
                min_ms: None,
                avg_ms: None,
                max_ms: None,
                addresses: Vec::new(),
            },
        ],
        reached,
        source: TraceSource::Merged,
        warnings: vec!["hop 4 filled in ⚠".into()],
    }
}

fn full_trace_json(reached: Value) -> Value {
    json!({
        "destination": { "name": "zíel.example", "address": "10.0.0.9" },
        "maxHops": 30,
        "hops": [
            { "hop": 1, "probes": [
                { "address": "10.0.0.1", "name": "gw.lan ✓", "rttMs": 0.5, "annotation": null },
                { "address": "10.0.0.1", "name": null, "rttMs": 2.5, "annotation": "<1" },
                { "address": "10.0.0.2", "name": null, "rttMs": null, "annotation": "!H" },
              ], "lossPercent": 100.0 / 3.0, "minMs": 0.5, "avgMs": 1.5, "maxMs": 2.5,
              "addresses": ["10.0.0.1", "10.0.0.2"] },
            { "hop": 4, "probes": [
                { "address": null, "name": null, "rttMs": null, "annotation": null },
                { "address": "10.0.0.1", "name": null, "rttMs": 2.25, "annotation": null },
              ], "lossPercent": 50, "minMs": 2.25, "avgMs": 2.25, "maxMs": 2.25,
              "addresses": ["10.0.0.1"] },
            { "hop": 255, "probes": [], "lossPercent": null, "minMs": null, "avgMs": null,
              "maxMs": null, "addresses": [] },
        ],
        "reached": reached,
        "source": "merged",
        "warnings": ["hop 4 filled in ⚠"],
    })
}

#[wasm_bindgen_test]
fn every_field_of_a_full_traceroute_crosses_the_boundary() {
    for (reached, want) in [
        (Some(true), json!(true)),
        (Some(false), json!(false)),
        (None, Value::Null),
    ] {
        assert_crosses_as(
            &trace_to_js(&full_trace(reached)),
            full_trace_json(want.clone()),
        );
        let result = TracerouteTestResult {
            status: TestStatus::Completed,
            is_terminal: true,
            outcome: TraceOutcome::Traced,
            progress_percent: Some(100.0),
            start_time: Some("2025-04-09T10:00:00Z".into()),
            end_time: Some("2025-04-09T10:02:38Z".into()),
            duration_ms: Some(158_000.25),
            fail_reason: Some("ëxplained".into()),
            raw_output: Some("traceroute to …\n 1  10.0.0.1".into()),
            trace: Some(Rc::new(full_trace(reached))),
        };
        assert_crosses_as(
            &traceroute_result_to_js(&result),
            json!({
                "status": "COMPLETED", "isTerminal": true, "outcome": "traced", "progressPercent": 100,
                "startTime": "2025-04-09T10:00:00Z", "endTime": "2025-04-09T10:02:38Z",
                "durationMs": 158_000.25, "failReason": "ëxplained",
                "rawOutput": "traceroute to …\n 1  10.0.0.1", "trace": full_trace_json(want),
            }),
        );
    }
}

#[wasm_bindgen_test]
fn every_null_variant_of_a_traceroute_crosses_as_null() {
    for (status, outcome, name) in [
        (TestStatus::Running, TraceOutcome::Pending, "pending"),
        (TestStatus::Failed, TraceOutcome::NoResult, "noResult"),
    ] {
        let result = TracerouteTestResult {
            is_terminal: status.is_terminal(),
            status,
            outcome,
            progress_percent: None,
            start_time: None,
            end_time: None,
            duration_ms: None,
            fail_reason: None,
            raw_output: None,
            trace: None,
        };
        let crossed = as_json(&traceroute_result_to_js(&result));
        assert_eq!(crossed["outcome"], json!(name));
        assert_eq!(crossed["trace"], Value::Null);
        assert_eq!(crossed["progressPercent"], Value::Null);
        assert_eq!(crossed["rawOutput"], Value::Null);
    }
    let empty = Traceroute {
        destination: Destination::default(),
        max_hops: None,
        hops: Vec::new(),
        reached: None,
        source: TraceSource::RawOutput,
        warnings: Vec::new(),
    };
    assert_crosses_as(
        &trace_to_js(&empty),
        json!({
            "destination": { "name": null, "address": null }, "maxHops": null, "hops": [],
            "reached": null, "source": "rawOutput", "warnings": [],
        }),
    );
    let from_output = Traceroute {
        source: TraceSource::Output,
        ..empty
    };
    assert_eq!(
        as_json(&trace_to_js(&from_output))["source"],
        json!("output")
    );
}
