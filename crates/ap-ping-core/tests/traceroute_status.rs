//! `parse_traceroute_status`: every device family's status body, its envelope checked as
//! ping's is, its hops typed, merged with `rawOutput`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use ap_ping_core::stats::TestStatus;
use ap_ping_core::traceroute::{
    parse_traceroute_status, TraceOutcome, TraceSource, TracerouteTestResult,
};

fn fixture(name: &str) -> String {
    support::traceroute_fixture(name)
}

fn parse(body: &str) -> TracerouteTestResult {
    parse_traceroute_status(body).unwrap_or_else(|e| panic!("{e}\n{body}"))
}

fn error(body: &str) -> String {
    parse_traceroute_status(body).unwrap_err().to_string()
}

/// The API description's AP example, as it gives it (hops 2–4 left out, `rawOutput`
/// inside `output`).
fn ap_example() -> String {
    fixture("ap_example_status.json")
}

#[test]
fn the_descriptions_ap_example_is_read_hop_by_hop() {
    let result = parse(&ap_example());
    assert_eq!(result.status, TestStatus::Completed);
    assert!(result.is_terminal);
    assert_eq!(result.outcome, TraceOutcome::Traced);
    assert_eq!(result.duration_ms, Some(158_000.0));
    assert!(result
        .raw_output
        .unwrap()
        .starts_with("\nCOMMAND=traceroute www.google.com\n"));
    let trace = result.trace.unwrap();
    assert_eq!(
        trace.source,
        TraceSource::Output,
        "rawOutput has no hop output lacks"
    );
    assert!(trace.warnings.is_empty(), "{:?}", trace.warnings);
    assert_eq!(trace.max_hops, Some(30), "from rawOutput's header");
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
    assert_eq!(support::addresses(first), ["10.27.113.225"]);
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
    let body = ap_example().replace("\"0.942 ms\"", "\"fast\"");
    assert_eq!(
        error(&body),
        "output.hops[0].probes[1].responseTimeMilliseconds: expected a time such as \"1.5 ms\", \"*\" or \"null\", got \"fast\""
    );
}

/// An AOS-S switch's answer: no `resolvedIp`, times as `"1 ms"`, the address in
/// `ipAddress`, hop 2 (answered from two addresses) missing from `hops` but in `rawOutput`.
fn aos_s() -> String {
    fixture("aos_s_status.json")
}

#[test]
fn an_aos_s_answer_gets_its_two_address_hop_from_raw_output() {
    let trace = parse(&aos_s()).trace.unwrap();
    assert_eq!(trace.source, TraceSource::Merged);
    assert_eq!(
        trace.hops.iter().map(|h| h.hop).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    assert_eq!(
        support::addresses(&trace.hops[1]),
        ["10.186.128.6", "10.186.128.4"]
    );
    assert!(
        trace.hops[2].probes.is_empty(),
        "output's `probes: []` is kept"
    );
    assert_eq!(trace.hops[2].loss_percent, None);
    assert_eq!(
        trace.hops[0].probes[0].address.as_deref(),
        Some("10.97.118.2")
    );
    assert_eq!(trace.hops[3].probes[0].rtt_ms, Some(2.0));
    assert_eq!(trace.max_hops, Some(30));
    assert_eq!(
        trace.destination.address.as_deref(),
        Some("10.186.172.153"),
        "from the header"
    );
    assert_eq!(trace.reached, Some(true));
    assert_eq!(trace.warnings, ["hop 2 filled in from rawOutput"]);
}

#[test]
fn without_raw_output_the_skipped_hop_stays_absent() {
    let full = aos_s();
    let body = full
        .split("\"rawOutput\"")
        .next()
        .unwrap()
        .trim_end()
        .trim_end_matches(',');
    let trace = parse(&format!("{body}}}")).trace.unwrap();
    assert_eq!(trace.source, TraceSource::Output);
    assert_eq!(
        trace.hops.iter().map(|h| h.hop).collect::<Vec<_>>(),
        [1, 3, 4]
    );
    assert!(trace.warnings.is_empty());
    assert_eq!(
        trace.reached,
        Some(true),
        "the destination field is an address: it is the address"
    );
}

#[test]
fn a_cx_answer_with_its_glued_times() {
    let result = parse(
        r#"{"status": "COMPLETED", "output": {"destination": "10.1.1.10", "resolvedIp": "10.1.1.10",
            "hops": [{"hop": "1", "probes": [
              {"ipAddress": "10.1.1.10", "responseTimeMilliseconds": "0.529ms", "reverseDnsResolution": "null"},
              {"ipAddress": "10.1.1.10", "responseTimeMilliseconds": "0.320ms", "reverseDnsResolution": "null"},
              {"ipAddress": "10.1.1.10", "responseTimeMilliseconds": "0.166ms", "reverseDnsResolution": "null"}]}]},
          "rawOutput": "traceroute to 10.1.1.10 (10.1.1.10), 1 hops min, 30 hops max, 3 sec. timeout, 3 probes\n  1   10.1.1.10  0.529ms  0.320ms  0.166ms \n"}"#,
    );
    let trace = result.trace.unwrap();
    assert_eq!(trace.source, TraceSource::Output, "nothing to fill in");
    assert_eq!(
        trace.hops[0]
            .probes
            .iter()
            .map(|p| p.rtt_ms.unwrap())
            .collect::<Vec<_>>(),
        [0.529, 0.32, 0.166]
    );
    assert_eq!(trace.reached, Some(true));
    assert!(trace.warnings.is_empty(), "{:?}", trace.warnings);
}

#[test]
fn a_name_is_told_from_an_address_in_either_field() {
    let trace = parse(
        r#"{"status": "COMPLETED", "output": {"hops": [
            {"hop": 1, "probes": [
              {"ipAddress": "gw.lan", "responseTimeMilliseconds": 1.5, "reverseDnsResolution": "192.168.1.1"},
              {"ipAddress": "192.168.1.1", "responseTimeMilliseconds": "2 ms", "reverseDnsResolution": "gw.lan"},
              {"ipAddress": "192.168.1.1", "responseTimeMilliseconds": "2 ms", "reverseDnsResolution": "192.168.1.1"},
              {"ipAddress": null, "responseTimeMilliseconds": null}]}]}}"#,
    )
    .trace
    .unwrap();
    let hop = &trace.hops[0];
    for probe in &hop.probes[..2] {
        assert_eq!(probe.address.as_deref(), Some("192.168.1.1"));
        assert_eq!(probe.name.as_deref(), Some("gw.lan"));
    }
    assert_eq!(
        hop.probes[2].name, None,
        "a name equal to the address is no name"
    );
    assert_eq!(hop.probes[3].address, None);
    assert_eq!(hop.loss_percent, Some(25.0));
    assert_eq!(
        trace.reached,
        Some(false).filter(|_| false),
        "no destination known"
    );
}

#[test]
fn a_raw_output_that_disagrees_keeps_the_structured_hops_and_warns() {
    let body = aos_s().replace(" 1 10.97.118.2  ", " 1 10.97.118.9  ");
    let trace = parse(&body).trace.unwrap();
    assert_eq!(
        trace.hops[0].probes[0].address.as_deref(),
        Some("10.97.118.2")
    );
    assert_eq!(
        trace.warnings,
        [
            "hop 2 filled in from rawOutput",
            "output.hops and rawOutput differ at hop 1; output.hops kept"
        ]
    );
}

#[test]
fn with_no_output_the_raw_text_is_the_trace() {
    let result = parse(
        r#"{"status": "COMPLETED", "rawOutput": "\nCOMMAND=traceroute www.google.com\ntraceroute to 142.251.46.164 (142.251.46.164), 30 hops max, 38 byte packets\n 1  10.27.113.225  33.799 ms  0.942 ms  0.897 ms\n 2  142.251.46.164  9.1 ms  9.0 ms  9.2 ms\n"}"#,
    );
    assert_eq!(result.outcome, TraceOutcome::Traced);
    let trace = result.trace.unwrap();
    assert_eq!(trace.source, TraceSource::RawOutput);
    assert_eq!(trace.destination.name.as_deref(), Some("www.google.com"));
    assert_eq!(trace.hops.len(), 2);
    assert_eq!(trace.reached, Some(true));
}

#[test]
fn the_outcome_follows_pings_rules() {
    let failed = parse(r#"{"status": "FAILED", "failReason": "AP offline"}"#);
    assert_eq!(failed.outcome, TraceOutcome::NoResult);
    assert!(failed.trace.is_none());
    let reason = ap_example().replace(
        "\"status\": \"COMPLETED\",",
        "\"status\": \"COMPLETED\", \"failReason\": \"Unable to resolve host\",",
    );
    assert_eq!(parse(&reason).outcome, TraceOutcome::NoResult);
    let blank_reason = ap_example().replace(
        "\"status\": \"COMPLETED\",",
        "\"status\": \"COMPLETED\", \"failReason\": \" \",",
    );
    assert_eq!(parse(&blank_reason).outcome, TraceOutcome::Traced);
    let no_hops = parse(r#"{"status": "COMPLETED", "output": {"destination": "x", "hops": []}}"#);
    assert_eq!(no_hops.outcome, TraceOutcome::NoResult);
    assert_eq!(no_hops.trace.unwrap().hops.len(), 0);
    let other = parse(r#"{"status": "QUEUED"}"#);
    assert_eq!(other.status, TestStatus::Other("QUEUED".into()));
    assert_eq!(other.outcome, TraceOutcome::Pending);
}

#[test]
fn hops_sent_out_of_order_are_put_in_order() {
    let trace = parse(
        r#"{"status": "COMPLETED", "output": {"hops": [
            {"probes": [], "hop": "3"}, {"hop": "1", "probes": []}, {"hop": "2"}]}}"#,
    )
    .trace
    .unwrap();
    assert_eq!(
        trace.hops.iter().map(|h| h.hop).collect::<Vec<_>>(),
        [1, 2, 3]
    );
}

#[test]
fn bad_values_are_errors_naming_their_place() {
    for (body, message) in [
        (r#"{"output": {}}"#, "status: required field is missing"),
        (r#"{"status": ""}"#, "status: must not be empty"),
        (r#"{"status": 7}"#, "status: expected a string, got the number 7"),
        (r#"{"status": "RUNNING", "progressPercent": 140}"#, "progressPercent: expected a percentage from 0 to 100, got 140"),
        (r#"{"status": "RUNNING", "startTime": "yesterday"}"#, "startTime: expected an RFC 3339 timestamp like 2025-05-20T13:07:48.849780286Z, got \"yesterday\""),
        (r#"{"status": "COMPLETED", "output": []}"#, "output: expected an object, got an array"),
        (r#"{"status": "COMPLETED", "output": {"hops": {}}}"#, "output.hops: expected an array of hops, got an object"),
        (r#"{"status": "COMPLETED", "output": {"hops": ["1"]}}"#, "output.hops[0]: expected a hop object, got the string \"1\""),
        (r#"{"status": "COMPLETED", "output": {"hops": [{"probes": []}]}}"#, "output.hops[0].hop: required field is missing"),
        (r#"{"status": "COMPLETED", "output": {"hops": [{"hop": "one"}]}}"#, "output.hops[0].hop: expected an integer, got \"one\""),
        (r#"{"status": "COMPLETED", "output": {"hops": [{"hop": "0"}]}}"#, "output.hops[0].hop: a hop number starts at 1, got 0"),
        (r#"{"status": "COMPLETED", "output": {"hops": [{"hop": "-2"}]}}"#, "output.hops[0].hop: expected a non-negative integer, got \"-2\""),
        (r#"{"status": "COMPLETED", "output": {"hops": [{"hop": "1"}, {"hop": "2"}, {"hop": 1}]}}"#, "output.hops[2].hop: hop 1 is listed twice (also output.hops[0])"),
        (r#"{"status": "COMPLETED", "output": {"hops": [{"hop": "1", "hop": "2"}]}}"#, "output.hops[0].hop: the field is sent twice"),
        (r#"{"status": "COMPLETED", "output": {"hops": [{"hop": "1", "probes": "*"}]}}"#, "output.hops[0].probes: expected an array of probes, got the string \"*\""),
        (r#"{"status": "COMPLETED", "output": {"hops": [{"hop": "1", "probes": [{}, 3]}]}}"#, "output.hops[0].probes[1]: expected a probe object, got the number 3"),
        (r#"{"status": "COMPLETED", "output": {"hops": [{"hop": "1"}, {"hop": "2", "probes": [{}, {"ipAddress": 10}]}]}}"#, "output.hops[1].probes[1].ipAddress: expected a string, got the number 10"),
        (r#"{"status": "COMPLETED", "output": {"hops": [{"hop": "1", "probes": [{"responseTimeMilliseconds": -1}]}]}}"#, "output.hops[0].probes[0].responseTimeMilliseconds: expected a time such as \"1.5 ms\", \"*\" or \"null\", got \"-1\""),
        (r#"{"status": "COMPLETED", "output": {"hops": [{"hop": "1", "probes": [{"responseTimeMilliseconds": true}]}]}}"#, "output.hops[0].probes[0].responseTimeMilliseconds: expected a number or a numeric string, got true"),
        (r#"{"status": "COMPLETED", "output": {"resolvedIp": ["x"]}}"#, "output.resolvedIp: expected a string, got an array"),
        ("[]", "expected a JSON object, got an array"),
    ] {
        assert_eq!(error(body), message, "{body}");
    }
    assert!(
        error(r#"{"status": "COMPLETED", "output": {"hops": [{"hop": "1""#)
            .starts_with("not valid JSON")
    );
}

#[test]
fn hops_above_255_and_probes_past_ten_are_read_bounded_with_warnings() {
    let mut hops = Vec::new();
    for hop in 1..=300 {
        hops.push(format!(
            r#"{{"hop": "{hop}", "probes": [{}]}}"#,
            vec![
                r#"{"ipAddress": "10.0.0.1", "responseTimeMilliseconds": "1 ms"}"#;
                if hop == 1 { 12 } else { 3 }
            ]
            .join(",")
        ));
    }
    let body = format!(
        r#"{{"status": "COMPLETED", "output": {{"hops": [{}]}}}}"#,
        hops.join(",")
    );
    let trace = parse(&body).trace.unwrap();
    assert_eq!(trace.hops.len(), 255);
    assert_eq!(trace.hops[0].probes.len(), 10);
    assert_eq!(
        trace.warnings,
        [
            "45 hops numbered above 255 were not read",
            "2 probes past the 10 read per hop were not read"
        ]
    );
}

#[test]
fn a_body_larger_than_the_bound_is_refused_before_it_is_read() {
    let body = format!(
        r#"{{"status": "RUNNING", "pad": "{}"}}"#,
        "x".repeat(ap_ping_core::traceroute::MAX_TRACE_BODY_BYTES)
    );
    assert!(error(&body).contains("is too large to be a traceroute status"));
}
