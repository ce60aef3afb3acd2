//! Native tests of `parse_ping_status`: the status and progress of a 200 body.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_core::stats::{parse_ping_status, TestOutcome, TestStatus};
use ap_ping_core::ParseError;

const SEED_COMPLETED: &str = include_str!("../../../tests/fixtures/seed_completed.json");

#[test]
fn seed_body_is_completed_at_100_percent() {
    let result = parse_ping_status(SEED_COMPLETED).unwrap();
    assert_eq!(result.status, TestStatus::Completed);
    assert!(result.is_terminal);
    assert_eq!(result.progress_percent, Some(100.0));
}

#[test]
fn seed_body_is_a_measured_outcome() {
    let result = parse_ping_status(SEED_COMPLETED).unwrap();
    assert_eq!(result.outcome, TestOutcome::Measured);
}

/// The current API description's own example of a test that ran and found nothing.
#[test]
fn completed_with_a_fail_reason_is_an_outcome_without_result() {
    let body = include_str!("../../../tests/fixtures/completed_without_result.json");
    let result = parse_ping_status(body).unwrap();
    assert_eq!(result.status, TestStatus::Completed);
    assert!(result.is_terminal);
    assert_eq!(result.outcome, TestOutcome::NoResult);
    assert_eq!(
        result.fail_reason.as_deref(),
        Some("Destination not resolved")
    );
    let stats = result.statistics.expect("statistics from rawOutput");
    assert_eq!(
        stats.error.as_deref(),
        Some("host address failed because the ipv4/v6 address www.djgdij.com is invalid.")
    );
    assert_eq!((stats.transmitted, stats.loss_percent), (0, None));
}

#[test]
fn completed_without_statistics_is_an_outcome_without_result() {
    let result = parse_ping_status(r#"{"status":"COMPLETED","output":null}"#).unwrap();
    assert_eq!(result.outcome, TestOutcome::NoResult);
    assert_eq!(result.fail_reason, None);
}

#[test]
fn failed_is_an_outcome_without_result_even_without_a_reason() {
    let result = parse_ping_status(r#"{"status":"FAILED"}"#).unwrap();
    assert_eq!(result.outcome, TestOutcome::NoResult);
}

#[test]
fn running_and_unknown_statuses_are_pending() {
    for status in ["INITIATED", "RUNNING", "QUEUED_ON_AP"] {
        let body = format!(r#"{{"status":"{status}","failReason":"not yet"}}"#);
        assert_eq!(
            parse_ping_status(&body).unwrap().outcome,
            TestOutcome::Pending,
            "{status}"
        );
    }
}

#[test]
fn running_is_not_terminal() {
    let result = parse_ping_status(r#"{"status":"RUNNING","progressPercent":40}"#).unwrap();
    assert_eq!(result.status, TestStatus::Running);
    assert!(!result.is_terminal);
    assert_eq!(result.progress_percent, Some(40.0));
}

#[test]
fn unknown_status_is_kept_as_sent() {
    let result = parse_ping_status(r#"{"status":"QUEUED_ON_AP"}"#).unwrap();
    assert_eq!(result.status.as_str(), "QUEUED_ON_AP");
    assert!(!result.is_terminal);
    assert_eq!(result.progress_percent, None);
}

#[test]
fn text_that_is_not_json_is_a_not_json_error() {
    let err = parse_ping_status("<html>502 Bad Gateway</html>").unwrap_err();
    assert!(matches!(err, ParseError::NotJson { .. }), "{err:?}");
    assert!(err.to_string().starts_with("not valid JSON"), "{err}");
}

#[test]
fn a_json_array_is_rejected_by_kind() {
    let err = parse_ping_status("[1,2]").unwrap_err();
    assert_eq!(err.to_string(), "expected a JSON object, got an array");
}

#[test]
fn missing_status_names_the_field() {
    let err = parse_ping_status(r#"{"progressPercent": 5}"#).unwrap_err();
    assert_eq!(err.to_string(), "status: required field is missing");
}

#[test]
fn progress_out_of_range_names_the_field() {
    let err = parse_ping_status(r#"{"status":"RUNNING","progressPercent":140}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "progressPercent: expected a percentage from 0 to 100, got 140"
    );
    let err = parse_ping_status(r#"{"status":"RUNNING","progressPercent":-1}"#).unwrap_err();
    assert!(err.to_string().starts_with("progressPercent:"), "{err}");
}

#[test]
fn wrongly_typed_status_names_the_field() {
    let err = parse_ping_status(r#"{"status": 7}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "status: expected a string, got the number 7"
    );
}

#[test]
fn a_field_sent_twice_is_ambiguous_and_rejected() {
    let err = parse_ping_status(r#"{"status":"RUNNING","status":"COMPLETED"}"#).unwrap_err();
    assert_eq!(err.to_string(), "status: the field is sent twice");
}

#[test]
fn json_syntax_errors_say_where() {
    let err = parse_ping_status("{\"status\":\"RUNNING\",\n \"progressPercent\": 4x}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "not valid JSON: expected `,` or `}` at line 2 column 22"
    );
}

#[test]
fn trailing_garbage_is_not_json() {
    let err = parse_ping_status(r#"{"status":"RUNNING"} x"#).unwrap_err();
    assert!(matches!(err, ParseError::NotJson { .. }), "{err:?}");
}

// ── the full result of the seed body ──────────────────────────────────────────────────

use ap_ping_core::stats::StatisticsSource;

#[test]
fn seed_body_statistics_match_the_api_with_the_lost_packet_inferred() {
    let result = parse_ping_status(SEED_COMPLETED).unwrap();
    let stats = result.statistics.expect("statistics");
    assert_eq!(stats.source, StatisticsSource::Output);
    assert_eq!(stats.destination.as_deref(), Some("www.google.com"));
    assert_eq!(stats.resolved_ip.as_deref(), Some("142.251.46.164"));
    assert_eq!(
        (
            stats.transmitted,
            stats.received,
            stats.lost,
            stats.duplicates
        ),
        (5, 4, 1, 0)
    );
    assert_eq!(stats.loss_percent, Some(20.0));
    assert_eq!(stats.missing_sequences, vec![2]);
    let rtt = stats.rtt.as_ref().expect("rtt");
    assert_eq!((rtt.min_ms, rtt.avg_ms, rtt.max_ms), (200.2, 204.7, 209.8));
    assert_eq!(rtt.median_ms, 204.5);
    assert!(
        (rtt.jitter_ms - 19.2 / 3.0).abs() < 1e-9,
        "{}",
        rtt.jitter_ms
    );
    assert!(
        (rtt.stddev_ms - 20.8275_f64.sqrt()).abs() < 1e-9,
        "{}",
        rtt.stddev_ms
    );
    assert_eq!(stats.replies.len(), 4);
    assert_eq!(stats.replies[2].sequence, 3);
    assert_eq!(stats.replies[2].time_ms, Some(208.8));
    assert!(stats.warnings.is_empty(), "{:?}", stats.warnings);
}

#[test]
fn seed_body_keeps_times_and_computes_the_duration_to_the_nanosecond() {
    let result = parse_ping_status(SEED_COMPLETED).unwrap();
    assert_eq!(
        result.start_time.as_deref(),
        Some("2025-05-20T13:07:48.849780286Z")
    );
    assert_eq!(
        result.end_time.as_deref(),
        Some("2025-05-20T13:08:04.034123064Z")
    );
    assert_eq!(result.duration_ms, Some(15184.342778));
    assert_eq!(result.fail_reason, None);
    assert!(result
        .raw_output
        .unwrap()
        .starts_with("\nCOMMAND=ping www.google.com\n"));
}

#[test]
fn statistics_come_from_raw_output_when_output_is_absent_or_empty() {
    let seed: serde_json::Value = serde_json::from_str(SEED_COMPLETED).unwrap();
    for output in [serde_json::Value::Null, serde_json::json!({})] {
        let mut body = seed.clone();
        body["output"] = output;
        let result = parse_ping_status(&body.to_string()).unwrap();
        let stats = result.statistics.expect("statistics from rawOutput");
        assert_eq!(stats.source, StatisticsSource::RawOutput);
        assert_eq!(stats.destination.as_deref(), Some("www.google.com"));
        assert_eq!(stats.missing_sequences, vec![2]);
    }
}

#[test]
fn a_running_test_has_no_statistics_yet() {
    let result = parse_ping_status(
        r#"{"status":"RUNNING","progressPercent":40,"startTime":"2025-05-20T13:07:48Z","output":null,"rawOutput":null,"failReason":null}"#,
    )
    .unwrap();
    assert_eq!(result.statistics, None);
    assert_eq!(result.duration_ms, None);
}

#[test]
fn a_failed_test_keeps_its_reason() {
    let result = parse_ping_status(
        r#"{"status":"FAILED","progressPercent":100,"failReason":"Unable to resolve host nonexistent.invalid"}"#,
    )
    .unwrap();
    assert!(result.is_terminal);
    assert_eq!(
        result.fail_reason.as_deref(),
        Some("Unable to resolve host nonexistent.invalid")
    );
}

// ── bad input: every path decided on purpose ──────────────────────────────────────────

/// The seed body with one JSON pointer replaced.
fn seed_with(pointer: &str, value: serde_json::Value) -> String {
    let mut body: serde_json::Value = serde_json::from_str(SEED_COMPLETED).unwrap();
    *body.pointer_mut(pointer).unwrap() = value;
    body.to_string()
}

fn error_of(body: &str) -> String {
    parse_ping_status(body).unwrap_err().to_string()
}

#[test]
fn a_non_integer_ttl_names_the_reply_and_the_field() {
    let body = seed_with("/output/replies/2/sentPacketTimeToLive", "abc".into());
    assert_eq!(
        error_of(&body),
        r#"output.replies[2].sentPacketTimeToLive: expected an integer, got "abc""#
    );
}

#[test]
fn negative_counts_are_rejected() {
    let body = seed_with("/output/transmittedPacketsCount", "-5".into());
    assert_eq!(
        error_of(&body),
        r#"output.transmittedPacketsCount: expected a non-negative integer, got "-5""#
    );
}

#[test]
fn more_received_than_transmitted_is_rejected() {
    let body = seed_with("/output/receivedPacketsCount", "6".into());
    assert_eq!(
        error_of(&body),
        "output.receivedPacketsCount: 6 packets received but only 5 transmitted"
    );
}

#[test]
fn nan_and_infinity_are_not_numbers_we_accept() {
    for bad in ["NaN", "Infinity", "-inf"] {
        let body = seed_with("/output/averageRoundTripTimeMilliseconds", bad.into());
        assert_eq!(
            error_of(&body),
            format!(
                "output.averageRoundTripTimeMilliseconds: expected a finite number, got {bad:?}"
            )
        );
    }
    let body = seed_with(
        "/output/replies/0/sentPacketTimeMilliseconds",
        "-1.5".into(),
    );
    assert_eq!(
        error_of(&body),
        r#"output.replies[0].sentPacketTimeMilliseconds: expected a non-negative number, got "-1.5""#
    );
}

#[test]
fn a_reply_without_a_sequence_number_is_rejected() {
    let mut body: serde_json::Value = serde_json::from_str(SEED_COMPLETED).unwrap();
    body["output"]["replies"][1]
        .as_object_mut()
        .unwrap()
        .remove("sentPacketIcmpSequenceNumber");
    assert_eq!(
        error_of(&body.to_string()),
        "output.replies[1].sentPacketIcmpSequenceNumber: required field is missing"
    );
}

#[test]
fn a_wrongly_typed_nested_value_names_its_path() {
    let body = seed_with(
        "/output/replies/3/sentPacketAddress",
        serde_json::json!([1]),
    );
    assert_eq!(
        error_of(&body),
        "output.replies[3].sentPacketAddress: expected a string, got an array"
    );
    let body = seed_with("/output/replies", serde_json::json!("none"));
    assert_eq!(
        error_of(&body),
        r#"output.replies: expected an array of replies, got the string "none""#
    );
    let body = seed_with("/output/replies/1", serde_json::json!(true));
    assert_eq!(
        error_of(&body),
        "output.replies[1]: expected a reply object, got true"
    );
    let body = seed_with("/output", serde_json::json!(5));
    assert_eq!(
        error_of(&body),
        "output: expected an object, got the number 5"
    );
}

#[test]
fn numbers_sent_as_json_numbers_are_accepted() {
    let body = seed_with("/output/transmittedPacketsCount", 5.into());
    let stats = parse_ping_status(&body).unwrap().statistics.unwrap();
    assert_eq!(stats.transmitted, 5);
    let body = seed_with("/output/transmittedPacketsCount", 5.5.into());
    assert_eq!(
        error_of(&body),
        "output.transmittedPacketsCount: expected an integer, got 5.5"
    );
}

#[test]
fn absurdly_long_strings_are_rejected_by_size() {
    let body = seed_with("/output/destination", "a".repeat(5000).into());
    assert_eq!(
        error_of(&body),
        "output.destination: a string of 5000 bytes is longer than the 1024 accepted"
    );
}

#[test]
fn malformed_timestamps_and_an_end_before_the_start_are_rejected() {
    let body = seed_with("/startTime", "yesterday".into());
    assert!(
        error_of(&body).starts_with("startTime: expected an RFC 3339 timestamp"),
        "{}",
        error_of(&body)
    );
    let body = seed_with("/endTime", "2025-05-20T13:07:00Z".into());
    assert!(
        error_of(&body).starts_with("endTime: is "),
        "{}",
        error_of(&body)
    );
}

#[test]
fn an_empty_status_is_rejected() {
    assert_eq!(error_of(r#"{"status":"  "}"#), "status: must not be empty");
}

#[test]
fn a_reported_loss_that_disagrees_is_kept_with_a_warning() {
    let body = seed_with("/output/packetLossPercent", "40".into());
    let stats = parse_ping_status(&body).unwrap().statistics.unwrap();
    assert_eq!(stats.loss_percent, Some(40.0));
    assert_eq!(
        stats.warnings,
        vec!["the reported packet loss 40% disagrees with 1 of 5 lost (20%)"]
    );
}

#[test]
fn a_repeated_sequence_is_a_duplicate() {
    let body = seed_with("/output/replies/1/sentPacketIcmpSequenceNumber", "0".into());
    let stats = parse_ping_status(&body).unwrap().statistics.unwrap();
    assert!(stats.replies[1].duplicate);
    assert_eq!(stats.missing_sequences, vec![1, 2]);
    assert_eq!(
        stats.warnings,
        vec!["the summary says 4 received but 3 replies are listed"]
    );
}

#[test]
fn an_absurd_packet_count_is_rejected_before_anything_is_allocated_for_it() {
    let body = seed_with("/output/transmittedPacketsCount", "4000000000".into());
    assert_eq!(
        error_of(&body),
        "output.transmittedPacketsCount: 4000000000 is more than the 1000000 packets a ping test is taken to send"
    );
}

#[test]
fn elapsed_time_is_the_duration_once_known_else_the_time_since_the_start() {
    let running =
        parse_ping_status(r#"{"status":"RUNNING","startTime":"2025-04-09T10:00:00Z"}"#).unwrap();
    let start_ms = 1_744_192_800_000.0; // 2025-04-09T10:00:00Z
    assert_eq!(running.elapsed_ms(start_ms + 2500.0), Some(2500.0));
    assert_eq!(
        running.elapsed_ms(start_ms - 1000.0),
        None,
        "a start in the future (a wrong clock) says nothing"
    );
    let done = parse_ping_status(SEED_COMPLETED).unwrap();
    assert_eq!(done.elapsed_ms(0.0), Some(15184.342778));
    let unknown = parse_ping_status(r#"{"status":"RUNNING"}"#).unwrap();
    assert_eq!(unknown.elapsed_ms(start_ms), None);
}
