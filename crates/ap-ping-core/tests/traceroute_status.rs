//! `parse_traceroute_status`: every device family's status body, its envelope checked as
//! ping's is, its hops typed, merged with `rawOutput`.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_core::stats::TestStatus;
use ap_ping_core::traceroute::{
    parse_traceroute_status, TraceOutcome, TraceSource, TracerouteTestResult,
};

fn parse(body: &str) -> TracerouteTestResult {
    parse_traceroute_status(body).unwrap_or_else(|e| panic!("{e}\n{body}"))
}

fn error(body: &str) -> String {
    parse_traceroute_status(body).unwrap_err().to_string()
}

/// The API description's AP example, as it gives it (hops 2–4 left out, `rawOutput`
/// inside `output`).
const AP_EXAMPLE: &str = r#"{
  "status": "COMPLETED", "progressPercent": 100,
  "startTime": "2025-05-20T13:07:48.849780286Z", "endTime": "2025-05-20T13:10:26.849780286Z",
  "output": {
    "destination": "www.google.com",
    "resolvedIp": "142.251.46.164",
    "hops": [
      { "hop": "1", "probes": [
        { "ipAddress": "null", "responseTimeMilliseconds": "33.799 ms", "reverseDnsResolution": "10.27.113.225" },
        { "ipAddress": "null", "responseTimeMilliseconds": "0.942 ms",  "reverseDnsResolution": "10.27.113.225" },
        { "ipAddress": "null", "responseTimeMilliseconds": "0.897 ms",  "reverseDnsResolution": "10.27.113.225" } ] },
      { "hop": "5", "probes": [
        { "ipAddress": "null", "responseTimeMilliseconds": "*", "reverseDnsResolution": "null" } ] }
    ]
  }
}"#;

#[test]
fn the_descriptions_ap_example_is_read_hop_by_hop() {
    let result = parse(AP_EXAMPLE);
    assert_eq!(result.status, TestStatus::Completed);
    assert!(result.is_terminal);
    assert_eq!(result.outcome, TraceOutcome::Traced);
    assert_eq!(result.duration_ms, Some(158_000.0));
    let trace = result.trace.unwrap();
    assert_eq!(trace.source, TraceSource::Output);
    assert_eq!(trace.destination.name.as_deref(), Some("www.google.com"));
    assert_eq!(trace.destination.address.as_deref(), Some("142.251.46.164"));
    assert_eq!(trace.hops.len(), 2);
    let first = &trace.hops[0];
    assert_eq!(first.hop, 1);
    assert_eq!(
        first.probes.iter().map(|p| p.rtt_ms).collect::<Vec<_>>(),
        [Some(33.799), Some(0.942), Some(0.897)]
    );
    assert_eq!(first.probes[0].address.as_deref(), Some("10.27.113.225"));
    assert_eq!(first.probes[0].name, None);
    assert_eq!(
        first.addresses.iter().map(|a| &**a).collect::<Vec<_>>(),
        ["10.27.113.225"]
    );
    assert_eq!(first.loss_percent, Some(0.0));
    assert_eq!((first.min_ms, first.max_ms), (Some(0.897), Some(33.799)));
    assert!((first.avg_ms.unwrap() - 11.879_333).abs() < 1e-5);
    let fifth = &trace.hops[1];
    assert_eq!(fifth.hop, 5);
    assert_eq!(fifth.loss_percent, Some(100.0));
    assert_eq!(fifth.probes[0].address, None);
    assert_eq!(
        (fifth.min_ms, fifth.avg_ms, fifth.max_ms),
        (None, None, None)
    );
    assert!(fifth.addresses.is_empty());
    assert_eq!(
        trace.reached,
        Some(false),
        "ended at hop 5 without 142.251.46.164"
    );
}

#[test]
fn a_running_test_is_pending_without_a_trace() {
    let result = parse(r#"{"status": "RUNNING", "progressPercent": "40"}"#);
    assert_eq!(result.outcome, TraceOutcome::Pending);
    assert_eq!(result.progress_percent, Some(40.0));
    assert!(result.trace.is_none());
}

#[test]
fn a_bad_probe_time_is_an_error_naming_its_path() {
    let body = AP_EXAMPLE.replace("\"0.942 ms\"", "\"fast\"");
    assert_eq!(
        error(&body),
        "output.hops[0].probes[1].responseTimeMilliseconds: expected a time such as \"1.5 ms\", \"*\" or \"null\", got \"fast\""
    );
}
