//! Native tests of `parse_ping_status`: the status and progress of a 200 body.
#![cfg(not(target_arch = "wasm32"))]

use ap_ping_widget::api::ParseError;
use ap_ping_widget::stats::{parse_ping_status, TestStatus};

const SEED_COMPLETED: &str = include_str!("fixtures/seed_completed.json");

#[test]
fn seed_body_is_completed_at_100_percent() {
    let result = parse_ping_status(SEED_COMPLETED).unwrap();
    assert_eq!(result.status, TestStatus::Completed);
    assert!(result.is_terminal);
    assert_eq!(result.progress_percent, Some(100.0));
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
    assert!(
        err.to_string()
            .starts_with("status: invalid type: integer `7`"),
        "{err}"
    );
}

#[test]
fn trailing_garbage_is_not_json() {
    let err = parse_ping_status(r#"{"status":"RUNNING"} x"#).unwrap_err();
    assert!(matches!(err, ParseError::NotJson { .. }), "{err:?}");
}
